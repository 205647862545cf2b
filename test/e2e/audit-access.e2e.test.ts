import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import {
  createTestOrganisation,
  createTestPerson,
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

describe.skipIf(!browserIsAvailable())('who accessed what, in the browser', { timeout: 60_000 }, () => {
  let server: E2eServer;
  let browser: Browser;
  const checkpointDirectory = fs.mkdtempSync(path.join(os.tmpdir(), 'liaison-e2e-checkpoints-'));

  beforeAll(async () => {
    server = await startServer({
      auditCheckpoint: {
        directory: path.join(checkpointDirectory, 'checkpoints'),
        keyFile: path.join(checkpointDirectory, 'key.pem'),
        intervalMs: 0,
      },
    });
    browser = await launchBrowser();
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    fs.rmSync(checkpointDirectory, { recursive: true, force: true });
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
    const view = await server.app.inject({
      method: 'GET',
      url: `/api/people/${person.id}`,
      headers: careWorkerSession.headers,
    });
    expect(view.statusCode).toBe(200);

    const context = await newContext(browser);
    const page = await context.newPage();
    const watch = await watchPage(page, [{ status: 401, path: '/api/session' }]);

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
      'Viewed the record',
    ]);
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
      'Viewed the record',
      'Edith Crawley',
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

    // Both look-ups are in the audit trail themselves.
    const lookUps = await server.db
      .selectFrom('audit_events')
      .select(['actor_id', 'entity_type', 'entity_id'])
      .where('org_id', '=', organisation.id)
      .where('action', '=', 'audit.access_history')
      .orderBy('id')
      .execute();
    expect(lookUps).toEqual([
      { actor_id: auditor.id, entity_type: 'person', entity_id: person.id },
      { actor_id: auditor.id, entity_type: 'user', entity_id: careWorker.id },
    ]);

    expect(watch).toEqual(noFaults);
    await context.close();
  });

  test('a care worker is not offered the Audit section and cannot open an access history', async () => {
    const organisation = await createTestOrganisation(server.db, server.clock);
    const careWorker = await createTestUser(server.db, server.clock, organisation.id, {
      role: 'care_worker',
    });
    const person = await createTestPerson(server.db, server.clock, organisation.id);
    const context = await newContext(browser);
    const page = await context.newPage();
    const watch = await watchPage(page, [{ status: 401, path: '/api/session' }]);

    await page.goto(`${server.baseUrl}/sign-in`);
    await signInThroughForm(page, careWorker.email, TEST_PASSWORD);
    await page.waitForURL(`${server.baseUrl}/`);
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
