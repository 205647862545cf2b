import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest';
import { createTestOrganisation, createTestUser, TEST_PASSWORD } from '../factories.ts';
import {
  browserIsAvailable,
  giveSecondFactorThroughForm,
  type MailingE2e,
  noFaults,
  screenshot,
  signedInPage,
  startServerBrowserAndMail,
  stopServerBrowserAndMail,
  watchedPage,
} from './browser.ts';

const NEW_PASSWORD = 'a quiet river in autumn';

describe.skipIf(!browserIsAvailable())('choosing a new password in the browser', { timeout: 90_000 }, () => {
  let e2e: MailingE2e;

  beforeAll(async () => {
    e2e = await startServerBrowserAndMail();
  }, 60_000);

  afterAll(async () => {
    await stopServerBrowserAndMail(e2e);
  });

  test('a registered manager who forgot their password gets a link by email, chooses a new one, and still gives their code', async () => {
    const { server, browser, smtp } = e2e;
    const organisation = await createTestOrganisation(server.db, server.clock);
    const manager = await createTestUser(server.db, server.clock, organisation.id, {
      role: 'registered_manager',
      displayName: 'Priya Shah',
    });
    // They signed in once, setting up their authenticator app, before forgetting their password.
    const earlier = await signedInPage(browser, server, manager.email, TEST_PASSWORD);
    await earlier.context.close();

    const { context, page, watch } = await watchedPage(browser, [
      { status: 401, path: '/api/session' }, // nobody is signed in yet
      { status: 404, path: '/api/password-reset' }, // the used link, opened again at the end
    ]);
    await page.goto(`${server.baseUrl}/sign-in`);
    await page.getByRole('link', { name: 'Forgotten your password?' }).click();
    await page.getByRole('heading', { level: 1, name: 'Forgotten your password?' }).waitFor();
    // Nothing entered: the form says what is missing.
    await page.getByRole('button', { name: 'Email me a link' }).click();
    await page.getByRole('link', { name: 'Enter the email address you sign in with' }).waitFor();
    await page.getByLabel('Email address').fill(manager.email);
    await page.getByRole('button', { name: 'Email me a link' }).click();
    await page.getByRole('heading', { level: 1, name: 'Check your email' }).waitFor();
    expect(await page.getByText('If a Liaison account in use has this email address').count()).toBe(1);
    await screenshot(page, 'password-reset-requested');

    // The outbox sends the email the request queued.
    let delivered = 0;
    await vi.waitFor(
      async () => {
        delivered += await e2e.deliver();
        expect(delivered).toBe(1);
      },
      { timeout: 10_000, interval: 50 },
    );
    const [mail] = await smtp.waitForMessages(1);
    expect(mail?.envelope.to).toEqual([manager.email]);
    expect(mail?.parsed.subject).toBe('Choose a new password for Liaison');
    const link = mail?.parsed.text?.match(/http:\/\/localhost:\d+\/reset-password#[A-Za-z0-9_-]{43}/)?.[0];
    expect(link).toBeDefined();

    await page.goto(link!);
    await page.getByRole('heading', { level: 1, name: 'Choose a new password' }).waitFor();
    expect(await page.getByText(manager.email).count()).toBeGreaterThan(0);
    await screenshot(page, 'password-reset-choose');
    await page.getByLabel('Password').fill(NEW_PASSWORD);
    await page.getByRole('button', { name: 'Change my password' }).click();
    await page.getByRole('heading', { level: 1, name: 'Your password has changed' }).waitFor();
    await screenshot(page, 'password-reset-done');

    // Signing in with the new password still asks for the authenticator's code.
    await page.getByRole('link', { name: 'Sign in' }).click();
    await page.getByLabel('Email address').fill(manager.email);
    await page.getByLabel('Password').fill(NEW_PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(`${server.baseUrl}/sign-in/code`);
    await giveSecondFactorThroughForm(page, manager.email);
    await page.waitForURL(`${server.baseUrl}/`);

    // The link worked once.
    await page.goto(link!);
    await page.getByRole('heading', { level: 1, name: 'This link does not work' }).waitFor();
    expect(await page.getByText('Ask for a new link from the sign-in page').count()).toBe(1);
    await page.getByRole('link', { name: 'Ask for a new link' }).waitFor();
    await screenshot(page, 'password-reset-used-link');
    expect(watch).toEqual(noFaults);
    await context.close();
  });
});
