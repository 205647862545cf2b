import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { StaffRole } from '../../src/users/users.table.ts';
import {
  browserIsAvailable,
  DEMO_PASSWORD,
  type E2eServer,
  loadDemoStaff,
  noFaults,
  screenshot,
  signedInPage,
  startServerAndBrowser,
  stopServerAndBrowser,
  text,
} from './browser.ts';

describe.skipIf(!browserIsAvailable())('a person’s chronology in the browser', { timeout: 90_000 }, () => {
  let server: E2eServer;
  let browser: Browser;
  let emails: Map<StaffRole, string>;

  beforeAll(async () => {
    ({ server, browser } = await startServerAndBrowser());
    server.clock.set(new Date());
    emails = await loadDemoStaff(server);
  }, 120_000);

  afterAll(async () => {
    await stopServerAndBrowser({ server, browser });
  });

  async function ednaPage(role: StaffRole) {
    const signedIn = await signedInPage(browser, server, emails.get(role) ?? '', DEMO_PASSWORD);
    const { page } = signedIn;
    await page.getByRole('navigation', { name: 'Menu' }).getByRole('link', { name: 'People' }).click();
    await page.getByLabel('Name or NHS number').fill('Thistlewood');
    await page.getByRole('button', { name: 'Search' }).click();
    await page.getByRole('link', { name: 'Edna Thistlewood' }).click();
    await page.getByRole('heading', { level: 1, name: /Edna Thistlewood/ }).waitFor();
    return signedIn;
  }

  test('a registered manager reads everything recorded about Edna in time order, and between two dates', async () => {
    const { context, page, watch } = await ednaPage('registered_manager');
    await page.getByRole('link', { name: /Their chronology/ }).click();
    await page.getByRole('heading', { level: 1, name: /Chronology/ }).waitFor();
    expect(await page.title()).toBe('Chronology: Edna Thistlewood – Liaison');
    const entries = page.getByRole('list', { name: 'Chronology, newest first' }).getByRole('listitem');
    await entries.first().waitFor();
    // Entries from several kinds of record, in words, each newest first.
    const headings = await page
      .getByRole('list', { name: 'Chronology, newest first' })
      .getByRole('heading')
      .allTextContents();
    // The demo's incident readings and consent decision about her, at least.
    expect(headings.length).toBeGreaterThanOrEqual(3);
    expect(headings).toEqual(expect.arrayContaining(['Incident reading', 'Consent to share recorded']));
    for (const heading of headings) expect(heading).not.toMatch(/_/);
    const times = await page
      .getByRole('list', { name: 'Chronology, newest first' })
      .locator('li > p:first-of-type > time:first-child')
      .evaluateAll((elements) => elements.map((element) => element.getAttribute('datetime') ?? ''));
    expect(times).toEqual([...times].sort().reverse());
    // Each entry links to the record it belongs to.
    expect(await page.getByRole('link', { name: /^See the / }).count()).toBeGreaterThan(0);
    await screenshot(page, 'person-chronology');

    // Two dates the wrong way round: the form says so, and nothing is asked of the server.
    await page.getByRole('group', { name: 'From' }).getByLabel('Day').fill('10');
    await page.getByRole('group', { name: 'From' }).getByLabel('Month').fill('3');
    await page.getByRole('group', { name: 'From' }).getByLabel('Year').fill('2030');
    await page.getByRole('group', { name: 'To (included)' }).getByLabel('Day').fill('1');
    await page.getByRole('group', { name: 'To (included)' }).getByLabel('Month').fill('3');
    await page.getByRole('group', { name: 'To (included)' }).getByLabel('Year').fill('2030');
    await page.getByRole('button', { name: 'Show these dates' }).click();
    await page
      .locator('.nhsuk-error-summary')
      .getByRole('link', { name: 'The last day must be the same as the first day or later' })
      .waitFor();
    await page.getByRole('group', { name: 'To (included)' }).getByLabel('Day').fill('31');
    await page.getByRole('button', { name: 'Show these dates' }).click();
    await page.getByText('Nothing was recorded between these dates.').waitFor();
    expect(new URL(page.url()).search).toBe('?from=2030-03-10&to=2030-03-31');
    await page.getByRole('link', { name: 'Show every date' }).click();
    await entries.first().waitFor();

    // The link to a record opens it.
    const firstLink = page.getByRole('link', { name: /^See the / }).first();
    const linkText = await text(firstLink);
    await firstLink.click();
    await page.waitForURL((url) => !url.pathname.endsWith('/chronology'));
    expect(linkText).toMatch(/^See the /);
    expect(watch).toEqual(noFaults);
    await context.close();
  });

  test('a care worker is not offered the chronology', async () => {
    const { context, page, watch } = await ednaPage('care_worker');
    expect(await page.getByRole('link', { name: /Their chronology/ }).count()).toBe(0);
    expect(watch).toEqual(noFaults);
    await context.close();
  });
});
