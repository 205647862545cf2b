import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Config } from '../../src/config.ts';
import { createTestOrganisation, createTestUser, TEST_PASSWORD } from '../factories.ts';
import { sentMessage, signedInStaff } from '../scenarios.ts';
import type { TestSmtpServer } from '../smtp-server.ts';
import {
  browserIsAvailable,
  type E2eServer,
  type MailingE2e,
  noFaults,
  screenshot,
  signedInPage,
  startServerBrowserAndMail,
  stopServerBrowserAndMail,
} from './browser.ts';

const noMailServerWarning =
  'No mail server is set up: emails wait here and are not sent. Give partners their links another way.';

describe.skipIf(!browserIsAvailable())('the outbox in the browser', { timeout: 90_000 }, () => {
  let e2e: MailingE2e;
  let server: E2eServer;
  let browser: Browser;
  let smtp: TestSmtpServer;
  let smtpConfig: Config['smtp'];

  beforeAll(async () => {
    e2e = await startServerBrowserAndMail();
    ({ server, browser, smtp, smtpConfig } = e2e);
  }, 60_000);

  afterAll(async () => {
    await stopServerBrowserAndMail(e2e);
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
    // No mail server: what the care worker sends waits in the outbox.
    server.config.smtp = { ...smtpConfig, host: undefined };
    const careWorker = await signedInStaff(server, organisation.id, { role: 'care_worker' });
    const sent = await sentMessage(server, careWorker, {
      partner: { type: 'housing', name: 'Oakfield Housing' },
      contact: { name: 'Jo Banner', email: 'jo.banner@oakfield.example' },
      subject: 'Lift out of order at Oak House',
      summary: 'Since 6am today the lift at Oak House has been out of order.',
    });
    expect(sent.answer.emailState).toBe('no_mail_server');

    const { context, page, watch } = await signedInPage(browser, server, manager.email, TEST_PASSWORD);
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
    expect(await e2e.deliver()).toBeGreaterThanOrEqual(1);
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
