import fs from 'node:fs';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { type Browser, type BrowserContext, chromium, type Locator, type Page } from 'playwright-core';
import type { Config } from '../../src/config.ts';
import { loadDemo } from '../../src/demo/demo.ts';
import { createMailer, type Mailer } from '../../src/mail/mailer.ts';
import { deliverDueEmails } from '../../src/outbox/email-delivery.ts';
import type { StaffRole } from '../../src/users/users.table.ts';
import { createTestApp, type TestApp } from '../app-for-test.ts';
import {
  nextSecondFactor,
  rememberAuthenticator,
  rememberedAuthenticator,
  type TestAuthenticator,
} from '../factories.ts';
import { startTestSmtpServer, type TestSmtpServer } from '../smtp-server.ts';

/** Debian's Chromium; playwright-core brings no browser of its own. */
export const chromiumPath = '/usr/bin/chromium';
const webIndex = path.resolve(import.meta.dirname, '../../web/dist/index.html');

/**
 * Whether the browser tests can run here. Without Chromium they are skipped with a warning,
 * unless LIAISON_REQUIRE_BROWSER=1 (as in CI), where a missing browser is a failure.
 */
export function browserIsAvailable(): boolean {
  if (fs.existsSync(chromiumPath)) return true;
  if (process.env.LIAISON_REQUIRE_BROWSER === '1') {
    throw new Error(`LIAISON_REQUIRE_BROWSER=1 but there is no Chromium at ${chromiumPath}.`);
  }
  console.warn(
    `No Chromium at ${chromiumPath}: the browser tests are skipped (apt-get install chromium to run them).`,
  );
  return false;
}

export type E2eServer = TestApp & { baseUrl: string };

/** The real app on a real port, with a fresh database, serving the built web interface. */
export async function startServer(config: Partial<Config> = {}): Promise<E2eServer> {
  if (!fs.existsSync(webIndex)) {
    throw new Error(`The web interface has not been built (${webIndex} is missing): run "npm run build".`);
  }
  const testApp = await createTestApp({ config });
  await testApp.app.listen({ port: 0, host: '127.0.0.1' });
  const { port } = testApp.app.server.address() as AddressInfo;
  // Chromium treats http://localhost as a secure context, so it keeps the Secure, __Host- session
  // cookie without TLS: the cookie settings are the production ones (cookieSecure stays on).
  const server = { ...testApp, baseUrl: `http://localhost:${port}` };
  servers.set(server.baseUrl, server);
  return server;
}

/** The app on a real port, as `startServer` starts it, and a browser to visit it with. */
export async function startServerAndBrowser(config: Partial<Config> = {}) {
  const server = await startServer(config);
  try {
    return { server, browser: await launchBrowser() };
  } catch (error) {
    await server.close();
    throw error;
  }
}

/** Closes the browser and the app, whichever of them had started. */
export async function stopServerAndBrowser(running: {
  server?: E2eServer | undefined;
  browser?: Browser | undefined;
}) {
  await running.browser?.close();
  await running.server?.close();
}

/** The app with a test mail server set up, a browser, and a way to send what waits in the outbox. */
export type MailingE2e = {
  server: E2eServer;
  browser: Browser;
  smtp: TestSmtpServer;
  mailer: Mailer;
  smtpConfig: Config['smtp'];
  /** Runs the outbox job once, as the server's scheduler would; answers how many emails it sent. */
  deliver(): Promise<number>;
};

/**
 * Starts a test mail server, the app set up to use it and a browser. Links in emails are built
 * from the address the app is reached at, which is only known once it listens; the app's clock
 * agrees with the machine's, as dates typed in the browser are the machine's.
 */
export async function startServerBrowserAndMail(): Promise<MailingE2e> {
  const smtp = await startTestSmtpServer();
  const smtpConfig = smtp.smtpConfig();
  const mailer = createMailer(smtpConfig);
  const { server, browser } = await startServerAndBrowser({ smtp: smtpConfig });
  server.config.publicUrl = server.baseUrl;
  server.clock.set(new Date());
  const deliver = () =>
    deliverDueEmails(server.db, {
      mailer,
      clock: server.clock,
      domain: 'care.example',
      keyFile: server.config.mfaKeyFile,
    });
  return { server, browser, smtp, mailer, smtpConfig, deliver };
}

export async function stopServerBrowserAndMail(running: Partial<MailingE2e> | undefined): Promise<void> {
  await stopServerAndBrowser({ server: running?.server, browser: running?.browser });
  await running?.mailer?.close();
  await running?.smtp?.stop();
}

/** The password of every member of the demo organisation's staff in the browser tests. */
export const DEMO_PASSWORD = 'demo password for the browser test';

/**
 * Loads the demo organisation (src/demo/demo-register.ts) into the server's database, its staff
 * signing in with DEMO_PASSWORD; answers each role's email address.
 */
export async function loadDemoStaff(
  server: E2eServer,
  options: Pick<Parameters<typeof loadDemo>[1], 'config'> = {},
): Promise<Map<StaffRole, string>> {
  const demo = await loadDemo(server.db, { clock: server.clock, password: () => DEMO_PASSWORD, ...options });
  return new Map(demo.signIns.map((signIn) => [signIn.role, signIn.email]));
}

/** Running servers by base URL: the sign-in helper reads the server's clock to compute codes. */
const servers = new Map<string, E2eServer>();

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath,
    headless: true,
    args: [
      '--no-sandbox',
      '--headless',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-quic',
      '--no-first-run',
    ],
  });
}

export async function newContext(browser: Browser): Promise<BrowserContext> {
  const context = await browser.newContext({ locale: 'en-GB', viewport: { width: 1280, height: 900 } });
  context.setDefaultTimeout(10_000);
  return context;
}

/** A request the test expects to fail, whose console message is therefore not a fault. */
export type ExpectedFailure = { status: number; path: string };

export type PageWatch = {
  consoleErrors: string[];
  pageErrors: string[];
  cspViolations: string[];
  dialogs: string[];
};

/**
 * Records what should never happen on a page: console errors, uncaught exceptions, Content-
 * Security-Policy violations and JavaScript dialogs (which are dismissed). Browsers log every
 * failed request as a console error, so the failures the test provokes are listed as expected.
 */
export async function watchPage(page: Page, expectedFailures: ExpectedFailure[] = []): Promise<PageWatch> {
  const watch: PageWatch = { consoleErrors: [], pageErrors: [], cspViolations: [], dialogs: [] };
  page.on('console', (message) => {
    if (message.type() !== 'error') return;
    const failedStatus = /the server responded with a status of (\d+)/.exec(message.text())?.[1];
    if (failedStatus) {
      const failedPath = new URL(message.location().url).pathname;
      const isExpected = expectedFailures.some(
        (failure) => failure.status === Number(failedStatus) && failure.path === failedPath,
      );
      if (isExpected) return;
    }
    watch.consoleErrors.push(`${message.text()} (${message.location().url})`);
  });
  page.on('pageerror', (error) => watch.pageErrors.push(error.message));
  page.on('dialog', (dialog) => {
    watch.dialogs.push(`${dialog.type()}: ${dialog.message()}`);
    void dialog.dismiss();
  });
  // The binding survives navigations; the listener is added to each new document before its scripts.
  await page.exposeBinding('reportCspViolation', (_source, violation: string) => {
    watch.cspViolations.push(violation);
  });
  // A string, not a function: it runs in the page, and the tests are type-checked without DOM types.
  await page.addInitScript(`
    document.addEventListener('securitypolicyviolation', (event) => {
      window.reportCspViolation(
        event.violatedDirective + ' blocked ' + (event.blockedURI || 'inline content') + ' in ' + event.sourceFile,
      );
    });
  `);
  return watch;
}

/** What a watch holds when nothing went wrong on the page. */
export const noFaults: PageWatch = { consoleErrors: [], pageErrors: [], cspViolations: [], dialogs: [] };

/** A new browser window and its page, watched for faults but for `expectedFailures`. */
export async function watchedPage(browser: Browser, expectedFailures: ExpectedFailure[] = []) {
  const context = await newContext(browser);
  const page = await context.newPage();
  return { context, page, watch: await watchPage(page, expectedFailures) };
}

/**
 * A new browser window in which `email` signs in through the form and reaches the home page,
 * watched for faults. The sign-in page asking who is signed in (401) is an expected failure, as
 * are `expectedFailures`; more can be pushed onto the list the answer holds, as the test provokes
 * them. Answers the window's context, its page, the watch and that list.
 */
export async function signedInPage(
  browser: Browser,
  server: E2eServer,
  email: string,
  password: string,
  expectedFailures: ExpectedFailure[] = [],
) {
  const expected: ExpectedFailure[] = [{ status: 401, path: '/api/session' }, ...expectedFailures];
  const { context, page, watch } = await watchedPage(browser, expected);
  await page.goto(`${server.baseUrl}/sign-in`);
  await signInThroughForm(page, email, password);
  await page.waitForURL(`${server.baseUrl}/`);
  return { context, page, watch, expectedFailures: expected };
}

/** Text as a person reads it: runs of white space as one space, none at the ends. */
export function cellText(value: string | null): string {
  return (value ?? '').replace(/\s+/g, ' ').trim();
}

/** What an element says, as a person reads it. */
export async function text(locator: Locator): Promise<string> {
  return cellText(await locator.textContent());
}

/** The value beside `key` in a summary list on the page, or within one part of it. */
export async function summaryValue(within: Page | Locator, key: string): Promise<string> {
  const page = 'goto' in within ? within : within.page();
  const row = within.locator('.nhsuk-summary-list__row', {
    has: page.locator('.nhsuk-summary-list__key', { hasText: key }),
  });
  return text(row.locator('.nhsuk-summary-list__value').first());
}

/** How much the page's origin keeps in the browser's storage: Liaison keeps nothing there. */
export async function storedInBrowser(page: Page) {
  return {
    localStorage: await page.evaluate<number>('localStorage.length'),
    sessionStorage: await page.evaluate<number>('sessionStorage.length'),
    indexedDb: await page.evaluate<number>('indexedDB.databases().then((databases) => databases.length)'),
    cacheStorage: await page.evaluate<number>('caches.keys().then((names) => names.length)'),
    readableCookies: await page.evaluate<number>(
      "document.cookie === '' ? 0 : document.cookie.split(';').length",
    ),
  };
}

export const nothingStored = {
  localStorage: 0,
  sessionStorage: 0,
  indexedDb: 0,
  cacheStorage: 0,
  readableCookies: 0,
};

/** Saves a screenshot when LIAISON_SCREENSHOT_DIR is set, for a person to look at. */
export async function screenshot(page: Page, name: string): Promise<void> {
  const directory = process.env.LIAISON_SCREENSHOT_DIR;
  if (!directory) return;
  await page.screenshot({ path: path.join(directory, `liaison-${name}.png`), fullPage: true });
}

/**
 * Signs in through the form, as a person would. Someone who needs a second factor gives it: the
 * first time, the helper sets up an authenticator (reading the setup key shown on the page,
 * computing the code from it, and saving the recovery codes); afterwards it enters a code, or a
 * recovery code when the code for this moment has been used already. A wrong password leaves the
 * page on the sign-in form.
 */
export async function signInThroughForm(page: Page, email: string, password: string): Promise<void> {
  await page.getByLabel('Email address').fill(email);
  await page.getByLabel('Password').fill(password);
  const answered = page.waitForResponse(
    (response) =>
      new URL(response.url()).pathname === '/api/session' && response.request().method() === 'POST',
  );
  await page.getByRole('button', { name: 'Sign in' }).click();
  const response = await answered;
  if (response.status() !== 200) return;
  const { signInStep } = (await response.json()) as { signInStep: string };
  if (signInStep === 'enrolment') await setUpAuthenticatorThroughForm(page, email);
  else if (signInStep === 'second_factor') await giveSecondFactorThroughForm(page, email);
}

function serverOf(page: Page): E2eServer {
  const server = servers.get(new URL(page.url()).origin);
  if (!server) throw new Error(`No test server at ${page.url()}`);
  return server;
}

/** Sets up an authenticator on the set-up page; answers the authenticator the helper now holds. */
export async function setUpAuthenticatorThroughForm(page: Page, email: string): Promise<TestAuthenticator> {
  const server = serverOf(page);
  await page.getByRole('heading', { level: 1, name: 'Set up your authenticator app' }).waitFor();
  await page.getByText('I cannot scan the QR code').click();
  // The key is shown in groups of four; the app (like the helper) ignores the spaces.
  const secret = ((await page.locator('#setup-key').textContent()) ?? '').replace(/\s/g, '');
  const authenticator: TestAuthenticator = { secret, recoveryCodes: [], lastStep: null };
  const factor = await nextSecondFactor(authenticator, server.clock.now());
  if (!('code' in factor)) throw new Error('A new authenticator always has a code to give.');
  await page.getByLabel('Code from your authenticator app').fill(factor.code);
  await page.getByRole('button', { name: 'Confirm' }).click();
  await page.getByRole('heading', { level: 1, name: 'Save your recovery codes' }).waitFor();
  authenticator.recoveryCodes = await page.getByTestId('recovery-codes').locator('li').allTextContents();
  rememberAuthenticator(server.baseUrl, email, authenticator);
  await page.getByLabel('I have saved these recovery codes').check();
  await page.getByRole('button', { name: 'Continue' }).click();
  return authenticator;
}

export async function giveSecondFactorThroughForm(page: Page, email: string): Promise<void> {
  const server = serverOf(page);
  const authenticator = rememberedAuthenticator(server.baseUrl, email);
  if (!authenticator)
    throw new Error(`No test authenticator for ${email}: it was set up outside the helpers.`);
  await page.getByRole('heading', { level: 1, name: 'Enter the code from your authenticator app' }).waitFor();
  const factor = await nextSecondFactor(authenticator, server.clock.now());
  if ('code' in factor) {
    await page.getByLabel('Code', { exact: true }).fill(factor.code);
  } else {
    await page.getByRole('button', { name: 'Use a recovery code instead' }).click();
    await page.getByLabel('Recovery code', { exact: true }).fill(factor.recoveryCode);
  }
  await page.getByRole('button', { name: 'Continue' }).click();
}
