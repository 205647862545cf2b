import fs from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { StaffRole } from '../../src/users/users.table.ts';
import { nextSecondFactor, rememberedAuthenticator } from '../factories.ts';
import {
  browserIsAvailable,
  DEMO_PASSWORD,
  type E2eServer,
  loadDemoStaff,
  newContext,
  noFaults,
  screenshot,
  signedInPage,
  signInThroughForm,
  startServerAndBrowser,
  stopServerAndBrowser,
  summaryValue,
  text,
  watchPage,
} from './browser.ts';

// The demo organisation (src/demo/demo-register.ts): Edna Thistlewood consented herself to sharing
// with the types of partner in her circle of support (her GP, therapists, district nurse). Millbrook
// Housing Association is not one of them, so nothing allows sharing with it until this test records
// consent.
describe.skipIf(!browserIsAvailable())('consent and sharing in the browser', { timeout: 90_000 }, () => {
  let server: E2eServer;
  let browser: Browser;
  let emails: Map<StaffRole, string>;

  beforeAll(async () => {
    ({ server, browser } = await startServerAndBrowser());
    // The browser fills in today's date (in the UK) as the date consent was given: the server's
    // clock must agree with the machine's, or the date would be refused as in the future.
    server.clock.set(new Date());
    emails = await loadDemoStaff(server);
  }, 120_000);

  afterAll(async () => {
    await stopServerAndBrowser({ server, browser });
  });

  test('a care worker records consent, is told they can share, withdraws it, and is then told they cannot', async () => {
    const { context, page, watch } = await signedInPage(
      browser,
      server,
      emails.get('care_worker') ?? '',
      DEMO_PASSWORD,
    );

    await page.getByRole('navigation', { name: 'Menu' }).getByRole('link', { name: 'People' }).click();
    await page.getByLabel('Name or NHS number').fill('Thistlewood');
    await page.getByRole('button', { name: 'Search' }).click();
    await page.getByRole('link', { name: 'Edna Thistlewood' }).click();
    await page.getByRole('heading', { level: 1, name: /Edna Thistlewood/ }).waitFor();
    await page.getByRole('heading', { level: 2, name: 'Consent and sharing' }).waitFor();
    expect(await page.getByRole('link', { name: 'Can I share this?' }).count()).toBe(1);
    // A copy of everything held about her is for managers to make.
    expect(await page.getByRole('link', { name: /subject access request/ }).count()).toBe(0);
    await screenshot(page, 'person-consent-summary');

    // Record her consent to share health information with the housing association.
    await page.getByRole('link', { name: 'Consent and sharing records' }).click();
    await page.getByRole('heading', { level: 1, name: /Consent and sharing/ }).waitFor();
    expect(await page.title()).toBe('Edna Thistlewood: consent and sharing – Liaison');
    // Care workers record consent, but decisions made for a person are for managers.
    expect(await page.getByRole('link', { name: 'Authorise sharing for safeguarding' }).count()).toBe(0);
    await page.getByRole('link', { name: 'Record consent' }).click();
    await page.getByRole('heading', { level: 1, name: 'Record consent for Edna Thistlewood' }).waitFor();

    // Without answers, each question says what is missing.
    await page.getByRole('button', { name: 'Record consent' }).click();
    const summary = page.locator('.nhsuk-error-summary');
    await summary.getByRole('link', { name: 'Choose who gave consent' }).waitFor();
    expect(await page.title()).toBe('Error: Record consent for Edna Thistlewood – Liaison');

    await page.getByLabel('Edna Thistlewood', { exact: true }).check();
    await page.getByText('Partner organisations', { exact: true }).click();
    await page.getByLabel('Millbrook Housing Association').check();
    await page.getByText('Partner organisations (1 chosen)').waitFor();
    await page.getByLabel('Care coordination', { exact: true }).check();
    await page.getByLabel('Health', { exact: true }).check();
    await page.getByLabel('Signed consent form').check();
    const review = page.getByRole('group', { name: 'When should consent be reviewed?' });
    const nextYear = String(new Date().getFullYear() + 1);
    await review.getByLabel('Day').fill('1');
    await review.getByLabel('Month').fill('6');
    await review.getByLabel('Year').fill(nextYear);
    await screenshot(page, 'record-consent');
    await page.getByRole('button', { name: 'Record consent' }).click();

    await page.getByText('Consent has been recorded for Edna Thistlewood.').waitFor();
    const newConsent = consentCard(page, 'Millbrook Housing Association');
    expect(await text(newConsent)).toContain('In force');
    expect(await text(newConsent)).toContain('Care coordination');
    expect(await summaryValue(newConsent, 'Review by')).toBe(`1 June ${nextYear}`);
    await screenshot(page, 'consent-recorded');

    // Can I share this? Yes, on her consent.
    await page.getByRole('link', { name: 'Can I share this?' }).click();
    await page.getByRole('heading', { level: 1, name: /Can I share this\?/ }).waitFor();
    await askToShareWithMillbrook(page);
    await page.getByRole('heading', { name: 'Yes, you can share this' }).waitFor();
    expect(await text(page.locator('.nhsuk-panel'))).toContain('Allowed on the person’s consent');
    expect(await summaryValue(page.locator('main'), 'Allowed on')).toBe('The person’s own consent');
    expect(await summaryValue(page.locator('main'), 'Lawful basis')).toContain(
      'UK GDPR Article 6(1)(e): public task',
    );
    await screenshot(page, 'can-share');

    await page.getByLabel('How and what you shared').fill('Phoned the housing officer about her new hoist.');
    await page.getByRole('button', { name: 'Record that you shared this' }).click();
    await page.getByText('The share has been recorded in Edna Thistlewood’s share log.').waitFor();
    await page.getByRole('link', { name: 'See the share log' }).click();
    await page.getByRole('heading', { level: 1, name: /Share log/ }).waitFor();
    const logged = page.locator('tbody tr', { hasText: 'Phoned the housing officer' });
    expect(await text(logged)).toContain('Allowed');
    expect(await text(logged)).toContain('Millbrook Housing Association');
    // A care worker is told why shares for safeguarding others made may not be listed.
    await page.getByText('Shares made to protect someone from abuse or neglect are need-to-know').waitFor();
    await screenshot(page, 'share-log-care-worker');

    // She withdraws her consent.
    await page.getByRole('link', { name: 'Back to Edna Thistlewood’s consent and sharing' }).click();
    await consentCard(page, 'Millbrook Housing Association')
      .getByRole('link', { name: /Withdraw consent/ })
      .click();
    await page.getByRole('heading', { level: 1, name: /Withdraw the consent given on/ }).waitFor();
    await page.getByLabel('Edna Thistlewood', { exact: true }).check();
    await page
      .getByLabel('Why was consent withdrawn? (optional)')
      .fill('She would rather tell them herself.');
    await page.getByRole('button', { name: 'Withdraw consent' }).click();
    await page.getByText(/has been withdrawn\. Liaison will not share on it from now on\./).waitFor();
    await page.getByText('Consent that has been withdrawn or has lapsed (1)').click();
    const withdrawn = consentCard(page, 'Millbrook Housing Association');
    expect(await text(withdrawn)).toContain('Withdrawn');
    expect(await text(withdrawn)).toContain('Reason: She would rather tell them herself.');
    await screenshot(page, 'consent-withdrawn');

    // The same question is now refused, and says why.
    await page.getByRole('link', { name: 'Can I share this?' }).click();
    await askToShareWithMillbrook(page);
    await page.getByRole('heading', { name: 'No, you cannot share this' }).waitFor();
    const refusal = page.locator('.nhsuk-card--care--urgent');
    expect(await text(refusal)).toMatch(/The consent recorded on .+ was withdrawn on /);
    expect(await page.getByRole('button', { name: 'Record that you shared this' }).count()).toBe(0);
    await screenshot(page, 'cannot-share');

    expect(watch).toEqual(noFaults);
    await context.close();
  });

  test('a manager records capacity and a best-interests decision, authorises sharing for safeguarding, and keeps agreements', async () => {
    const { context, page, watch } = await signedInPage(
      browser,
      server,
      emails.get('manager') ?? '',
      DEMO_PASSWORD,
    );
    const leonard = await server.db
      .selectFrom('people')
      .select('id')
      .where('family_name', '=', 'Stobbart')
      .executeTakeFirstOrThrow();
    const nextYear = String(new Date().getFullYear() + 1);

    // A capacity assessment: the outcome follows from the answers.
    await page.goto(`${server.baseUrl}/people/${leonard.id}/sharing`);
    await page.getByRole('link', { name: 'Record a capacity assessment' }).click();
    await page
      .getByLabel('The decision being assessed')
      .fill('Sharing his care plan with the district nurses');
    await page.getByLabel('Care coordination', { exact: true }).check();
    await page.getByLabel('Care plan', { exact: true }).check();
    const answer = (question: RegExp, choice: 'Yes' | 'No') =>
      page.getByRole('group', { name: question }).getByLabel(choice, { exact: true }).check();
    await answer(/impairment of, or a disturbance in/, 'Yes');
    await page.getByText('The outcome is worked out from your answers.').waitFor();
    await answer(/understand the information/, 'No');
    await answer(/remember that information/, 'Yes');
    await answer(/use or weigh up/, 'No');
    await answer(/communicate their decision/, 'Yes');
    await page
      .getByText('From your answers: Leonard (Len) Stobbart lacks capacity for this decision.')
      .waitFor();
    await page
      .getByLabel('How you reached this conclusion')
      .fill('Explained twice with pictures; he could not recall who the nurses were or weigh it up.');
    const assessmentReview = page.getByRole('group', { name: 'When should it be reviewed?' });
    await assessmentReview.getByLabel('Day').fill('1');
    await assessmentReview.getByLabel('Month').fill('3');
    await assessmentReview.getByLabel('Year').fill(nextYear);
    await screenshot(page, 'capacity-assessment');
    await page.getByRole('button', { name: 'Record assessment' }).click();
    await page
      .getByText(
        'The capacity assessment has been recorded: Leonard (Len) Stobbart lacks capacity for this decision.',
      )
      .waitFor();

    // A best-interests decision resting on it.
    await page.getByRole('link', { name: 'Record a best-interests decision' }).click();
    await page.getByLabel('Sharing his care plan with the district nurses').check();
    await page
      .getByLabel('The decision', { exact: true })
      .fill('Share his care plan with the district nurses');
    await page.getByText('Types of partner, like any GP').click();
    await page.getByLabel('District nurse', { exact: true }).check();
    await page.getByLabel('Care coordination', { exact: true }).check();
    await page.getByLabel('Care plan', { exact: true }).check();
    await page
      .getByLabel('Who was consulted?')
      .fill('His son, his key worker and the district nursing team.');
    await page
      .getByLabel('Leonard (Len) Stobbart’s wishes and feelings')
      .fill('He has always valued his privacy.');
    await page.getByLabel('Sharing is in their best interests').check();
    await page
      .getByLabel('Why', { exact: true })
      .fill('The nurses need his care plan to manage his seizures.');
    const decisionReview = page.getByRole('group', { name: 'When should it be reviewed?' });
    await decisionReview.getByLabel('Day').fill('1');
    await decisionReview.getByLabel('Month').fill('3');
    await decisionReview.getByLabel('Year').fill(nextYear);
    await page.getByRole('button', { name: 'Record decision' }).click();
    await page
      .getByText('The best-interests decision has been recorded for Leonard (Len) Stobbart.')
      .waitFor();
    const decisionCard = page.locator('.nhsuk-card', {
      hasText: 'Share his care plan with the district nurses',
    });
    expect(await text(decisionCard)).toContain('Any district nurse');

    // Sharing for safeguarding, then revoking it.
    await page.getByRole('link', { name: 'Authorise sharing for safeguarding' }).click();
    await page.getByRole('button', { name: 'Authorise sharing' }).click();
    await page
      .locator('.nhsuk-error-summary')
      .getByRole('link', { name: 'Explain why sharing without consent is necessary' })
      .waitFor();
    await page
      .getByLabel('Why is sharing without consent necessary?')
      .fill('Unexplained bruising; the safeguarding hub needs to know now to protect him.');
    await page.getByText('Partner organisations', { exact: true }).click();
    await page.getByLabel('Exampleton Safeguarding Adults Hub (MASH)').check();
    await page.getByLabel('Safeguarding', { exact: true }).check();
    await page.getByRole('button', { name: 'Authorise sharing' }).click();
    await page
      .getByText(/Sharing about Leonard \(Len\) Stobbart for safeguarding is authorised until/)
      .waitFor();

    await page.getByRole('link', { name: 'Can I share this?' }).click();
    await page
      .getByLabel('Who would the information go to?')
      .selectOption({ label: 'Exampleton Safeguarding Adults Hub (MASH)' });
    await page.getByRole('group', { name: 'What is it for?' }).getByLabel('Safeguarding').check();
    await page
      .getByRole('group', { name: 'What kinds of information would you share?' })
      .getByLabel('Safeguarding')
      .check();
    await page.getByRole('button', { name: 'Check', exact: true }).click();
    await page.getByRole('heading', { name: 'Yes, you can share this' }).waitFor();
    expect(await summaryValue(page.locator('main'), 'Allowed on')).toBe(
      'A manager’s safeguarding authorisation',
    );
    expect(await summaryValue(page.locator('main'), 'Lawful basis')).toContain('Data Protection Act 2018');

    await page.getByRole('link', { name: /Back to Leonard/ }).click();
    await page.getByRole('link', { name: /^Revoke/ }).click();
    await page.getByLabel('Why are you revoking it?').fill('The hub has what it needs.');
    await page.getByRole('button', { name: 'Revoke authorisation' }).click();
    await page.getByText(/The safeguarding authorisation has been revoked/).waitFor();

    // Nothing is held: nothing was waiting to be sent.
    await menu(page).getByRole('link', { name: 'Held shares' }).click();
    await page.getByText('No shares are held.').waitFor();

    // Information sharing agreements, under the partner register.
    await menu(page).getByRole('link', { name: 'Sharing agreements' }).click();
    await page.getByRole('heading', { level: 1, name: 'Information sharing agreements' }).waitFor();
    expect(await menu(page).locator('[aria-current="page"]').textContent()).toBe('Sharing agreements');
    await page.getByRole('link', { name: 'Add an agreement' }).click();
    await page
      .getByLabel('Partner organisation', { exact: true })
      .selectOption({ label: 'Riverside Medical Practice' });
    await page.getByLabel('Title').fill('Riverside primary care information sharing agreement');
    await page.getByLabel('Care coordination', { exact: true }).check();
    await page.getByLabel('Health', { exact: true }).check();
    const starts = page.getByRole('group', { name: 'When does it start?' });
    await starts.getByLabel('Day').fill('1');
    await starts.getByLabel('Month').fill('4');
    await starts.getByLabel('Year').fill('2026');
    await page.getByRole('button', { name: 'Add agreement' }).click();
    await page
      .getByText(
        'Riverside primary care information sharing agreement with Riverside Medical Practice has been added.',
      )
      .waitFor();
    await page.getByRole('link', { name: /^Change/ }).click();
    const ends = page.getByRole('group', { name: 'When does it end? (optional)' });
    await ends.getByLabel('Day').fill('31');
    await ends.getByLabel('Month').fill('3');
    await ends.getByLabel('Year').fill(nextYear);
    await page.getByRole('button', { name: 'Save changes' }).click();
    await page.getByText('Riverside primary care information sharing agreement has been changed.').waitFor();
    const agreementRow = page.locator('tbody tr', { hasText: 'Riverside primary care' });
    expect(await text(agreementRow)).toContain(`1 April 2026 to 31 March ${nextYear}`);
    await screenshot(page, 'sharing-agreements');

    expect(watch).toEqual(noFaults);
    await context.close();
  });

  test('a manager exports the share log after a while away: asked to confirm it is them, then it downloads', async () => {
    const edna = await server.db
      .selectFrom('people')
      .select(['id'])
      .where('family_name', '=', 'Thistlewood')
      .executeTakeFirstOrThrow();
    const exportPath = `/api/people/${edna.id}/shares/export`;
    const context = await newContext(browser);
    const page = await context.newPage();
    // The first try is refused (403, a re-authentication is due) before the prompt is shown.
    const watch = await watchPage(page, [
      { status: 401, path: '/api/session' },
      { status: 403, path: exportPath },
    ]);
    const email = emails.get('registered_manager') ?? '';
    await page.goto(`${server.baseUrl}/sign-in`);
    await signInThroughForm(page, email, DEMO_PASSWORD);
    await page.waitForURL(`${server.baseUrl}/`);
    await page.goto(`${server.baseUrl}/people/${edna.id}/shares`);
    await page.getByRole('heading', { level: 1, name: /Share log/ }).waitFor();

    // Ten minutes on, the sign-in is no longer recent enough for a bulk export.
    server.clock.advance(10 * 60_000);
    await page.getByRole('link', { name: 'Download the whole share log (CSV)' }).click();
    await page.getByRole('heading', { level: 1, name: 'Confirm it is you' }).waitFor();
    await screenshot(page, 'share-log-export-reauthenticate');
    await page.getByLabel('Password').fill(DEMO_PASSWORD);
    const authenticator = rememberedAuthenticator(server.baseUrl, email);
    if (!authenticator) throw new Error('The registered manager set up an authenticator when signing in.');
    const factor = await nextSecondFactor(authenticator, server.clock.now());
    if (!('code' in factor)) throw new Error('A code is due ten minutes after signing in.');
    await page.getByLabel('Code from your authenticator app').fill(factor.code);
    const downloaded = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Confirm' }).click();
    const download = await downloaded;
    expect(download.suggestedFilename()).toBe('share-log-Thistlewood-Edna.csv');
    const csv = fs.readFileSync((await download.path()) ?? '', 'utf8');
    expect(csv.split('\n')[0]).toContain('When (UK time),Outcome,Organisation,Contact,Purpose');
    // Words, not codes: no purpose, category or basis appears as a code.
    expect(csv).not.toMatch(/care_coordination|health_monitoring|representative_consent|consent_record/);
    await page.getByRole('heading', { level: 1, name: /Share log/ }).waitFor();

    const exports = await server.db
      .selectFrom('audit_events')
      .select(['action', 'outcome'])
      .where('entity_id', '=', edna.id)
      .where('action', '=', 'share_log.export')
      .execute();
    expect(exports).toEqual([{ action: 'share_log.export', outcome: 'success' }]);
    expect(watch).toEqual(noFaults);
    await context.close();
  });

  test('a registered manager downloads everything held about a person, for a subject access request', async () => {
    const edna = await server.db
      .selectFrom('people')
      .select(['id'])
      .where('family_name', '=', 'Thistlewood')
      .executeTakeFirstOrThrow();
    const { context, page, watch } = await signedInPage(
      browser,
      server,
      emails.get('registered_manager') ?? '',
      DEMO_PASSWORD,
    );
    await page.goto(`${server.baseUrl}/people/${edna.id}`);
    await page.getByRole('heading', { level: 2, name: 'Their details' }).waitFor();
    const link = page.getByRole('link', {
      name: 'Download everything held about them (subject access request)',
    });
    await link.scrollIntoViewIfNeeded();
    await screenshot(page, 'person-subject-access-export');
    const downloaded = page.waitForEvent('download');
    await link.click();
    const download = await downloaded;
    expect(download.suggestedFilename()).toBe('subject-access-Thistlewood-Edna.json');
    const copy = JSON.parse(fs.readFileSync((await download.path()) ?? '', 'utf8'));
    expect(copy.person.name).toBe('Edna Thistlewood');
    expect(copy.about.reviewBeforeSending).toMatch(/Check this copy before you send it/);
    // Her circle of support, her chronology and what was shared about her, in words.
    expect(copy.circleOfSupport.length).toBeGreaterThan(0);
    expect(copy.chronology.length).toBeGreaterThan(0);
    expect(copy.sharedWithPartners.length).toBeGreaterThan(0);
    expect(copy.accessLog.length).toBeGreaterThan(0);
    expect(JSON.stringify(copy)).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/);
    const exports = await server.db
      .selectFrom('audit_events')
      .select(['action', 'outcome'])
      .where('entity_id', '=', edna.id)
      .where('action', '=', 'person.subject_access_export')
      .execute();
    expect(exports).toEqual([{ action: 'person.subject_access_export', outcome: 'success' }]);
    expect(watch).toEqual(noFaults);
    await context.close();
  });
});

async function askToShareWithMillbrook(page: Page): Promise<void> {
  await page
    .getByLabel('Who would the information go to?')
    .selectOption({ label: 'Millbrook Housing Association' });
  await page.getByLabel('Care coordination', { exact: true }).check();
  await page.getByLabel('Health', { exact: true }).check();
  await page.getByRole('button', { name: 'Check', exact: true }).click();
}

function menu(page: Page) {
  return page.getByRole('navigation', { name: 'Menu' });
}

function consentCard(page: Page, recipient: string) {
  return page.locator('.nhsuk-card', { hasText: recipient }).first();
}

/** The value beside `key` in a summary list inside `within`. */
