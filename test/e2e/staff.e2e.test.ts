import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createTestOrganisation, createTestUser, TEST_PASSWORD } from '../factories.ts';
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

// The e2e project does not inherit the root test timeouts; a browser needs more than the default 5 s.
describe.skipIf(!browserIsAvailable())('managing staff in the browser', { timeout: 30_000 }, () => {
  let server: E2eServer;
  let browser: Browser;

  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser();
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  test('an admin adds a staff member, correcting the form, then disables their account', async () => {
    const organisation = await createTestOrganisation(server.db, server.clock);
    const admin = await createTestUser(server.db, server.clock, organisation.id, { role: 'admin' });
    const newcomer = { name: `Jordan Ellis ${Date.now()}`, email: `jordan.${Date.now()}@example.org` };
    const context = await newContext(browser);
    const page = await context.newPage();
    const watch = await watchPage(page, [
      { status: 401, path: '/api/session' }, // asking who is signed in before anyone is
      { status: 400, path: '/api/users' }, // the password the server refuses, below
    ]);

    // Asking for the Staff page first: after signing in, that is where the admin lands.
    await page.goto(`${server.baseUrl}/staff`);
    await page.waitForURL(`${server.baseUrl}/sign-in`);
    await signInThroughForm(page, admin.email, TEST_PASSWORD);
    await page.waitForURL(`${server.baseUrl}/staff`);
    await page.getByRole('heading', { level: 1, name: 'Staff' }).waitFor();
    expect(await rowFor(page, admin.display_name).textContent()).toContain('Administrator');

    await page.getByRole('link', { name: 'Add a staff member' }).click();
    await page.waitForURL(`${server.baseUrl}/staff/add`);
    await page.getByRole('heading', { level: 1, name: 'Add a staff member' }).waitFor();

    // The name is missing: an inline error, and a summary whose link moves focus to the field.
    await page.getByLabel('Email address').fill(newcomer.email);
    await page.getByLabel('Role').selectOption({ label: 'Care worker' });
    await page.getByLabel('Password').fill('long enough password');
    await page.getByRole('button', { name: 'Add staff member' }).click();
    await page.locator('#display-name-error').waitFor();
    expect(await page.locator('#display-name-error').textContent()).toBe('Error: Enter their name');
    expect(await page.getByLabel('Name', { exact: true }).getAttribute('aria-describedby')).toContain(
      'display-name-error',
    );
    expect(await page.title()).toBe('Error: Add a staff member – Liaison');
    await page.locator('.nhsuk-error-summary').getByRole('link', { name: 'Enter their name' }).click();
    expect(await page.locator(':focus').getAttribute('id')).toBe('display-name');

    // A password the server refuses: its message is shown beside the password field.
    await page.getByLabel('Name', { exact: true }).fill(newcomer.name);
    await page.getByLabel('Password').fill('short');
    await page.getByRole('button', { name: 'Add staff member' }).click();
    await page.locator('#password-error').waitFor();
    expect(await page.locator('#password-error').textContent()).toBe('Error: Use at least 8 characters.');
    expect(await page.locator('#display-name-error').count()).toBe(0);
    await screenshot(page, 'add-staff-errors');

    await page.getByLabel('Password').fill('a much longer password');
    await page.getByRole('button', { name: 'Add staff member' }).click();
    await page.waitForURL(`${server.baseUrl}/staff`);
    await page.getByText(`${newcomer.name} has been added.`).waitFor();
    const row = rowFor(page, newcomer.name);
    expect(await cellTexts(row)).toEqual([
      newcomer.name,
      newcomer.email,
      'Care worker',
      'Active',
      '21 November 2026',
      `Disable ${newcomer.name}`,
    ]);
    await screenshot(page, 'staff');

    await row.getByRole('button', { name: `Disable ${newcomer.name}` }).click();
    await page.getByText(`${newcomer.name}’s account has been disabled.`).waitFor();
    await row.getByRole('button', { name: `Enable ${newcomer.name}` }).waitFor();
    expect((await cellTexts(row))[3]).toBe('Disabled');

    // An admin cannot disable themselves, so no button is offered on their own row.
    expect(await rowFor(page, admin.display_name).getByRole('button').count()).toBe(0);

    expect(watch).toEqual({ consoleErrors: [], pageErrors: [], cspViolations: [], dialogs: [] });
    await context.close();
  });

  test('an auditor sees the staff list but cannot add or change anyone', async () => {
    const organisation = await createTestOrganisation(server.db, server.clock);
    const auditor = await createTestUser(server.db, server.clock, organisation.id, { role: 'auditor' });
    const colleague = await createTestUser(server.db, server.clock, organisation.id, { role: 'care_worker' });
    const context = await newContext(browser);
    const page = await context.newPage();
    const watch = await watchPage(page, [{ status: 401, path: '/api/session' }]);

    await page.goto(`${server.baseUrl}/sign-in`);
    await signInThroughForm(page, auditor.email, TEST_PASSWORD);
    await page.getByRole('navigation', { name: 'Menu' }).getByRole('link', { name: 'Staff' }).click();
    await page.getByRole('heading', { level: 1, name: 'Staff' }).waitFor();
    await rowFor(page, colleague.display_name).waitFor();
    expect(await page.getByRole('link', { name: 'Add a staff member' }).count()).toBe(0);
    expect(await page.locator('table button').count()).toBe(0);

    await page.goto(`${server.baseUrl}/staff/add`);
    await page
      .getByRole('heading', { level: 1, name: 'You do not have permission to see this page' })
      .waitFor();

    expect(watch).toEqual({ consoleErrors: [], pageErrors: [], cspViolations: [], dialogs: [] });
    await context.close();
  });
});

function rowFor(page: Page, name: string) {
  return page.locator('tbody tr').filter({ has: page.locator('td', { hasText: name }).first() });
}

/** The text of each cell as shown on a wide screen, where the cells' own column headings are hidden. */
async function cellTexts(row: ReturnType<typeof rowFor>): Promise<string[]> {
  // The notice can show before the list has loaded again: wait for the row itself.
  await row.waitFor();
  const texts = await row.locator('td').allInnerTexts();
  return texts.map((text) => text.replace(/\s+/g, ' ').trim());
}
