import type { Browser, Request } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
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

// A member of staff opens a partner's link in the browser they are signed in to (checking what
// the partner will see, or a partner who also works here). The page is the partner's: it never
// asks for the staff session, its requests carry no staff cookie, and what it does is recorded as
// the partner's.
describe.skipIf(!browserIsAvailable())(
  'a partner link in a browser signed in as staff',
  { timeout: 120_000 },
  () => {
    let server: E2eServer;
    let browser: Browser;

    beforeAll(async () => {
      server = await startServer();
      server.config.publicUrl = server.baseUrl;
      server.clock.set(new Date());
      browser = await launchBrowser();
    }, 60_000);

    afterAll(async () => {
      await browser?.close();
      await server?.close();
    });

    test('opens as the partner’s page, and the audit trail says the partner read it', async () => {
      const organisation = await createTestOrganisation(server.db, server.clock, { name: 'Oak House Care' });
      const careWorker = await createTestUser(server.db, server.clock, organisation.id, {
        role: 'care_worker',
        displayName: 'Priya Shah',
      });
      const partner = await createTestPartnerOrganisation(server.db, server.clock, organisation.id, {
        type: 'district_nurse',
        name: 'District Nursing Team',
      });
      const contact = await createTestPartnerContact(server.db, server.clock, organisation.id, partner.id, {
        type: 'district_nurse',
        name: 'Grace Obi',
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

      const context = await newContext(browser);
      const page = await context.newPage();
      const watch = await watchPage(page, [{ status: 401, path: '/api/session' }]);
      await page.goto(`${server.baseUrl}/sign-in`);
      await signInThroughForm(page, careWorker.email, TEST_PASSWORD);
      await page.waitForURL(`${server.baseUrl}/`);
      await page.getByRole('navigation', { name: 'Account' }).getByText('Priya Shah').waitFor();

      // The same browser, the same tab: the partner's link.
      const requests: Request[] = [];
      page.on('request', (request) => {
        if (new URL(request.url()).pathname.startsWith('/api/')) requests.push(request);
      });
      await page.goto(message.partnerLink);
      await page.getByRole('heading', { level: 1, name: /Dressings for Oak House/ }).waitFor();
      expect(await page.getByRole('navigation', { name: 'Menu' }).count()).toBe(0);
      expect(await page.getByRole('navigation', { name: 'Account' }).count()).toBe(0);
      // Who sent the message is part of it; who is signed in to this browser is not.
      expect(await page.locator('body').textContent()).not.toContain('Signed in as');
      expect(await page.getByRole('button', { name: 'Sign out' }).count()).toBe(0);
      await page.getByLabel('Your name').fill('Grace Obi');
      await page.getByRole('button', { name: 'Acknowledge receipt' }).click();
      await page.getByText('has been told you have received it.').waitFor();
      await screenshot(page, 'partner-link-in-staff-browser');

      // The page never asked who is signed in, and sent no staff cookie with the link.
      const paths = requests.map((request) => new URL(request.url()).pathname);
      expect(paths).not.toContain('/api/session');
      expect(paths).toContain('/api/partner/message');
      for (const request of requests) {
        expect((await request.allHeaders()).cookie, request.url()).toBeUndefined();
      }

      // The audit trail: the partner read it and acknowledged it, through the link.
      const entries = await server.db
        .selectFrom('audit_events')
        .select(['action', 'actor_type', 'actor_id'])
        .where('org_id', '=', organisation.id)
        .where('entity_id', '=', message.id)
        .where('action', 'in', ['partner_message.view_by_partner', 'partner_message.acknowledge'])
        .orderBy('id')
        .execute();
      expect(entries.map((entry) => entry.action)).toEqual([
        'partner_message.view_by_partner',
        'partner_message.acknowledge',
      ]);
      for (const entry of entries) {
        expect(entry).toMatchObject({ actor_type: 'partner', actor_id: message.links[0].id });
      }

      // The staff session is still the care worker's: back on the staff pages, the thread shows
      // the partner's acknowledgement.
      await page.goto(`${server.baseUrl}/messages/${message.id}`);
      await page.getByRole('heading', { level: 1, name: /Dressings for Oak House/ }).waitFor();
      await page.getByRole('navigation', { name: 'Account' }).getByText('Priya Shah').waitFor();
      await page.getByText('Grace Obi', { exact: false }).first().waitFor();
      expect(watch).toEqual(noFaults);
      await context.close();
    });
  },
);
