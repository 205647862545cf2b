import type { Browser, Locator } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { withdrawConsent } from '../../src/consent/consent.service.ts';
import type { StaffRole } from '../../src/users/users.table.ts';
import type { TestSmtpServer } from '../smtp-server.ts';
import {
  browserIsAvailable,
  DEMO_PASSWORD,
  type E2eServer,
  loadDemoStaff,
  type MailingE2e,
  newContext,
  noFaults,
  screenshot,
  signedInPage,
  startServerBrowserAndMail,
  stopServerBrowserAndMail,
  watchedPage,
  watchPage,
} from './browser.ts';

// The demo organisation (src/demo/demo-register.ts): Edna Thistlewood consented to sharing her
// identity and health information with the types of partner in her circle of support for health
// monitoring. Her GP is Dr Helena Marchbank of Riverside Medical Practice.
describe.skipIf(!browserIsAvailable())('partner messages in the browser', { timeout: 120_000 }, () => {
  let server: E2eServer;
  let smtp: TestSmtpServer;
  let e2e: MailingE2e;
  let browser: Browser;
  let emails: Map<StaffRole, string>;

  beforeAll(async () => {
    // A mail server is set up: the sender is told the link waits to be emailed.
    e2e = await startServerBrowserAndMail();
    ({ server, browser, smtp } = e2e);
    emails = await loadDemoStaff(server, { config: server.config });
    // The demo's own messages were emailed before the test begins: it counts only its own.
    while ((await e2e.deliver()) > 0);
    smtp.reset();
  }, 120_000);

  afterAll(async () => {
    await stopServerBrowserAndMail(e2e);
  });

  test('a care worker sends a request, the GP acknowledges and responds through the emailed link, and the thread shows both', async () => {
    const {
      context: staffContext,
      page,
      watch,
    } = await signedInPage(browser, server, emails.get('care_worker') ?? '', DEMO_PASSWORD);

    await page
      .getByRole('navigation', { name: 'Menu' })
      .getByRole('link', { name: 'Partner messages' })
      .click();
    await page.getByRole('heading', { level: 1, name: 'Partner messages' }).waitFor();
    await page.getByRole('link', { name: 'Send a message' }).click();
    await page.getByRole('heading', { level: 1, name: 'Send a message' }).waitFor();

    await page.getByLabel('Request', { exact: true }).check();
    await page.getByLabel('Advice', { exact: true }).check();
    await page.getByLabel('Routine', { exact: true }).check();
    // Choosing Edna first offers her circle of support: her GP is one click away.
    await page.getByLabel('The person it is about (optional)').selectOption({ label: 'Edna Thistlewood' });
    await page.getByRole('button', { name: 'Send to Dr Helena Marchbank' }).click();
    const gp = page.locator('#partnerContactId option', { hasText: 'Dr Helena Marchbank' });
    await gp.waitFor({ state: 'attached' });
    expect(await page.getByLabel('Partner organisation').inputValue()).toBe(
      (await page
        .locator('#partnerOrganisationId option', { hasText: 'Riverside Medical Practice' })
        .getAttribute('value')) ?? '',
    );
    await expect
      .poll(() => page.getByLabel('Who is it for?').inputValue())
      .toBe((await gp.getAttribute('value')) ?? '');
    await page.getByLabel('Health monitoring', { exact: true }).check();
    expect(await page.getByLabel('Identity', { exact: true }).isChecked()).toBe(true);
    await page.getByLabel('Health', { exact: true }).check();

    // The page says truthfully what the email holds; the subject is checked for personal details.
    await page
      .getByText('The email contains the subject, who it is from, when a reply is needed and the link.')
      .waitFor();
    const subject = page.getByLabel('Subject');
    await subject.fill('Edna Thistlewood born 12/03/1941');
    const subjectWarnings = page.locator('#subject-check');
    await subjectWarnings.getByRole('heading', { name: 'Check the subject' }).waitFor();
    await expect
      .poll(() => subjectWarnings.locator('mark').allTextContents())
      .toEqual(['Edna', 'Thistlewood', '12/03/1941']);
    await subject.fill('Review of drinks and swallowing');
    await subjectWarnings.waitFor({ state: 'detached' });
    await page.getByLabel('Summary').fill('Since breakfast at 8am today Edna has coughed after every drink.');
    await page.getByLabel('Impact').fill('She is at risk of choking and of a chest infection.');
    await page
      .getByLabel('What is already in place')
      .fill('Staff are with her for every drink, and she is sitting upright for them.');
    const ask = page.getByLabel('What you are asking them to do');
    await ask.fill('Please advise asap whether her drinks should be thickened more.');

    // The live check points at the vague words, beside the field, before anything is sent.
    const askWarnings = page.locator('#ask-check');
    await askWarnings.getByText('does not say when').first().waitFor();
    await askWarnings.getByRole('heading', { name: 'Check what you are asking them to do' }).waitFor();
    expect(await askWarnings.locator('mark').allTextContents()).toContain('asap');
    await screenshot(page, 'message-check-warning');
    await ask.fill('Please advise by 4pm tomorrow whether her drinks should be thickened more.');
    await askWarnings.locator('mark', { hasText: 'asap' }).waitFor({ state: 'detached' });

    const deadline = page.getByRole('group', { name: 'Date' });
    const tomorrow = londonDateAfter(1);
    await deadline.getByLabel('Day').fill(String(tomorrow.day));
    await deadline.getByLabel('Month').fill(String(tomorrow.month));
    await deadline.getByLabel('Year').fill(String(tomorrow.year));
    await page.getByLabel('Time', { exact: true }).fill('4pm');
    await page.getByRole('button', { name: 'Send message' }).click();

    await page.getByRole('heading', { level: 1, name: /Review of drinks and swallowing/ }).waitFor();
    await page
      .getByText('Your message has been sent to Dr Helena Marchbank at Riverside Medical Practice.')
      .waitFor();
    await page.getByText('It is waiting to be emailed to them').waitFor();
    const shownLink = await page.getByLabel('Secure link').inputValue();
    expect(shownLink).toMatch(new RegExp(`^${escapeRegExp(server.baseUrl)}/partner#[A-Za-z0-9_-]{43}$`));
    expect(await summaryValue(page.locator('main'), 'Response needed by (UK time)')).toBe(
      `${tomorrow.words} at 4:00pm`,
    );
    await screenshot(page, 'message-sent');

    // The email goes out over SMTP, carrying the same link and none of the message's details.
    expect(await e2e.deliver()).toBe(1);
    const [email] = await smtp.waitForMessages(1);
    expect(email?.envelope.to).toEqual(['helena.marchbank@nhs.example']);
    const emailText = email?.parsed.text ?? '';
    expect(emailText).not.toContain('Edna');
    const emailedLink = /https?:\/\/\S+\/partner#[A-Za-z0-9_-]{43}/.exec(emailText)?.[0];
    expect(emailedLink).toBe(shownLink);

    // The GP opens it in a browser of their own, with no staff session.
    const {
      context: partnerContext,
      page: partnerPage,
      watch: partnerWatch,
    } = await watchedPage(browser, [{ status: 401, path: '/api/session' }]);
    await partnerPage.goto(emailedLink ?? '');
    await partnerPage.getByRole('heading', { level: 1, name: /Review of drinks and swallowing/ }).waitFor();
    expect(await partnerPage.getByRole('navigation', { name: 'Menu' }).count()).toBe(0);
    expect(await summaryValue(partnerPage.locator('main'), 'About')).toMatch(/^Edna Thistlewood/);
    // The GP can identify their patient before acting: date of birth and NHS number are shown.
    expect(await summaryValue(partnerPage.locator('main'), 'Date of birth')).toMatch(
      /^\d{1,2} [A-Z][a-z]+ \d{4}$/,
    );
    expect(await summaryValue(partnerPage.locator('main'), 'NHS number')).toMatch(/^\d{3} \d{3} \d{4}$/);
    expect(await partnerPage.locator('main').textContent()).toContain(
      'Please advise by 4pm tomorrow whether her drinks should be thickened more.',
    );

    // One main action: the response. Acknowledging and accepting or declining are secondary.
    const buttons = partnerPage.locator('main form button[type="submit"]');
    expect(await buttons.count()).toBe(3);
    const primary = partnerPage.locator('main form button.nhsuk-button:not(.nhsuk-button--secondary)');
    expect(await primary.allTextContents()).toEqual(['Send response']);
    // The reason for declining is asked for only once "No" is chosen.
    const declineReason = partnerPage.getByLabel('Why are you declining?');
    expect(await declineReason.isVisible()).toBe(false);
    await partnerPage.getByLabel('No, I decline the request').check();
    expect(await declineReason.isVisible()).toBe(true);
    await partnerPage.getByLabel('Yes, I accept the request').check();
    expect(await declineReason.isVisible()).toBe(false);

    await partnerPage.getByRole('button', { name: 'Acknowledge receipt' }).click();
    await partnerPage
      .locator('.nhsuk-error-summary')
      .getByRole('link', { name: 'Enter your name' })
      .waitFor();
    await partnerPage.getByLabel('Your name').fill('Dr Helena Marchbank');
    await partnerPage.getByLabel('Your job title or role (optional)').fill('GP');
    await partnerPage.getByRole('button', { name: 'Acknowledge receipt' }).click();
    await partnerPage.getByText('has been told you have received it.').waitFor();

    await partnerPage.getByLabel('Advice or an instruction').check();
    await partnerPage
      .getByLabel('Your response')
      .fill('Move her to level 3 moderately thick drinks from today. I will visit on Friday.');
    await partnerPage.getByRole('button', { name: 'Send response' }).click();
    await partnerPage.getByText('Your response has been sent to').waitFor();
    await screenshot(partnerPage, 'partner-page');
    expect(partnerWatch).toEqual(noFaults);

    // The thread on the staff side shows both, in order, and the link is not shown again.
    await page.reload();
    await page.getByRole('heading', { level: 2, name: 'Thread' }).waitFor();
    expect(await page.locator('#partner-link').count()).toBe(0);
    const thread = page.getByRole('list', { name: 'Thread, oldest first' });
    const entries = await thread.locator(':scope > li h3').allTextContents();
    expect(entries.indexOf('Acknowledged')).toBeGreaterThan(entries.indexOf('Sent'));
    expect(entries.indexOf('Responded')).toBeGreaterThan(entries.indexOf('Acknowledged'));
    const responded = thread.locator(':scope > li', { has: page.locator('h3', { hasText: /^Responded$/ }) });
    expect(await responded.textContent()).toContain(
      'Move her to level 3 moderately thick drinks from today.',
    );
    expect(await responded.textContent()).toContain('Dr Helena Marchbank (GP)');
    await screenshot(page, 'message-thread');

    // A call with advice: the adviser is chosen from the register, their advice written apart
    // from the call note; both show only once it is said to be advice.
    await page.getByRole('link', { name: 'Log a phone call or a reply that came another way' }).click();
    await page.getByRole('heading', { level: 1, name: /Log a call or reply/ }).waitFor();
    await page.getByLabel('A phone call').check();
    const adviceText = page.getByLabel('Their advice, in their words');
    expect(await adviceText.isVisible()).toBe(false);
    await page.getByLabel('This is advice or an instruction from the partner').check();
    await adviceText.waitFor();
    const adviser = page.getByLabel('Who gave the advice?');
    await expect.poll(() => adviser.locator('option', { hasText: 'Dr Helena Marchbank' }).count()).toBe(1);
    await page
      .getByLabel('What was said')
      .fill('Dr Marchbank rang about Friday. She also gave advice on drinks.');
    await page.getByRole('button', { name: 'Log it' }).click();
    await page
      .locator('.nhsuk-error-summary')
      .getByRole('link', { name: 'Write the advice as they gave it' })
      .waitFor();
    await adviceText.fill('Offer drinks only when she is sitting fully upright.');
    await page.getByRole('button', { name: 'Log it' }).click();
    await page.getByText('The call has been logged.').waitFor();
    const requestedEntry = page
      .getByRole('list', { name: 'Thread, oldest first' })
      .locator(':scope > li', { has: page.locator('h3', { hasText: /^Written confirmation requested$/ }) })
      .last();
    expect(await requestedEntry.textContent()).toContain(
      'Asked Dr Helena Marchbank to confirm the advice in writing.',
    );

    // The advice is on Edna's record, given in writing through the link.
    await page.getByRole('link', { name: 'Edna Thistlewood' }).first().click();
    await page.getByRole('heading', { level: 2, name: 'Advice' }).waitFor();
    const advice = page.locator('.nhsuk-card', { hasText: 'Move her to level 3' }).first();
    await advice.waitFor();
    expect(await advice.textContent()).toContain('Given in writing');
    await page.getByRole('heading', { level: 2, name: 'Messages' }).waitFor();
    await page
      .getByRole('table', { name: /Messages about Edna Thistlewood/ })
      .getByRole('link', { name: 'Review of drinks and swallowing', exact: true })
      .waitFor();

    // Stopping the link: the partner's page then says it is not valid.
    await page
      .getByRole('table', { name: /Messages about Edna Thistlewood/ })
      .getByRole('link', { name: 'Review of drinks and swallowing', exact: true })
      .click();
    await page.getByRole('link', { name: /Stop this link/ }).click();
    await page.getByRole('button', { name: 'Stop the link' }).click();
    await page
      .locator('.nhsuk-error-summary')
      .getByRole('link', { name: 'Say why you are stopping the link' })
      .waitFor();
    await page.getByLabel('Why are you stopping it?').fill('Sent to the practice’s old address.');
    await page.getByRole('button', { name: 'Stop the link' }).click();
    await page.getByText('The link has been stopped.').waitFor();
    expect(await page.locator('main').textContent()).toContain('Stopped');

    const revokedPage = await partnerContext.newPage();
    const revokedWatch = await watchPage(revokedPage, [
      { status: 401, path: '/api/session' },
      { status: 401, path: '/api/partner/message' },
    ]);
    await revokedPage.goto(emailedLink ?? '');
    await revokedPage.getByRole('heading', { level: 1, name: 'This link is not valid' }).waitFor();
    expect(await revokedPage.locator('main').textContent()).not.toContain('Review of drinks');
    expect(revokedWatch).toEqual(noFaults);

    expect(watch).toEqual(noFaults);
    await partnerContext.close();
    await staffContext.close();
  });

  test('a manager finds the advice given by phone that awaits written confirmation', async () => {
    const { context, page, watch } = await signedInPage(
      browser,
      server,
      emails.get('manager') ?? '',
      DEMO_PASSWORD,
    );

    await page
      .getByRole('navigation', { name: 'Menu' })
      .getByRole('link', { name: 'Partner messages' })
      .click();
    await page.getByRole('link', { name: 'Advice awaiting written confirmation' }).click();
    await page.getByRole('heading', { level: 1, name: 'Advice awaiting written confirmation' }).waitFor();
    expect(await page.title()).toBe('Advice awaiting written confirmation – Liaison');
    // The demo's diabetes nurse phoned back with advice about Priya Thornbury.
    const table = page.getByRole('table', { name: /Advice awaiting written confirmation/ });
    const row = table.locator('tbody tr', { hasText: 'Martha Ellingworth' });
    await row.getByRole('link', { name: /Priya Thornbury/ }).waitFor();
    expect(await row.textContent()).toContain('Phone');
    expect(await row.textContent()).toContain('Written confirmation requested');
    await screenshot(page, 'advice-awaiting-confirmation');

    await row.getByRole('link', { name: /See the request for confirmation/ }).click();
    await page
      .getByRole('heading', { level: 1, name: /Please confirm your advice in writing: Blood sugar higher/ })
      .waitFor();
    await page.goBack();
    await table
      .locator('tbody tr', { hasText: 'Martha Ellingworth' })
      .getByRole('link', { name: /Priya Thornbury/ })
      .click();
    await page.getByRole('heading', { level: 2, name: 'Advice' }).waitFor();
    expect(
      await page.locator('.nhsuk-card', { hasText: 'before her evening meal' }).first().textContent(),
    ).toContain('Written confirmation requested');

    expect(watch).toEqual(noFaults);
    await context.close();
  });

  test('a made-up link shows that it is not valid', async () => {
    const { context, page, watch } = await watchedPage(browser, [
      { status: 401, path: '/api/session' },
      { status: 401, path: '/api/partner/message' },
    ]);
    await page.goto(`${server.baseUrl}/partner#${'A'.repeat(43)}`);
    await page.getByRole('heading', { level: 1, name: 'This link is not valid' }).waitFor();
    expect(await page.title()).toBe('This link is not valid – Liaison');
    await screenshot(page, 'partner-link-not-valid');
    expect(watch).toEqual(noFaults);
    await context.close();
  });

  test('with no mail server the sender is told nothing was emailed, records giving the link by phone, and a withdrawal closes it', async () => {
    server.config.smtp = { ...server.config.smtp, host: undefined };
    const {
      context: staffContext,
      page,
      watch,
    } = await signedInPage(browser, server, emails.get('care_worker') ?? '', DEMO_PASSWORD);
    await page.goto(`${server.baseUrl}/messages/new`);
    await page.getByRole('heading', { level: 1, name: 'Send a message' }).waitFor();
    await page.getByLabel('Request', { exact: true }).check();
    await page.getByLabel('Advice', { exact: true }).check();
    await page.getByLabel('Routine', { exact: true }).check();
    await page.getByLabel('The person it is about (optional)').selectOption({ label: 'Edna Thistlewood' });
    await page.getByRole('button', { name: 'Send to Dr Helena Marchbank' }).click();
    await page
      .locator('#partnerContactId option', { hasText: 'Dr Helena Marchbank' })
      .waitFor({ state: 'attached' });
    await page.getByLabel('Health monitoring', { exact: true }).check();
    await page.getByLabel('Health', { exact: true }).check();
    await page.getByLabel('Subject').fill('Sore on her left heel');
    await page.getByLabel('Summary').fill('Since 7am today Edna has had a red, warm patch on her left heel.');
    await page.getByLabel('Impact').fill('It may become a pressure sore.');
    await page.getByLabel('What is already in place').fill('Staff turn her every two hours.');
    await page
      .getByLabel('What you are asking them to do')
      .fill('Please advise by 4pm tomorrow on a dressing.');
    const deadline = page.getByRole('group', { name: 'Date' });
    const tomorrow = londonDateAfter(1);
    await deadline.getByLabel('Day').fill(String(tomorrow.day));
    await deadline.getByLabel('Month').fill(String(tomorrow.month));
    await deadline.getByLabel('Year').fill(String(tomorrow.year));
    await page.getByLabel('Time', { exact: true }).fill('4pm');
    await page.getByRole('button', { name: 'Send message' }).click();

    // Told the truth: nothing was emailed, and how to give the link another way.
    await page
      .getByRole('heading', { level: 2, name: /Not emailed: give Dr Helena Marchbank this link/ })
      .waitFor();
    const link = await page.getByLabel('Secure link').inputValue();
    await screenshot(page, 'message-not-emailed');
    expect(await page.locator('main').textContent()).not.toContain('waiting to be emailed');
    await page.getByLabel('How did you give it to them?').selectOption('by_phone');
    await page.getByRole('button', { name: 'I gave them the link' }).click();
    await page.getByText('Recorded: you gave Dr Helena Marchbank the link by phone.').waitFor();
    const thread = page.getByRole('list', { name: 'Thread, oldest first' });
    await thread.getByRole('heading', { name: 'Link given to the partner' }).waitFor();
    const messageUrl = page.url();

    // The GP opens it; then Edna withdraws her consent, and the same link shows nothing about her.
    const partnerContext = await newContext(browser);
    const partnerPage = await partnerContext.newPage();
    await partnerPage.goto(link);
    await partnerPage.getByRole('heading', { level: 1, name: /Sore on her left heel/ }).waitFor();
    const edna = await server.db
      .selectFrom('people')
      .select('id')
      .where('given_name', '=', 'Edna')
      .where('family_name', '=', 'Thistlewood')
      .executeTakeFirstOrThrow();
    const consents = await server.db
      .selectFrom('consent_records')
      .select(['id', 'org_id'])
      .where('person_id', '=', edna.id)
      .where('withdrawn_at', 'is', null)
      .execute();
    for (const consent of consents) {
      await withdrawConsent(
        server.db,
        {
          orgId: consent.org_id,
          actor: { type: 'system', id: 'test', role: null },
          requestId: null,
          ip: null,
        },
        edna.id,
        consent.id,
        { withdrawnBy: 'person' },
        server.clock,
      );
    }
    const closedWatch = await watchPage(partnerPage, [
      { status: 401, path: '/api/session' },
      { status: 410, path: '/api/partner/message' },
    ]);
    await partnerPage.reload();
    await partnerPage
      .getByRole('heading', { level: 1, name: 'This information is no longer shared with you' })
      .waitFor();
    const partnerText = (await partnerPage.locator('main').textContent()) ?? '';
    expect(partnerText).not.toContain('Edna');
    expect(partnerText).not.toContain('heel');
    await screenshot(partnerPage, 'partner-page-no-longer-shared');
    expect(closedWatch).toEqual(noFaults);

    await page.goto(messageUrl);
    await page.getByRole('heading', { level: 2, name: /No longer shared/ }).waitFor();
    expect(await page.locator('main').textContent()).toContain('Consent withdrawn on');
    await screenshot(page, 'message-no-longer-shared');
    expect(watch).toEqual(noFaults);
    await partnerContext.close();
    await staffContext.close();
  });
});

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** The UK date some days from now, as typed into a date input and as the page shows it. */
function londonDateAfter(days: number): { day: number; month: number; year: number; words: string } {
  const date = new Date(Date.now() + days * 86_400_000);
  const [year = 0, month = 0, day = 0] = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' })
    .format(date)
    .split('-')
    .map(Number);
  const words = new Intl.DateTimeFormat('en-GB', {
    timeZone: 'Europe/London',
    day: 'numeric',
    month: 'long',
    year: 'numeric',
  }).format(date);
  return { day, month, year, words };
}

/** The value beside `key` in a summary list inside `within`. */
async function summaryValue(within: Locator, key: string): Promise<string> {
  const row = within.locator('.nhsuk-summary-list__row', {
    has: within.page().locator('dt', { hasText: new RegExp(`^${escapeRegExp(key)}$`) }),
  });
  return ((await row.locator('dd').textContent()) ?? '').trim();
}
