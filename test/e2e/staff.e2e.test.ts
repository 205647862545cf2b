import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createApiToken } from '../../src/auth/auth.service.ts';
import { createTestOrganisation, createTestUser, TEST_PASSWORD } from '../factories.ts';
import { actingAs } from '../scenarios.ts';
import {
  browserIsAvailable,
  type E2eServer,
  noFaults,
  screenshot,
  signInThroughForm,
  startServerAndBrowser,
  stopServerAndBrowser,
  watchedPage,
  watchPage,
} from './browser.ts';

// The e2e project does not inherit the root test timeouts; a browser needs more than the default 5 s.
describe.skipIf(!browserIsAvailable())('managing staff in the browser', { timeout: 30_000 }, () => {
  let server: E2eServer;
  let browser: Browser;

  beforeAll(async () => {
    ({ server, browser } = await startServerAndBrowser());
  }, 60_000);

  afterAll(async () => {
    await stopServerAndBrowser({ server, browser });
  });

  test('an admin adds a staff member, who chooses their own password through a one-time set-up link', async () => {
    const organisation = await createTestOrganisation(server.db, server.clock);
    const admin = await createTestUser(server.db, server.clock, organisation.id, { role: 'admin' });
    const newcomer = {
      name: `Jordan Ellis ${Date.now()}`,
      email: `jordan.${Date.now()}@example.org`,
      password: 'river otter lantern',
    };
    const { context, page, watch } = await watchedPage(browser, [
      { status: 401, path: '/api/session' }, // asking who is signed in before anyone is
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
    // Nobody chooses a password for someone else.
    expect(await page.getByLabel('Password').count()).toBe(0);

    // The name is missing: an inline error, and a summary whose link moves focus to the field.
    await page.getByLabel('Email address').fill(newcomer.email);
    await page.getByLabel('Role').selectOption({ label: 'Care worker' });
    await page.getByRole('button', { name: 'Add staff member' }).click();
    await page.locator('#display-name-error').waitFor();
    expect(await page.locator('#display-name-error').textContent()).toBe('Error: Enter their name');
    expect(await page.getByLabel('Name', { exact: true }).getAttribute('aria-describedby')).toContain(
      'display-name-error',
    );
    expect(await page.title()).toBe('Error: Add a staff member – Liaison');
    await page.locator('.nhsuk-error-summary').getByRole('link', { name: 'Enter their name' }).click();
    expect(await page.locator(':focus').getAttribute('id')).toBe('display-name');
    await screenshot(page, 'add-staff-errors');

    await page.getByLabel('Name', { exact: true }).fill(newcomer.name);
    await page.getByRole('button', { name: 'Add staff member' }).click();
    await page.getByRole('heading', { level: 1, name: `${newcomer.name} has been added` }).waitFor();
    const link = await page.getByLabel('Set-up link').inputValue();
    expect(link).toMatch(/\/set-up#[A-Za-z0-9_-]{43}$/);
    expect(await page.getByText('It works until').textContent()).toContain('24 November 2026');
    await screenshot(page, 'staff-set-up-link');
    // The link lives in the page's memory only: nothing of it is kept in the browser.
    const stored = await page.evaluate<string>(
      'JSON.stringify([{ ...localStorage }, { ...sessionStorage }, history.state])',
    );
    expect(stored).not.toContain(link.split('#')[1]);

    await page.getByRole('link', { name: 'Back to staff' }).click();
    await page.waitForURL(`${server.baseUrl}/staff`);
    const row = rowFor(page, newcomer.name);
    expect((await cellTexts(row)).slice(0, 5)).toEqual([
      newcomer.name,
      newcomer.email,
      'Care worker',
      'Not set up yet',
      '21 November 2026',
    ]);
    await row.getByRole('button', { name: `New set-up link for ${newcomer.name}` }).waitFor();

    // The newcomer, in their own browser, opens the link and chooses their password.
    const {
      context: theirContext,
      page: theirPage,
      watch: theirWatch,
    } = await watchedPage(browser, [
      { status: 400, path: '/api/account-set-up' }, // the password the server refuses, below
      { status: 401, path: '/api/session' }, // the sign-in page asking who is signed in
      { status: 404, path: '/api/account-set-up' }, // the link opened again once used
    ]);
    const linkOnThisServer = `${server.baseUrl}/set-up#${link.split('#')[1]}`;
    await theirPage.goto(linkOnThisServer);
    await theirPage.getByRole('heading', { level: 1, name: 'Set up your Liaison account' }).waitFor();
    await screenshot(theirPage, 'set-up-account');
    expect(await theirPage.locator('main').textContent()).toContain(newcomer.email);
    await theirPage.getByLabel('Password').fill('short');
    await theirPage.getByRole('button', { name: 'Set my password' }).click();
    await theirPage.locator('#password-error').waitFor();
    expect(await theirPage.locator('#password-error').textContent()).toBe(
      'Error: Use at least 8 characters.',
    );
    await theirPage.getByLabel('Password').fill(newcomer.password);
    await theirPage.getByRole('button', { name: 'Set my password' }).click();
    await theirPage.getByRole('heading', { level: 1, name: 'Your password is set' }).waitFor();
    await theirPage.getByRole('link', { name: 'Sign in' }).click();
    await theirPage.waitForURL(`${server.baseUrl}/sign-in`);
    await signInThroughForm(theirPage, newcomer.email, newcomer.password);
    await theirPage.waitForURL(`${server.baseUrl}/`);
    await theirPage.getByRole('navigation', { name: 'Menu' }).waitFor();

    // The link worked once.
    const again = await theirContext.newPage();
    const againWatch = await watchPage(again, [{ status: 404, path: '/api/account-set-up' }]);
    await again.goto(linkOnThisServer);
    await again.getByRole('heading', { level: 1, name: 'This set-up link does not work' }).waitFor();
    expect(theirWatch).toEqual(noFaults);
    expect(againWatch).toEqual(noFaults);
    await theirContext.close();

    await page.reload();
    expect((await cellTexts(rowFor(page, newcomer.name)))[3]).toBe('Active');
    await rowFor(page, newcomer.name)
      .getByRole('button', { name: `Disable ${newcomer.name}` })
      .click();
    await page.getByText(`${newcomer.name}’s account has been disabled.`).waitFor();
    await row.getByRole('button', { name: `Enable ${newcomer.name}` }).waitFor();
    expect((await cellTexts(row))[3]).toBe('Disabled');

    // An admin cannot disable themselves, so no button is offered on their own row.
    expect(await rowFor(page, admin.display_name).getByRole('button').count()).toBe(0);

    expect(watch).toEqual(noFaults);
    await context.close();
  });

  test('the registered manager approves one API token an admin asked for, and refuses another', async () => {
    const organisation = await createTestOrganisation(server.db, server.clock);
    const admin = await createTestUser(server.db, server.clock, organisation.id, {
      role: 'admin',
      displayName: 'Sam Admin',
    });
    const registeredManager = await createTestUser(server.db, server.clock, organisation.id, {
      role: 'registered_manager',
    });
    const asAdmin = actingAs(organisation.id, admin.id, 'admin');
    const rota = await createApiToken(server.db, asAdmin, {
      name: 'Rota system',
      role: 'care_worker',
      expiresAt: null,
      clock: server.clock,
    });
    const reporting = await createApiToken(server.db, asAdmin, {
      name: 'Reporting',
      role: 'auditor',
      expiresAt: null,
      clock: server.clock,
    });
    const { context, page, watch } = await watchedPage(browser, [{ status: 401, path: '/api/session' }]);
    await page.goto(`${server.baseUrl}/staff`);
    await page.waitForURL(`${server.baseUrl}/sign-in`);
    await signInThroughForm(page, registeredManager.email, TEST_PASSWORD);
    await page.waitForURL(`${server.baseUrl}/staff`);
    await page.getByRole('heading', { level: 2, name: 'API tokens waiting for your approval' }).waitFor();
    expect(await page.locator('section').textContent()).toContain(
      'Rota system, acting as care worker. Asked for by Sam Admin',
    );
    await screenshot(page, 'staff-token-requests');

    await page.getByRole('button', { name: 'Approve Rota system' }).click();
    await page.getByText('The API token “Rota system” is approved: it works from now on.').waitFor();
    await page.getByRole('button', { name: 'Refuse Reporting' }).click();
    await page.getByText('The API token “Reporting” is refused: it will never work.').waitFor();
    await page.getByText('There are no API tokens waiting for your approval.').waitFor();

    const statuses = await server.db
      .selectFrom('api_tokens')
      .select(['id', 'approval_status', 'decided_by'])
      .where('org_id', '=', organisation.id)
      .orderBy('name')
      .execute();
    expect(statuses).toEqual([
      { id: reporting.id, approval_status: 'refused', decided_by: registeredManager.id },
      { id: rota.id, approval_status: 'approved', decided_by: registeredManager.id },
    ]);
    expect(watch).toEqual(noFaults);
    await context.close();
  });

  test('an auditor sees the staff list but cannot add or change anyone', async () => {
    const organisation = await createTestOrganisation(server.db, server.clock);
    const auditor = await createTestUser(server.db, server.clock, organisation.id, { role: 'auditor' });
    const colleague = await createTestUser(server.db, server.clock, organisation.id, { role: 'care_worker' });
    const { context, page, watch } = await watchedPage(browser, [{ status: 401, path: '/api/session' }]);

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

    expect(watch).toEqual(noFaults);
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
