import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { timeStepAt } from '../../src/auth/totp.ts';
import { createOrganisation } from '../../src/organisations/organisations.service.ts';
import { createTestOrganisation, createTestUser, TEST_PASSWORD, totpCodeForStep } from '../factories.ts';
import {
  browserIsAvailable,
  type E2eServer,
  noFaults,
  nothingStored,
  screenshot,
  setUpAuthenticatorThroughForm,
  signInThroughForm,
  startServerAndBrowser,
  stopServerAndBrowser,
  storedInBrowser,
  watchedPage,
} from './browser.ts';

// The e2e project does not inherit the root test timeouts; a browser needs more than the default 5 s.
describe.skipIf(!browserIsAvailable())('signing in and out in the browser', { timeout: 30_000 }, () => {
  let server: E2eServer;
  let browser: Browser;

  beforeAll(async () => {
    ({ server, browser } = await startServerAndBrowser());
  }, 60_000);

  afterAll(async () => {
    await stopServerAndBrowser({ server, browser });
  });

  test('a manager signs in, sees their organisation and account, and signs out', async () => {
    const organisation = await createTestOrganisation(server.db, server.clock);
    const manager = await createTestUser(server.db, server.clock, organisation.id, { role: 'manager' });
    const { context, page, watch } = await watchedPage(browser, [
      { status: 401, path: '/api/session' }, // asking who is signed in before anyone is, and the wrong password
    ]);

    await page.goto(`${server.baseUrl}/`);
    await page.waitForURL(`${server.baseUrl}/sign-in`);
    await page.getByRole('heading', { level: 1, name: 'Sign in to Liaison' }).waitFor();

    // Nothing entered: the form says what is missing, and the error summary takes focus.
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('link', { name: 'Enter your email address' }).waitFor();
    expect(await page.locator('#email-error').textContent()).toBe('Error: Enter your email address');
    expect(await page.locator('#password-error').textContent()).toBe('Error: Enter your password');
    expect(await page.locator('.nhsuk-error-summary:focus').count()).toBe(1);
    expect(await page.title()).toBe('Error: Sign in – Liaison');
    await screenshot(page, 'sign-in-errors');

    // The wrong password: the server's own message.
    await signInThroughForm(page, manager.email, 'not the password');
    await page.getByRole('link', { name: 'The email address or password is not right.' }).waitFor();

    await signInThroughForm(page, manager.email, TEST_PASSWORD);
    await page.waitForURL(`${server.baseUrl}/`);
    await page.getByRole('heading', { level: 1, name: 'What needs you' }).waitFor();
    expect(await page.title()).toBe('Home – Liaison');

    const account = page.getByRole('navigation', { name: 'Account' });
    expect(await account.textContent()).toContain(organisation.name);
    expect(await page.locator('main .nhsuk-caption-l').textContent()).toBe(organisation.name);
    expect(await account.textContent()).toContain(manager.display_name);
    expect(await summaryValue(page, 'Your account', 'Name')).toBe(manager.display_name);
    expect(await summaryValue(page, 'Your account', 'Email address')).toBe(manager.email);
    expect(await summaryValue(page, 'Your account', 'Role')).toBe('Manager');
    expect(await summaryValue(page, 'Your organisation', 'Name')).toBe(organisation.name);
    const menu = page.getByRole('navigation', { name: 'Menu' });
    expect(await menu.getByRole('link').allTextContents()).toEqual([
      'Home',
      'People',
      'Partner messages',
      'Incidents',
      'Safeguarding',
      'Held shares',
      'Partners',
      'Sharing agreements',
      'Staff',
      'Audit',
    ]);

    // The session is an HttpOnly, Secure, host-only cookie; nothing is kept in browser storage.
    const [cookie] = await context.cookies();
    expect(cookie).toMatchObject({
      name: '__Host-liaison_session',
      httpOnly: true,
      secure: true,
      sameSite: 'Lax',
    });
    expect(await storedInBrowser(page)).toEqual(nothingStored);
    await screenshot(page, 'home');

    // On a fresh page load the first Tab reaches the skip link, which moves focus to the content.
    // (A reload keeps the page's place in the history, so it counts as arriving by navigation,
    // which focuses the heading.)
    await page.goto('about:blank');
    await page.goto(`${server.baseUrl}/`);
    await page.getByRole('heading', { level: 1, name: 'What needs you' }).waitFor();
    await page.keyboard.press('Tab');
    expect(await page.locator(':focus').textContent()).toBe('Skip to main content');
    await page.keyboard.press('Enter');
    expect(await page.locator(':focus').getAttribute('id')).toBe('maincontent');
    expect(page.url()).toBe(`${server.baseUrl}/`);

    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL(`${server.baseUrl}/sign-in`);
    await page.getByText('You have signed out').waitFor();
    expect(await context.cookies()).toEqual([]);

    await page.goto(`${server.baseUrl}/`);
    await page.waitForURL(`${server.baseUrl}/sign-in`);
    await page.getByRole('heading', { level: 1, name: 'Sign in to Liaison' }).waitFor();

    expect(watch).toEqual(noFaults);
    await context.close();
  });

  test('a manager sets up an authenticator app at first sign-in, saves recovery codes, and signs in with a code', async () => {
    const organisation = await createTestOrganisation(server.db, server.clock);
    const manager = await createTestUser(server.db, server.clock, organisation.id, { role: 'manager' });
    const { context, page, watch } = await watchedPage(browser, [
      { status: 401, path: '/api/session' }, // asking who is signed in before anyone is
      { status: 400, path: '/api/account/mfa/enrolment/confirm' }, // the wrong code, on purpose
      { status: 400, path: '/api/session/second-factor' }, // the code already used, on purpose
    ]);

    await page.goto(`${server.baseUrl}/people`);
    await page.waitForURL(`${server.baseUrl}/sign-in`);
    await page.getByLabel('Email address').fill(manager.email);
    await page.getByLabel('Password').fill(TEST_PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();

    // The password alone opens nothing: the set-up page, which no other address gets round.
    await page.waitForURL(`${server.baseUrl}/sign-in/set-up-authenticator`);
    await page.getByRole('heading', { level: 1, name: 'Set up your authenticator app' }).waitFor();
    expect(await page.getByRole('img', { name: 'QR code to scan with your authenticator app' }).count()).toBe(
      1,
    );
    const codeInput = page.getByLabel('Code from your authenticator app');
    expect(await codeInput.getAttribute('autocomplete')).toBe('one-time-code');
    expect(await codeInput.getAttribute('inputmode')).toBe('numeric');
    await page.getByText('I cannot scan the QR code').click();
    // Shown in eight groups of four, to copy by hand; the key itself is the 32 characters.
    const shownKey = (await page.locator('#setup-key').textContent()) ?? '';
    expect(shownKey).toMatch(/^[A-Z2-7]{4}( [A-Z2-7]{4}){7}$/);
    const setupKey = shownKey.replaceAll(' ', '');
    // A wrong code is refused beside the field.
    await codeInput.fill(await totpCodeForStep(setupKey, timeStepAt(server.clock.now()) + 5));
    await page.getByRole('button', { name: 'Confirm' }).click();
    await page.getByRole('link', { name: /The code is not right/ }).waitFor();
    expect(await page.title()).toBe('Error: Set up your authenticator app – Liaison');
    await screenshot(page, 'set-up-authenticator');

    // Start again and finish with the helper, which reads the key and saves the recovery codes.
    await page.reload();
    await page.waitForURL(`${server.baseUrl}/sign-in/set-up-authenticator`);
    const authenticator = await setUpAuthenticatorThroughForm(page, manager.email);
    // Starting again made a new secret; the first one was never turned on.
    expect(authenticator.secret).not.toBe(setupKey);
    expect(authenticator.recoveryCodes).toHaveLength(10);
    for (const code of authenticator.recoveryCodes)
      expect(code).toMatch(/^[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}$/);
    // Back to the page first asked for.
    await page.waitForURL(`${server.baseUrl}/people`);
    await page.getByRole('heading', { level: 1, name: 'People' }).waitFor();
    expect(await storedInBrowser(page)).toEqual(nothingStored);

    await page
      .getByRole('navigation', { name: 'Account' })
      .getByRole('link', { name: 'Sign-in security' })
      .click();
    await page.getByRole('heading', { level: 1, name: 'Sign-in security' }).waitFor();
    expect(await summaryValue(page, 'Authenticator app')).toMatch(/^On since/);
    expect(await summaryValue(page, 'Recovery codes left')).toBe('10');
    // A manager must keep it: there is no way to turn it off.
    expect(await page.getByRole('button', { name: 'Turn off the authenticator app' }).count()).toBe(0);

    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL(`${server.baseUrl}/sign-in`);

    // Signing in again: the code used to set up is refused; the current one is accepted.
    await page.getByLabel('Email address').fill(manager.email);
    await page.getByLabel('Password').fill(TEST_PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(`${server.baseUrl}/sign-in/code`);
    const code = page.getByLabel('Code', { exact: true });
    expect(await code.getAttribute('autocomplete')).toBe('one-time-code');
    expect(await code.getAttribute('inputmode')).toBe('numeric');
    await code.fill(await totpCodeForStep(authenticator.secret, authenticator.lastStep ?? 0));
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.getByRole('link', { name: /The code is not right, or has already been used/ }).waitFor();
    server.clock.advance(30_000);
    await page
      .getByLabel('Code', { exact: true })
      .fill(await totpCodeForStep(authenticator.secret, timeStepAt(server.clock.now())));
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.waitForURL(`${server.baseUrl}/`);
    await page.getByRole('heading', { level: 1, name: 'What needs you' }).waitFor();

    expect(watch).toEqual(noFaults);
    await context.close();
  });

  test('a session left idle ends, and signing in again returns to the page asked for', async () => {
    const organisation = await createTestOrganisation(server.db, server.clock);
    const manager = await createTestUser(server.db, server.clock, organisation.id, { role: 'manager' });
    const { context, page, watch } = await watchedPage(browser, [
      { status: 401, path: '/api/session' }, // asking who is signed in before anyone is
      { status: 401, path: '/api/users' }, // the first request after the session went idle
    ]);

    await page.goto(`${server.baseUrl}/sign-in`);
    await signInThroughForm(page, manager.email, TEST_PASSWORD);
    await page.getByRole('heading', { level: 1, name: 'What needs you' }).waitFor();
    // The home page's own requests must have been answered before the session goes idle.
    await page.waitForLoadState('networkidle');

    server.clock.advance(server.config.sessionIdleMs);
    await page.getByRole('navigation', { name: 'Menu' }).getByRole('link', { name: 'Staff' }).click();
    await page.waitForURL(`${server.baseUrl}/sign-in`);
    await page.getByText('You have been signed out. Sign in again to continue.').waitFor();

    await signInThroughForm(page, manager.email, TEST_PASSWORD);
    await page.waitForURL(`${server.baseUrl}/staff`);
    await page.getByRole('heading', { level: 1, name: 'Staff' }).waitFor();

    expect(watch).toEqual(noFaults);
    await context.close();
  });

  test('names containing markup are shown as text and run nothing', async () => {
    const hostileName = '<img src=x onerror=alert(1)>';
    const hostileManager = '<script>alert(2)</script>';
    const organisation = await createOrganisation(
      server.db,
      {
        name: `Hillside Care ${Date.now()}`,
        registrationNumber: '1-234567890',
        registeredManagerName: hostileManager,
      },
      server.clock,
      'test',
    );
    const careWorker = await createTestUser(server.db, server.clock, organisation.id, {
      role: 'care_worker',
      displayName: hostileName,
    });
    const { context, page, watch } = await watchedPage(browser, [{ status: 401, path: '/api/session' }]);

    await page.goto(`${server.baseUrl}/sign-in`);
    await signInThroughForm(page, careWorker.email, TEST_PASSWORD);
    await page.getByRole('heading', { level: 1, name: 'What needs you' }).waitFor();
    // The organisation's details are on the home page, folded away below the work list.
    await page.getByText('Your account and organisation').click();
    await page.getByText('Registered manager').waitFor();

    expect(await summaryValue(page, 'Your account', 'Name')).toBe(hostileName);
    expect(await summaryValue(page, 'Your organisation', 'Registration number')).toBe('1-234567890');
    expect(await summaryValue(page, 'Your organisation', 'Registered manager')).toBe(hostileManager);
    expect(await page.getByRole('navigation', { name: 'Account' }).textContent()).toContain(hostileName);
    expect(await page.locator('img, main script').count()).toBe(0);

    // A care worker has no Staff section, and is told so if they go to its address.
    const menu = page.getByRole('navigation', { name: 'Menu' });
    expect(await menu.getByRole('link').allTextContents()).toEqual([
      'Home',
      'People',
      'Partner messages',
      'Incidents',
      'Safeguarding',
      'Partners',
      'Sharing agreements',
    ]);
    await page.goto(`${server.baseUrl}/staff`);
    await page
      .getByRole('heading', { level: 1, name: 'You do not have permission to see this page' })
      .waitFor();

    await page.goto(`${server.baseUrl}/no-such-page`);
    await page.getByRole('heading', { level: 1, name: 'Page not found' }).waitFor();

    expect(watch).toEqual(noFaults);
    await context.close();
  });
});

async function summaryValue(page: Page, sectionOrKey: string, key?: string): Promise<string | null> {
  if (key === undefined) {
    const row = page.locator('.nhsuk-summary-list__row').filter({
      has: page.locator(`.nhsuk-summary-list__key:text-is("${sectionOrKey}")`),
    });
    return row.locator('.nhsuk-summary-list__value').textContent();
  }
  const section = sectionOrKey;
  const list = page.locator(`h2:text-is("${section}") + dl`);
  const row = list.locator('.nhsuk-summary-list__row').filter({
    has: page.locator(`.nhsuk-summary-list__key:text-is("${key}")`),
  });
  return row.locator('.nhsuk-summary-list__value').textContent();
}

/** How much the page has kept in browser storage (strings: these run in the page, not in Node). */
