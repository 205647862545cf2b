import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { insertAttentionItem } from '../../src/attention/attention.repository.ts';
import {
  createTestOrganisation,
  createTestPartnerContact,
  createTestPartnerOrganisation,
  createTestUser,
  signIn,
  TEST_PASSWORD,
} from '../factories.ts';
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

describe.skipIf(!browserIsAvailable())('"needs attention" in the browser', { timeout: 90_000 }, () => {
  let server: E2eServer;
  let browser: Browser;

  beforeAll(async () => {
    server = await startServer();
    server.clock.set(new Date());
    browser = await launchBrowser();
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  test('one card to phone the partner, gone once they acknowledge, and said why in words', async () => {
    const organisation = await createTestOrganisation(server.db, server.clock);
    const manager = await createTestUser(server.db, server.clock, organisation.id, {
      role: 'manager',
      displayName: 'Morgan Reid',
    });
    const partner = await createTestPartnerOrganisation(server.db, server.clock, organisation.id, {
      type: 'district_nurse',
      name: 'District Nursing Team',
    });
    const contact = await createTestPartnerContact(server.db, server.clock, organisation.id, partner.id, {
      type: 'district_nurse',
      name: 'Grace Obi',
    });
    const careWorker = await createTestUser(server.db, server.clock, organisation.id, {
      role: 'care_worker',
    });
    const session = await signIn(server.app, careWorker.email);
    const sent = await server.app.inject({
      method: 'POST',
      url: '/api/messages',
      headers: session.headers,
      payload: {
        template: 'request',
        askType: 'action',
        urgency: 'urgent',
        partnerOrganisationId: partner.id,
        partnerContactId: contact.id,
        subject: 'Dressings for Oak House',
        summary: 'Since 8am today we have had no dressings left for leg ulcer care.',
        impact: 'Two residents are due a dressing change this afternoon.',
        mitigations: 'We are keeping the current dressings clean and dry.',
        ask: 'Please bring dressings by 3pm today.',
        deadline: new Date(server.clock.now().getTime() + 2 * 3_600_000).toISOString(),
      },
    });
    expect(sent.statusCode, sent.body).toBe(201);
    const message = sent.json();
    // Two escalation steps (or a restart) ask for the same call: one card.
    for (let step = 0; step < 2; step += 1) {
      await insertAttentionItem(server.db, {
        org_id: organisation.id,
        id: crypto.randomUUID(),
        subject_type: 'partner_message',
        subject_id: message.id,
        for_user_id: null,
        step_id: crypto.randomUUID(),
        kind: 'call_partner',
        for_role: 'sender',
        title: 'Call District Nursing Team on the duty line: 0300 123 4567',
        detail: 'No reply yet to "Dressings for Oak House". Log the call on the thread.',
        created_at: server.clock.now(),
        resolved_at: null,
        resolved_by: null,
        resolution_note: null,
      });
    }

    const context = await newContext(browser);
    const page = await context.newPage();
    const watch = await watchPage(page, [{ status: 401, path: '/api/session' }]);
    await page.goto(`${server.baseUrl}/sign-in`);
    await signInThroughForm(page, manager.email, TEST_PASSWORD);
    await page.waitForURL(`${server.baseUrl}/`);
    await page.goto(`${server.baseUrl}/messages/attention`);
    await page.getByRole('heading', { level: 1, name: 'Needs attention' }).waitFor();
    const cards = page.locator('.nhsuk-card', { hasText: 'Dressings for Oak House' });
    await cards.first().waitFor();
    expect(await cards.count()).toBe(1);
    await screenshot(page, 'attention-one-card');

    // The nurse acknowledges through the link: nobody needs to phone any more.
    const token = message.partnerLink.slice(message.partnerLink.indexOf('#') + 1);
    const acknowledged = await server.app.inject({
      method: 'POST',
      url: '/api/partner/message/acknowledge',
      headers: { 'x-partner-link': token },
      payload: { name: 'Grace Obi' },
    });
    expect(acknowledged.statusCode).toBe(200);
    await page.reload();
    await page.getByText('Nothing needs your attention.').waitFor();
    await page.getByRole('link', { name: 'Show what has been dealt with' }).click();
    const resolved = page.locator('.nhsuk-card', { hasText: 'Dressings for Oak House' });
    await resolved.getByText('No longer needed: resolved by Liaison on').waitFor();
    expect(await resolved.textContent()).toContain('The partner acknowledged the message.');
    expect(await resolved.getByRole('button', { name: /Mark as dealt with/ }).count()).toBe(0);
    await screenshot(page, 'attention-resolved-by-liaison');
    expect(watch).toEqual(noFaults);
    await context.close();
  });
});
