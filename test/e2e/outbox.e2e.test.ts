import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Config } from '../../src/config.ts';
import { createMailer, type Mailer } from '../../src/mail/mailer.ts';
import { deliverDueEmails } from '../../src/outbox/email-delivery.ts';
import {
  createTestOrganisation,
  createTestPartnerContact,
  createTestPartnerOrganisation,
  createTestUser,
  signIn,
  TEST_PASSWORD,
} from '../factories.ts';
import { startTestSmtpServer, type TestSmtpServer } from '../smtp-server.ts';
import {
  browserIsAvailable,
  type E2eServer,
  launchBrowser,
  newContext,
  screenshot,
  signInThroughForm,
  startServer,
  watchPage,
} from './browser.ts';

const noFaults = { consoleErrors: [], pageErrors: [], cspViolations: [], dialogs: [] };
const noMailServerWarning =
  'No mail server is set up: emails wait here and are not sent. Give partners their links another way.';

describe.skipIf(!browserIsAvailable())('the outbox in the browser', { timeout: 90_000 }, () => {
  let server: E2eServer;
  let smtp: TestSmtpServer;
  let mailer: Mailer;
  let browser: Browser;
  let smtpConfig: Config['smtp'];

  beforeAll(async () => {
    smtp = await startTestSmtpServer();
    smtpConfig = smtp.smtpConfig();
    mailer = createMailer(smtpConfig);
    server = await startServer({ smtp: smtpConfig });
    server.clock.set(new Date());
    browser = await launchBrowser();
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await mailer?.close();
    await smtp?.stop();
  });

  /** The row of the outbox table about the message with this subject. */
  const rowAbout = (page: Page, subject: string) =>
    page.getByRole('row').filter({ has: page.getByRole('link', { name: subject }) });

  test('a manager sees emails waiting when no mail server is set up, and sent once one is', async () => {
    const organisation = await createTestOrganisation(server.db, server.clock);
    const manager = await createTestUser(server.db, server.clock, organisation.id, {
      role: 'manager',
      displayName: 'Morgan Reid',
    });
    const careWorker = await createTestUser(server.db, server.clock, organisation.id, {
      role: 'care_worker',
    });
    const partner = await createTestPartnerOrganisation(server.db, server.clock, organisation.id, {
      type: 'housing',
      name: 'Oakfield Housing',
    });
    const contact = await createTestPartnerContact(server.db, server.clock, organisation.id, partner.id, {
      type: 'housing',
      name: 'Jo Banner',
      email: 'jo.banner@oakfield.example',
    });

    // No mail server: what the care worker sends waits in the outbox.
    server.config.smtp = { ...smtpConfig, host: undefined };
    const careWorkerSession = await signIn(server.app, careWorker.email);
    const sent = await server.app.inject({
      method: 'POST',
      url: '/api/messages',
      headers: careWorkerSession.headers,
      payload: {
        template: 'update',
        urgency: 'routine',
        partnerOrganisationId: partner.id,
        partnerContactId: contact.id,
        subject: 'Lift out of order at Oak House',
        summary: 'Since 6am today the lift at Oak House has been out of order.',
      },
    });
    expect(sent.statusCode, sent.body).toBe(201);
    expect(sent.json().emailState).toBe('no_mail_server');

    const context = await newContext(browser);
    const page = await context.newPage();
    const watch = await watchPage(page, [{ status: 401, path: '/api/session' }]);
    await page.goto(`${server.baseUrl}/sign-in`);
    await signInThroughForm(page, manager.email, TEST_PASSWORD);
    await page.waitForURL(`${server.baseUrl}/`);
    await page
      .getByRole('navigation', { name: 'Menu' })
      .getByRole('link', { name: 'Partner messages' })
      .click();
    await page.getByRole('link', { name: 'Emails and the outbox' }).click();
    await page.getByRole('heading', { level: 1, name: 'Emails and the outbox' }).waitFor();
    await page.getByText(noMailServerWarning).waitFor();
    const waiting = rowAbout(page, 'Lift out of order at Oak House');
    await waiting.getByText('Waiting to be sent').waitFor();
    expect(await waiting.textContent()).toContain('jo.banner@oakfield.example');
    await screenshot(page, 'outbox-no-mail-server');

    // A mail server is set up and the outbox job runs: the email leaves and the page says so.
    server.config.smtp = smtpConfig;
    expect(
      await deliverDueEmails(server.db, {
        mailer,
        clock: server.clock,
        domain: 'care.example',
        keyFile: server.config.mfaKeyFile,
      }),
    ).toBeGreaterThanOrEqual(1);
    await smtp.waitForMessages(1);
    await page.getByRole('link', { name: 'Sent', exact: true }).click();
    await page.waitForURL(`${server.baseUrl}/messages/outbox?state=sent`);
    const delivered = rowAbout(page, 'Lift out of order at Oak House');
    await delivered.getByText('Sent', { exact: true }).waitFor();
    expect(await delivered.textContent()).toMatch(/Sent \d+ \w+ \d{4} at/);
    expect(await page.getByText(noMailServerWarning).count()).toBe(0);
    await screenshot(page, 'outbox-sent');

    // The link on the row opens the message.
    await delivered.getByRole('link', { name: 'Lift out of order at Oak House' }).click();
    await page.getByRole('heading', { level: 1, name: /Lift out of order at Oak House/ }).waitFor();
    expect(watch).toEqual(noFaults);
    await context.close();
  });
});
