import type { Browser, Response } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { StaffRole } from '../../src/users/users.table.ts';
import {
  browserIsAvailable,
  DEMO_PASSWORD,
  type E2eServer,
  loadDemoStaff,
  noFaults,
  nothingStored,
  screenshot,
  signedInPage,
  startServerAndBrowser,
  stopServerAndBrowser,
  storedInBrowser,
  summaryValue,
} from './browser.ts';

// Personal details never travel in an address and are never kept in the browser (TRUST D1). A
// manager finds a person by name and by NHS number and goes through her record; every address
// the browser asked for or showed, page or API, is then searched for her name, NHS number and
// date of birth, and the browser's storage is looked at on every page and after signing out.

describe.skipIf(!browserIsAvailable())('personal details in the browser', { timeout: 90_000 }, () => {
  let server: E2eServer;
  let browser: Browser;
  let emails: Map<StaffRole, string>;

  beforeAll(async () => {
    ({ server, browser } = await startServerAndBrowser());
    emails = await loadDemoStaff(server);
  }, 120_000);

  afterAll(async () => {
    await stopServerAndBrowser({ server, browser });
  });

  test('a manager searches for a person and reads her record: no address holds her details, nothing is stored', async () => {
    const { context, page, watch } = await signedInPage(
      browser,
      server,
      emails.get('manager') ?? '',
      DEMO_PASSWORD,
    );
    const addresses: string[] = [];
    page.on('request', (request) => addresses.push(request.url()));
    page.on('framenavigated', (frame) => addresses.push(frame.url()));
    const pagesLookedAt: string[] = [];
    async function nothingKept(heading: string | RegExp) {
      await page.getByRole('heading', { level: 1, name: heading }).waitFor();
      expect(await storedInBrowser(page), `storage on ${page.url()}`).toEqual(nothingStored);
      pagesLookedAt.push(new URL(page.url()).pathname);
    }

    const menu = page.getByRole('navigation', { name: 'Menu' });
    await menu.getByRole('link', { name: 'People' }).click();
    await nothingKept('People');

    async function searchFor(words: string) {
      await page.getByLabel('Name or NHS number').fill(words);
      const answered = page.waitForResponse(
        (response: Response) => new URL(response.url()).pathname === '/api/people/search',
      );
      await page.getByRole('button', { name: 'Search', exact: true }).click();
      await answered;
      await page.getByRole('table', { name: 'People who match' }).waitFor();
    }

    // By name: the search is in the page's history, not its address, and survives going back.
    await searchFor('Ashdown');
    expect(await page.getByRole('table', { name: 'People who match' }).locator('tbody tr').count()).toBe(1);
    expect(new URL(page.url()).search).toBe('?status=active');
    await screenshot(page, 'people-search-by-name');
    await page.getByRole('link', { name: 'Margaret (Peggy) Ashdown' }).click();
    await nothingKept('Margaret (Peggy) Ashdown');
    const nhsNumber = await summaryValue(page, 'NHS number');
    const dateOfBirth = await summaryValue(page, 'Date of birth');
    expect(nhsNumber).toMatch(/^\d{3} \d{3} \d{4}$/);
    await page.goBack();
    await page.getByRole('table', { name: 'People who match' }).waitFor();
    expect(await page.getByLabel('Name or NHS number').inputValue()).toBe('Ashdown');
    expect(await page.getByRole('table', { name: 'People who match' }).locator('tbody tr').count()).toBe(1);

    // By NHS number, written without its spaces.
    await searchFor(nhsNumber.replaceAll(' ', ''));
    expect(await page.getByRole('table', { name: 'People who match' }).locator('tbody tr').count()).toBe(1);
    await page.getByRole('link', { name: 'Margaret (Peggy) Ashdown' }).click();
    await nothingKept('Margaret (Peggy) Ashdown');

    // Her consent and sharing, the gate's answer, who has looked at her record.
    await page.getByRole('link', { name: 'Consent and sharing records' }).click();
    await nothingKept(/Consent and sharing/);
    await page.goBack();
    await page.getByRole('link', { name: 'Can I share this?' }).click();
    await nothingKept('Can I share this?');
    await page.goBack();
    await page.getByRole('link', { name: 'Who has accessed this record' }).click();
    await nothingKept(/accessed/);

    // The lists that name her.
    await menu.getByRole('link', { name: 'Partner messages' }).click();
    await nothingKept(/messages/i);
    await menu.getByRole('link', { name: 'Incidents' }).click();
    await nothingKept(/incidents/i);
    await menu.getByRole('link', { name: 'Safeguarding' }).click();
    await nothingKept(/safeguarding/i);
    await menu.getByRole('link', { name: 'Home' }).click();
    await nothingKept('What needs you');

    const signOut = page.waitForResponse(
      (response: Response) =>
        new URL(response.url()).pathname === '/api/session' && response.request().method() === 'DELETE',
    );
    await page.getByRole('button', { name: 'Sign out' }).click();
    expect((await (await signOut).allHeaders())['clear-site-data']).toBe('"cache", "cookies", "storage"');
    await page.waitForURL(`${server.baseUrl}/sign-in`);
    expect(await context.cookies()).toEqual([]);
    expect(await storedInBrowser(page)).toEqual(nothingStored);

    // Every address asked for or shown, in any form a person's details could take in one.
    expect(pagesLookedAt.length).toBe(10);
    expect(addresses.length).toBeGreaterThan(30);
    const details = [
      'Ashdown',
      'Margaret',
      'Peggy',
      nhsNumber,
      nhsNumber.replaceAll(' ', ''),
      dateOfBirth,
      '1938-04-12',
    ];
    const leaks = addresses.flatMap((address) => {
      const decoded = decodeURIComponent(address.replaceAll('+', ' '));
      return details.filter((detail) => decoded.includes(detail)).map((detail) => `${detail} in ${address}`);
    });
    expect(leaks).toEqual([]);
    expect(watch).toEqual(noFaults);
    await context.close();
  });
});
