import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { recordAudit } from '../../src/audit/audit.service.ts';
import { checkpointDirectoryForFile } from '../audit-trail.ts';
import {
  createTestOrganisation,
  createTestPerson,
  createTestUser,
  type SignedIn,
  signIn,
  TEST_PASSWORD,
} from '../factories.ts';
import { requestAs } from '../requests.ts';
import { sentMessage } from '../scenarios.ts';
import {
  browserIsAvailable,
  type E2eServer,
  noFaults,
  screenshot,
  signedInPage,
  signInThroughForm,
  startServerAndBrowser,
  stopServerAndBrowser,
  watchedPage,
} from './browser.ts';

describe.skipIf(!browserIsAvailable())('who accessed what, in the browser', { timeout: 60_000 }, () => {
  let server: E2eServer;
  let browser: Browser;
  const checkpoints = checkpointDirectoryForFile('liaison-e2e-checkpoints-');

  beforeAll(async () => {
    ({ server, browser } = await startServerAndBrowser({
      auditCheckpoint: { ...checkpoints.settings, intervalMs: 0 },
    }));
  }, 60_000);

  afterAll(async () => {
    await stopServerAndBrowser({ server, browser });
  });

  test('an auditor sees who viewed a person’s record, and what that care worker accessed', async () => {
    const organisation = await createTestOrganisation(server.db, server.clock);
    const auditor = await createTestUser(server.db, server.clock, organisation.id, {
      role: 'auditor',
      displayName: 'Morgan Reid',
    });
    const careWorker = await createTestUser(server.db, server.clock, organisation.id, {
      role: 'care_worker',
      displayName: 'Priya Shah',
    });
    const person = await createTestPerson(server.db, server.clock, organisation.id, {
      givenName: 'Edith',
      familyName: 'Crawley',
    });
    // 9:15am in London (GMT in November): the care worker opens Edith's record.
    server.clock.set('2026-11-21T09:15:00Z');
    const careWorkerSession = await signIn(server.app, careWorker.email);
    // One visit to her page reads several parts of her record: one row.
    for (const part of ['', '/representatives', '/circle']) {
      const view = await requestAs(server.app, 'GET', `/api/people/${person.id}${part}`, careWorkerSession);
      expect(view.statusCode).toBe(200);
    }
    // 9:40am: her GP reads a message about her through the secure link emailed to him.
    server.clock.set('2026-11-21T09:40:00Z');
    const link = await partnerLinkFor(server, careWorkerSession);
    await recordAudit(
      server.db,
      {
        orgId: organisation.id,
        actor: { type: 'partner', id: link.id, role: null },
        requestId: null,
        ip: null,
      },
      server.clock.now(),
      {
        action: 'partner_message.view_by_partner',
        entityType: 'partner_message',
        entityId: link.message_id,
        details: { personId: person.id },
      },
    );

    const { context, page, watch } = await watchedPage(browser, [{ status: 401, path: '/api/session' }]);

    // The link on the person's page leads here; after signing in the auditor lands on it.
    await page.goto(`${server.baseUrl}/audit/people/${person.id}`);
    await page.waitForURL(`${server.baseUrl}/sign-in`);
    await signInThroughForm(page, auditor.email, TEST_PASSWORD);
    await page.waitForURL(`${server.baseUrl}/audit/people/${person.id}`);
    await page.getByRole('heading', { level: 1, name: /Who has accessed this record/ }).waitFor();
    expect(await page.locator('h1 .nhsuk-caption-l').textContent()).toBe('Edith Crawley');
    expect(await page.title()).toBe('Who has accessed Edith Crawley’s record – Liaison');
    const viewRow = rowWith(page, 'Priya Shah');
    expect(await cellTexts(viewRow)).toEqual([
      '21 November 2026 at 9:15am',
      'Priya Shah (Care worker)',
      'Viewed the record Including their circle of support and their representatives; 3 pages',
    ]);
    expect(await cellTexts(rowWith(page, 'secure link'))).toEqual([
      '21 November 2026 at 9:40am',
      'Dr Helena Marchbank (Riverside Medical Practice)',
      'Read the message through a secure link',
    ]);
    // No codes, ids or column names anywhere in the list.
    const listed = await page.locator('table').innerText();
    expect(listed).not.toMatch(/[a-z]+_[a-z]+|\b[0-9a-f]{8}-[0-9a-f]{4}|\bpart\b|person\.view/);

    // Filtered, as for a subject access request: one staff member, then a day with nothing.
    await page.getByText('Filter by date, staff member or action').click();
    await page.getByLabel('Staff member').selectOption({ label: 'Priya Shah' });
    await page.getByLabel('Action').selectOption({ label: 'Viewed the record' });
    await page.getByRole('button', { name: 'Apply filters' }).click();
    await page.waitForURL((url) => url.searchParams.get('actorId') === careWorker.id);
    await expect.poll(() => page.locator('tbody tr').count()).toBe(1);
    expect(await cellTexts(rowWith(page, 'Priya Shah'))).toContain('Priya Shah (Care worker)');
    await screenshot(page, 'person-access-history-filtered');
    const from = page.getByRole('group', { name: 'From' });
    await from.getByLabel('Day').fill('22');
    await from.getByLabel('Month').fill('11');
    await from.getByLabel('Year').fill('2026');
    await page.getByRole('button', { name: 'Apply filters' }).click();
    await page.getByText('Nothing matches these filters.').waitFor();
    await page.getByRole('link', { name: 'Clear filters' }).click();
    await rowWith(page, 'secure link').waitFor();
    expect(await page.getByRole('link', { name: 'Back to Edith Crawley' }).getAttribute('href')).toBe(
      `/people/${person.id}`,
    );
    await screenshot(page, 'person-access-history');

    // From the Audit section, the care worker's own history.
    await page.getByRole('navigation', { name: 'Menu' }).getByRole('link', { name: 'Audit' }).click();
    await page.getByRole('heading', { level: 1, name: 'Audit trail' }).waitFor();
    await page.getByRole('link', { name: /^Priya Shah\s*: what they have accessed$/ }).click();
    await page.waitForURL(`${server.baseUrl}/audit/staff/${careWorker.id}`);
    await page.getByRole('heading', { level: 1, name: /What has this user accessed/ }).waitFor();
    const accessRow = rowWith(page, 'Viewed the record');
    expect(await cellTexts(accessRow)).toEqual([
      '21 November 2026 at 9:15am',
      'Viewed the record Including their circle of support and their representatives; 3 pages',
      'Edith Crawley',
    ]);
    expect(await cellTexts(rowWith(page, 'Sent a message to a partner'))).toEqual([
      '21 November 2026 at 9:40am',
      'Sent a message to a partner',
      'Partner message',
    ]);
    expect(await accessRow.getByRole('link', { name: 'Edith Crawley' }).getAttribute('href')).toBe(
      `/people/${person.id}`,
    );
    expect(await cellTexts(rowWith(page, 'Signed in'))).toContain('Signed in');
    await screenshot(page, 'staff-access-history');

    // The auditor may check the trail's integrity from the same section.
    await page.getByRole('navigation', { name: 'Menu' }).getByRole('link', { name: 'Audit' }).click();
    await page.getByRole('button', { name: 'Check the audit trail' }).click();
    await page.getByText('Verified', { exact: true }).waitFor();
    await page.getByText('No checkpoint has been signed yet').waitFor();

    // Every look-up is in the audit trail itself, with the filters it used.
    const lookUps = await server.db
      .selectFrom('audit_events')
      .select(['actor_id', 'entity_type', 'entity_id', 'details'])
      .where('org_id', '=', organisation.id)
      .where('action', '=', 'audit.access_history')
      .orderBy('id')
      .execute();
    expect(lookUps.map(({ details, ...lookUp }) => lookUp)).toEqual([
      ...Array(4).fill({ actor_id: auditor.id, entity_type: 'person', entity_id: person.id }),
      { actor_id: auditor.id, entity_type: 'user', entity_id: careWorker.id },
    ]);
    expect(lookUps[1]?.details).toMatchObject({ actorId: careWorker.id, action: 'person.view' });
    expect(lookUps[2]?.details).toMatchObject({ from: '2026-11-22' });

    expect(watch).toEqual(noFaults);
    await context.close();
  });

  test('a care worker is not offered the Audit section and cannot open an access history', async () => {
    const organisation = await createTestOrganisation(server.db, server.clock);
    const careWorker = await createTestUser(server.db, server.clock, organisation.id, {
      role: 'care_worker',
    });
    const person = await createTestPerson(server.db, server.clock, organisation.id);
    const { context, page, watch } = await signedInPage(browser, server, careWorker.email, TEST_PASSWORD);
    const menu = page.getByRole('navigation', { name: 'Menu' });
    await menu.getByRole('link', { name: 'People' }).waitFor();
    expect(await menu.getByRole('link', { name: 'Audit' }).count()).toBe(0);

    await page.goto(`${server.baseUrl}/audit/people/${person.id}`);
    await page
      .getByRole('heading', { level: 1, name: 'You do not have permission to see this page' })
      .waitFor();

    expect(watch).toEqual(noFaults);
    await context.close();
  });
});

function rowWith(page: Page, text: string) {
  return page
    .locator('tbody tr')
    .filter({ has: page.locator('td', { hasText: text }).first() })
    .first();
}

/** The text of each cell as shown on a wide screen, where the cells' own column headings are hidden. */
async function cellTexts(row: ReturnType<typeof rowWith>): Promise<string[]> {
  // The heading shows before the history has loaded: wait for the row itself.
  await row.waitFor();
  const texts = await row.locator('td').allInnerTexts();
  return texts.map((text) => text.replace(/\s+/g, ' ').trim());
}

/** A secure link to a GP, from a message sent as staff would send it. */
async function partnerLinkFor(server: E2eServer, sender: SignedIn) {
  const sent = await sentMessage(server, sender, {
    partner: { name: 'Riverside Medical Practice', type: 'gp' },
    contact: { name: 'Dr Helena Marchbank' },
    subject: 'Boiler repaired at Oak House',
    summary: 'The communal boiler was repaired this morning and heating is back on.',
  });
  return server.db
    .selectFrom('partner_links')
    .select(['id', 'subject_id as message_id'])
    .where('org_id', '=', sender.orgId)
    .where('subject_id', '=', sent.id)
    .executeTakeFirstOrThrow();
}
