import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { insertAttentionItem } from '../../src/attention/attention.repository.ts';
import { createTestOrganisation, createTestUser, TEST_PASSWORD } from '../factories.ts';
import { requestAsPartner } from '../requests.ts';
import { sentMessage, signedInStaff } from '../scenarios.ts';
import {
  browserIsAvailable,
  type E2eServer,
  noFaults,
  screenshot,
  signedInPage,
  startServerAndBrowser,
  stopServerAndBrowser,
} from './browser.ts';

describe.skipIf(!browserIsAvailable())('"needs attention" in the browser', { timeout: 90_000 }, () => {
  let server: E2eServer;
  let browser: Browser;

  beforeAll(async () => {
    ({ server, browser } = await startServerAndBrowser());
    server.clock.set(new Date());
  }, 60_000);

  afterAll(async () => {
    await stopServerAndBrowser({ server, browser });
  });

  test('one card to phone the partner, gone once they acknowledge, and said why in words', async () => {
    const organisation = await createTestOrganisation(server.db, server.clock);
    const manager = await createTestUser(server.db, server.clock, organisation.id, {
      role: 'manager',
      displayName: 'Morgan Reid',
    });
    const careWorker = await signedInStaff(server, organisation.id, { role: 'care_worker' });
    const message = await sentMessage(server, careWorker, {
      partner: { type: 'district_nurse', name: 'District Nursing Team' },
      contact: { name: 'Grace Obi' },
      template: 'request',
      askType: 'action',
      urgency: 'urgent',
      subject: 'Dressings for Oak House',
      summary: 'Since 8am today we have had no dressings left for leg ulcer care.',
      impact: 'Two residents are due a dressing change this afternoon.',
      mitigations: 'We are keeping the current dressings clean and dry.',
      ask: 'Please bring dressings by 3pm today.',
      deadline: new Date(server.clock.now().getTime() + 2 * 3_600_000).toISOString(),
    });
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

    const { context, page, watch } = await signedInPage(browser, server, manager.email, TEST_PASSWORD);
    await page.goto(`${server.baseUrl}/messages/attention`);
    await page.getByRole('heading', { level: 1, name: 'Needs attention' }).waitFor();
    const cards = page.locator('.nhsuk-card', { hasText: 'Dressings for Oak House' });
    await cards.first().waitFor();
    expect(await cards.count()).toBe(1);
    await screenshot(page, 'attention-one-card');

    // The nurse acknowledges through the link: nobody needs to phone any more.
    const acknowledged = await requestAsPartner(server.app, message.token, '/acknowledge', {
      name: 'Grace Obi',
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

    // A later page with nothing left on it (an address kept from before) does not claim that
    // nothing needs attention: it sends the reader to the first page.
    await page.goto(`${server.baseUrl}/messages/attention?page=3`);
    await page.getByText('There is nothing more on this page.').waitFor();
    expect(await page.getByText('Nothing needs your attention.').count()).toBe(0);
    await page.getByRole('link', { name: 'Go to the first page' }).click();
    await page.getByText('Nothing needs your attention.').waitFor();
    expect(watch).toEqual(noFaults);
    await context.close();
  });
});
