import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { RequestContext } from '../../src/context.ts';
import { addRestriction } from '../../src/safeguarding/concern-plans.service.ts';
import { saveSettings } from '../../src/safeguarding/concern-referrals.service.ts';
import { raiseConcern } from '../../src/safeguarding/safeguarding.service.ts';
import { authoriseSafeguardingShare } from '../../src/safeguarding-authorisations/safeguarding-authorisations.service.ts';
import {
  createTestOrganisation,
  createTestPartnerContact,
  createTestPartnerOrganisation,
  createTestPerson,
  createTestUser,
  TEST_PASSWORD,
} from '../factories.ts';
import {
  browserIsAvailable,
  type E2eServer,
  type ExpectedFailure,
  launchBrowser,
  newContext,
  screenshot,
  signInThroughForm,
  startServer,
  watchPage,
} from './browser.ts';

const noFaults = { consoleErrors: [], pageErrors: [], cspViolations: [], dialogs: [] };

// Domestic abuse indicators in home care (the second of the safeguarding seed examples). A care
// worker raises the concern about Ada and records what she said, word for word. The manager runs
// it: writes what staff need to know, corrects an entry, sets a review trigger that a visible injury
// then meets, seeks threshold advice from the named safeguarding link, sends the section 42
// referral prefilled from the records, and records an interim restriction on Ben, the tenant who is
// the alleged source in a second, peer-on-peer part of the picture. The care worker afterwards sees
// only what they need to know.
describe.skipIf(!browserIsAvailable())('safeguarding in the browser', { timeout: 300_000 }, () => {
  let server: E2eServer;
  let browser: Browser;
  let managerEmail: string;
  let careWorkerEmail: string;
  let concernId = '';
  let adaId = '';
  let benId = '';

  // The browser types times as they are now; the server's clock is kept in step with it.
  const keepTime = () => server.clock.set(new Date());

  beforeAll(async () => {
    server = await startServer();
    keepTime();
    const { db, clock } = server;
    const organisation = await createTestOrganisation(db, clock);
    const manager = await createTestUser(db, clock, organisation.id, {
      role: 'manager',
      displayName: 'Morgan Manager',
    });
    const careWorker = await createTestUser(db, clock, organisation.id, {
      role: 'care_worker',
      displayName: 'Casey Carer',
    });
    const registeredManager = await createTestUser(db, clock, organisation.id, {
      role: 'registered_manager',
      displayName: 'Riley Registered',
    });
    managerEmail = manager.email;
    careWorkerEmail = careWorker.email;
    const asManager: RequestContext = {
      orgId: organisation.id,
      actor: { type: 'user', id: manager.id, role: 'manager' },
      requestId: null,
      ip: null,
    };
    const ada = await createTestPerson(db, clock, organisation.id, {
      givenName: 'Ada',
      familyName: 'Okafor',
    });
    const ben = await createTestPerson(db, clock, organisation.id, { givenName: 'Ben', familyName: 'Hale' });
    adaId = ada.id;
    benId = ben.id;
    const hub = await createTestPartnerOrganisation(db, clock, organisation.id, {
      name: 'Exampleton Adult Safeguarding Hub',
      type: 'safeguarding_team',
    });
    const duty = await createTestPartnerContact(db, clock, organisation.id, hub.id, {
      name: 'Sam Duty',
      type: 'safeguarding_team',
      email: 'mash@example.gov.uk',
    });
    // Asking Ada for consent could raise the risk from the household member: a manager authorised
    // sharing with the hub for safeguarding.
    await authoriseSafeguardingShare(
      db,
      asManager,
      ada.id,
      {
        partnerOrganisationIds: [hub.id],
        partnerContactIds: [],
        partnerTypes: [],
        categories: ['identity', 'safeguarding', 'risk'],
        rationale:
          'Risk of domestic abuse; asking for consent could increase the risk from the household member.',
      },
      clock,
    );
    await saveSettings(
      db,
      {
        ...asManager,
        actor: { type: 'user', id: registeredManager.id, role: 'registered_manager' },
      },
      1,
      { decisionWorkingDays: 2, safeguardingLinkContactId: duty.id },
      clock,
    );
    // Earlier, two low-level worries about Ben's money and the same acquaintance (a pattern), and
    // an interim restriction on the first of them whose review date has passed.
    const daysAgo = (days: number) => new Date(clock.now().getTime() - days * 24 * 60 * 60_000);
    const lowLevel = (whatHappened: string, days: number) =>
      raiseConcern(
        db,
        asManager,
        {
          personId: ben.id,
          occurredAt: daysAgo(days).toISOString(),
          whatHappened,
          category: 'financial_or_material',
          locationOfRisk: 'in_a_community_service',
          sourceKind: 'known_to_individual',
          sourceDescription: 'Acquaintance, first name Dan',
          immediateActions: 'Budgeting support; essentials checked.',
          level: 'low',
          childrenAtRisk: false,
        },
        clock,
      );
    const first = await lowLevel('Money ran out two days after payday; Dan visited twice.', 45);
    await lowLevel('Money ran out again soon after payday.', 20);
    await addRestriction(
      db,
      asManager,
      first.id,
      {
        personId: ben.id,
        restriction: 'Ben’s bank card is kept in the office safe overnight.',
        reason: 'Money taken at night by a visitor.',
        legalBasis: 'other',
        legalBasisNote: 'Agreed with Ben at his review, recorded in his care plan.',
        leastRestrictiveConsidered: 'Reminders alone were tried first.',
        startsOn: daysAgo(40).toISOString().slice(0, 10),
        reviewOn: daysAgo(12).toISOString().slice(0, 10),
      },
      clock,
    );
    browser = await launchBrowser();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  test('a care worker raises a concern and records what the person said, word for word', async () => {
    const page = await (await newContext(browser)).newPage();
    // A long path on a busy machine: each step may wait longer than the usual 10 seconds.
    page.setDefaultTimeout(30_000);
    const watch = await watchPage(page, [{ status: 401, path: '/api/session' }]);
    await page.goto(`${server.baseUrl}/sign-in`);
    await signInThroughForm(page, careWorkerEmail, TEST_PASSWORD);
    await page.waitForURL(`${server.baseUrl}/`);

    await page.getByRole('navigation', { name: 'Menu' }).getByRole('link', { name: 'Safeguarding' }).click();
    await page.getByRole('heading', { level: 1, name: 'Safeguarding concerns' }).waitFor();
    await page.getByRole('link', { name: 'Ben Hale' }).first().waitFor();
    await screenshot(page, 'safeguarding-list-care-worker-before');
    await page.getByRole('link', { name: 'Raise a concern' }).click();
    await page.getByRole('heading', { level: 1, name: 'Raise a safeguarding concern' }).waitFor();

    // Nothing filled in: the error summary names every field that is missing.
    await page.getByRole('button', { name: 'Raise the concern' }).click();
    const summary = page.locator('.nhsuk-error-summary');
    await summary.getByRole('link', { name: 'Choose the adult at risk' }).waitFor();
    await summary.getByRole('link', { name: 'Enter what happened, as facts' }).waitFor();
    await summary.getByRole('link', { name: 'Choose the level of the concern' }).waitFor();
    expect(await page.locator('#immediateActions-error').textContent()).toBe(
      'Error: Enter what was done straight away to keep people safe',
    );
    expect(await page.title()).toBe('Error: Raise a safeguarding concern – Liaison');
    await screenshot(page, 'safeguarding-raise-errors');

    await page.getByLabel('The adult at risk').selectOption({ label: 'Ada Okafor' });
    await page
      .getByLabel('What happened', { exact: true })
      .fill('A household member would not let me see Ada alone and stayed in the room during personal care.');
    await page
      .getByLabel('What kind of abuse or neglect might it be?')
      .selectOption({ label: 'Domestic abuse' });
    await page.getByLabel('Where is the risk?').selectOption({ label: 'Own home' });
    await page.getByLabel('Someone known to the person').check();
    await page.getByLabel('Describe the alleged source (optional)').fill('Household member');
    await page
      .getByLabel('What was done straight away to keep people safe')
      .fill('Finished the visit with a second member of staff; told the manager by phone.');
    await page.getByLabel('High', { exact: true }).check();
    keepTime();
    await page.getByRole('button', { name: 'Raise the concern' }).click();

    await page.getByRole('heading', { level: 1, name: 'Concern about Ada Okafor' }).waitFor();
    await page.getByText('The concern about Ada Okafor has been raised.').waitFor();
    concernId = /\/safeguarding\/concerns\/([0-9a-f-]{36})/.exec(page.url())?.[1] ?? '';
    expect(concernId).not.toBe('');
    await screenshot(page, 'safeguarding-concern-care-worker-new');

    // What Ada said, as a quote.
    await page.getByRole('link', { name: 'Add to the chronology' }).click();
    await page.getByRole('heading', { level: 2, name: 'Add an entry to the chronology' }).waitFor();
    await page.getByLabel('Distress').check();
    await page
      .getByLabel('What happened', { exact: true })
      .fill('Ada was tearful when the household member left the room and asked me to keep my voice down.');
    await page.getByLabel('Exactly what was said').fill('He said I must not talk to you on my own.');
    await page.getByLabel('Who said it').fill('Ada');
    await page.getByLabel('Who was present (optional)').fill('Casey Carer');
    await page.getByLabel('The person', { exact: true }).check();
    await page.getByLabel('Yes', { exact: true }).check();
    await page.getByLabel('What was done?').fill('Told the manager the same morning.');
    await screenshot(page, 'safeguarding-add-entry');
    keepTime();
    await page.getByRole('button', { name: 'Add the entry' }).click();
    await page.getByText('The entry has been added.').waitFor();
    await page.getByRole('heading', { level: 1, name: 'Concern about Ada Okafor' }).waitFor();
    expect(watch).toEqual(noFaults);
    await page.context().close();
  });

  test('a manager corrects an entry, meets a review trigger, seeks advice, refers and records a restriction', async () => {
    const page = await (await newContext(browser)).newPage();
    // A long path on a busy machine: each step may wait longer than the usual 10 seconds.
    page.setDefaultTimeout(30_000);
    const expectedFailures: ExpectedFailure[] = [{ status: 401, path: '/api/session' }];
    const watch = await watchPage(page, expectedFailures);
    await page.goto(`${server.baseUrl}/sign-in`);
    await signInThroughForm(page, managerEmail, TEST_PASSWORD);
    await page.waitForURL(`${server.baseUrl}/`);

    await page.getByRole('navigation', { name: 'Menu' }).getByRole('link', { name: 'Safeguarding' }).click();
    await page.getByRole('heading', { level: 1, name: 'Safeguarding concerns' }).waitFor();
    await page.getByText('Open (3)', { exact: true }).waitFor();
    await page.getByRole('link', { name: 'Restriction past review (1)' }).waitFor();
    await screenshot(page, 'safeguarding-list-manager');
    await page.getByRole('link', { name: 'Ada Okafor' }).click();
    await page.getByRole('heading', { level: 1, name: 'Concern about Ada Okafor' }).waitFor();
    await page.getByText('A household member would not let me see Ada alone').waitFor();
    await screenshot(page, 'safeguarding-concern-summary');

    // What care workers will see.
    await page.getByRole('link', { name: 'Write what staff need to know' }).click();
    await page
      .getByLabel('What staff need to know')
      .fill(
        'Two staff for every visit. Do not discuss the concern in the home. Report any new marks the same day.',
      );
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByText('Staff who are not managers now see this summary of the concern.').waitFor();

    // The chronology shows Ada's words as a quote.
    const contents = page.getByRole('navigation', { name: 'Pages of this concern' });
    await contents.getByRole('link', { name: 'Chronology' }).click();
    await page.getByRole('heading', { level: 2, name: 'Chronology' }).waitFor();
    const quote = page.locator('blockquote', { hasText: 'He said I must not talk to you on my own.' });
    await quote.waitFor();
    expect(await quote.textContent()).toBe('Direct quote: “He said I must not talk to you on my own.”');

    // The entry put right: a correction names it, and the original stays, marked as corrected.
    const distress = page.getByTestId('chronology-entry').filter({ hasText: 'Ada was tearful' });
    await distress.getByRole('link', { name: /^Correct this entry/ }).click();
    await page.getByRole('heading', { level: 2, name: 'Correct an entry' }).waitFor();
    expect(await page.getByLabel('Exactly what was said').inputValue()).toBe(
      'He said I must not talk to you on my own.',
    );
    await screenshot(page, 'safeguarding-correct-entry');
    await page
      .getByLabel('What was wrong with the entry?')
      .fill('The household member had left the house, not the room.');
    await page
      .getByLabel('What happened', { exact: true })
      .fill(
        'Ada was tearful once the household member had left the house, and asked me to keep my voice down.',
      );
    keepTime();
    await page.getByRole('button', { name: 'Add the correction' }).click();
    await page.getByText('The correction has been added; the original entry stays as it was.').waitFor();
    const original = page
      .getByTestId('chronology-entry')
      .filter({ hasText: 'Ada was tearful when the household member left the room' });
    await original.getByText('Corrected', { exact: true }).waitFor();
    await page
      .getByTestId('chronology-entry')
      .filter({ hasText: 'What was wrong: The household member had left the house, not the room.' })
      .waitFor();
    await screenshot(page, 'safeguarding-chronology');

    // A safe-contact plan, and a review trigger: any visible injury or threat.
    await contents.getByRole('link', { name: 'Safe-contact plans and review triggers' }).click();
    await page.getByRole('link', { name: 'Add a safe-contact plan' }).click();
    await page.getByLabel('Two-person visits').check();
    await page.getByLabel('Varied visit times').check();
    await page
      .getByLabel('The arrangements')
      .fill('Two staff at each visit; times varied; the manager calls when Ada is alone.');
    await page.getByRole('button', { name: 'Add the plan' }).click();
    await page.getByText('The safe-contact plan is in place.').waitFor();
    await page.getByRole('link', { name: 'Set a review trigger' }).click();
    await page.getByLabel('Visible injury').check();
    await page.getByLabel('Threat').check();
    await page.getByLabel('By any single entry of these kinds').check();
    await page.getByRole('button', { name: 'Set the trigger' }).click();
    await page.getByText('The review trigger is set.').waitFor();
    await page.getByRole('heading', { level: 3, name: /Any visible injury or threat entry/ }).waitFor();
    await screenshot(page, 'safeguarding-plans-and-triggers');

    // A visible injury meets it: the concern says so, and asks the manager to consider escalating.
    await contents.getByRole('link', { name: 'Chronology' }).click();
    await page.getByRole('link', { name: 'Add an entry' }).click();
    await page.getByLabel('Visible injury').check();
    await page
      .getByLabel('What happened', { exact: true })
      .fill('A bruise about 3 cm across on Ada’s left forearm.');
    await page.getByLabel('Staff', { exact: true }).check();
    await page.getByLabel('Yes', { exact: true }).check();
    await page.getByLabel('What was done?').fill('Body map completed; manager told.');
    keepTime();
    await page.getByRole('button', { name: 'Add the entry' }).click();
    await page.getByText('The entry has been added. It met 1 review trigger: consider escalating.').waitFor();
    const prompt = page.getByTestId('trigger-met');
    await prompt.getByText('Review trigger met: consider escalating').waitFor();
    await page
      .getByTestId('chronology-entry')
      .filter({ hasText: 'Review trigger met: any visible injury or threat entry' })
      .waitFor();
    await screenshot(page, 'safeguarding-trigger-met');

    // Threshold advice from the named safeguarding link, through the sharing gate.
    await prompt.getByRole('link', { name: 'Seek threshold advice' }).click();
    await page.getByRole('heading', { level: 2, name: 'Seek threshold advice' }).waitFor();
    expect(await page.getByLabel(/Your named safeguarding link: Sam Duty/).isChecked()).toBe(true);
    await page
      .getByLabel('The risk to the person and others')
      .fill('Physical harm; Ada is isolated from help.');
    await screenshot(page, 'safeguarding-seek-advice');
    keepTime();
    await page.getByRole('button', { name: 'Send the request' }).click();
    await page.getByText(/Threshold advice request (sent to|recorded for) Sam Duty/).waitFor();
    await page.locator('#partner-link').waitFor();
    await screenshot(page, 'safeguarding-advice-sent');
    // The message's contents list names each of its sections once.
    expect(
      await page.getByRole('navigation', { name: 'On this page' }).getByRole('link').allTextContents(),
    ).toEqual(['The message', 'Thread', 'What you can do', 'Emails', 'Escalation', 'Secure links']);

    // The advice, given on the phone: recorded on the concern, which the message's page leads back to.
    await page.getByRole('link', { name: 'Back to the safeguarding concern' }).click();
    await page.getByRole('heading', { level: 1, name: 'Concern about Ada Okafor' }).waitFor();
    await page.goto(`${server.baseUrl}/safeguarding/concerns/${concernId}/advice/record`);
    await page.getByRole('heading', { level: 2, name: 'Record threshold advice' }).waitFor();
    await page.getByLabel('Who gave the advice?').fill('Sam Duty');
    await page.getByLabel('Phone').check();
    await page
      .getByLabel('Which local threshold guidance did they apply?')
      .fill('Exampleton threshold guidance 2025, domestic abuse section');
    await page.getByLabel('What did they advise?').fill('Threshold met: refer under section 42 today.');
    await page.getByLabel('How was the advice applied?').fill('Referral prepared the same day.');
    keepTime();
    await page.getByRole('button', { name: 'Record the advice' }).click();
    await page.getByText('The advice is recorded, and the request it answers is no longer chased.').waitFor();
    await screenshot(page, 'safeguarding-advice-and-referral');

    // The section 42 referral, prefilled from the records, checked with the sharing gate, then sent.
    await page.getByRole('link', { name: 'Make a section 42 referral' }).last().click();
    await page.getByRole('heading', { level: 2, name: 'Make a section 42 referral' }).waitFor();
    const referral = await page.getByLabel('The referral', { exact: true }).inputValue();
    expect(referral).toContain('Section 42 safeguarding concern about Ada Okafor');
    expect(referral).toContain('He said I must not talk to you on my own.');
    expect(await page.getByLabel('Who at the local authority does it go to?').inputValue()).not.toBe('');
    await page.getByLabel('The risk to the person and others').fill('Physical harm from a household member.');
    await page.getByLabel('Not asked: asking could increase the risk').check();
    await page
      .getByLabel('If they did not consent: on what basis do you refer?')
      .fill('Asking could increase the risk from the household member.');
    await page.getByRole('button', { name: 'Check with the sharing gate' }).click();
    await page.getByTestId('gate-answer').getByText('The sharing gate allows it').waitFor();
    await screenshot(page, 'safeguarding-referral');
    keepTime();
    await page.getByRole('button', { name: 'Send the referral' }).click();
    await page.getByText(/Section 42 referral (sent to|recorded for) Sam Duty/).waitFor();
    await page.getByText(/The local authority’s decision is due by/).waitFor();

    // Referred: the trigger's prompt has been acted on.
    await page.goto(`${server.baseUrl}/safeguarding/concerns/${concernId}`);
    await page.getByRole('button', { name: /^Mark as dealt with/ }).click();
    await page.getByText('Marked as dealt with: A safeguarding review trigger was met').waitFor();
    // The notice comes at once; the prompt goes once the concern has been read again.
    await page.getByTestId('trigger-met').waitFor({ state: 'detached' });

    // An interim restriction on Ben, with its legal basis and a review within a month.
    await page.goto(`${server.baseUrl}/safeguarding/concerns/${concernId}/restrictions/add`);
    await page.getByRole('heading', { level: 2, name: 'Record an interim restriction' }).waitFor();
    await page.getByLabel('Whose freedom does it restrict?').selectOption({ label: 'Ben Hale' });
    await page
      .getByLabel('What is restricted')
      .fill('A door sensor alerts staff when Ben leaves his flat at night.');
    await page.getByLabel('Why', { exact: true }).fill('Ben entered Ada’s flat at night and made threats.');
    await page.getByLabel('Another legal basis (described)').check();
    await page
      .getByLabel('Describe the legal basis')
      .fill('Tenancy agreement clause on the safety of others, agreed at the planning meeting.');
    await page.getByLabel('Less restrictive options considered').fill('Night checks alone were tried first.');
    await screenshot(page, 'safeguarding-add-restriction');
    await page.getByRole('button', { name: 'Record the restriction' }).click();
    await page.getByText(/The restriction is recorded. Review it by/).waitFor();
    await page
      .getByTestId('restriction')
      .filter({ hasText: 'A door sensor alerts staff when Ben leaves his flat at night.' })
      .waitFor();
    await screenshot(page, 'safeguarding-restrictions');
    await page.getByRole('link', { name: 'See every restriction in the register' }).click();
    await page.getByRole('heading', { level: 1, name: 'Interim restrictions' }).waitFor();
    await page
      .getByRole('link', { name: 'A door sensor alerts staff when Ben leaves his flat at night.' })
      .waitFor();
    // The one past its review date is listed first, and said to be so in words.
    const pastReview = page.getByRole('table', { name: 'Past their review date' });
    await pastReview
      .getByRole('link', { name: 'Ben’s bank card is kept in the office safe overnight.' })
      .waitFor();
    await pastReview.getByText('Past its review date').waitFor();
    await screenshot(page, 'safeguarding-restrictions-register');

    // The chronology for a meeting, for staff only.
    await page.goto(`${server.baseUrl}/safeguarding/concerns/${concernId}/export`);
    await page.getByLabel('Our own staff only').check();
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Download the chronology' }).click();
    expect((await download).suggestedFilename()).toMatch(/\.pdf$/);
    await page.getByText('Downloaded, for staff only.').waitFor();

    // The rest of the concern's pages, to look at.
    for (const [section, heading, name] of [
      ['', 'The concern as raised', 'safeguarding-concern-summary-referred'],
      ['advice', 'Advice, referral and decision', 'safeguarding-advice-overview'],
      ['advice/decision', 'Record the local authority’s decision', 'safeguarding-decision'],
      ['related', 'Related concerns', 'safeguarding-related'],
      ['export', 'Export the chronology for a meeting', 'safeguarding-export'],
      ['status', 'Move the concern on', 'safeguarding-status'],
      ['close', 'Close the concern', 'safeguarding-close'],
    ] as const) {
      await page.goto(`${server.baseUrl}/safeguarding/concerns/${concernId}${section ? `/${section}` : ''}`);
      await page.getByRole('heading', { level: 2, name: heading }).waitFor();
      await screenshot(page, name);
    }
    await page.goto(`${server.baseUrl}/safeguarding/patterns`);
    await page.getByRole('heading', { level: 1, name: 'Patterns of low-level concerns' }).waitFor();
    await screenshot(page, 'safeguarding-patterns');
    // One of Ben's: the other is related to it, and its restriction is past review.
    await page
      .getByRole('link', { name: /^Financial or material abuse, raised/ })
      .first()
      .click();
    await page.getByRole('heading', { level: 1, name: 'Concern about Ben Hale' }).waitFor();
    const bensPages = page.getByRole('navigation', { name: 'Pages of this concern' });
    await bensPages.getByRole('link', { name: 'Related concerns' }).click();
    await page.getByRole('table', { name: '1 related concern' }).waitFor();
    await screenshot(page, 'safeguarding-related-pattern');
    await bensPages.getByRole('link', { name: 'Interim restrictions' }).click();
    await page.getByRole('heading', { level: 3, name: /Past its review date/ }).waitFor();
    await screenshot(page, 'safeguarding-restriction-past-review');

    // Ben's page lists the concerns about him, in full for a manager.
    await page.goto(`${server.baseUrl}/people/${benId}#safeguarding`);
    const bensConcerns = page.getByRole('table', { name: 'Safeguarding concerns about Ben Hale' });
    await bensConcerns.waitFor();
    expect(await bensConcerns.getByRole('row').count()).toBe(3);
    await screenshot(page, 'safeguarding-person-page-manager');
    expect(watch).toEqual(noFaults);
    await page.context().close();
  });

  test('a care worker sees what they need to know, and not the concern in full', async () => {
    const page = await (await newContext(browser)).newPage();
    // A long path on a busy machine: each step may wait longer than the usual 10 seconds.
    page.setDefaultTimeout(30_000);
    const watch = await watchPage(page, [
      { status: 401, path: '/api/session' },
      { status: 403, path: `/api/safeguarding/concerns/${concernId}` },
    ]);
    await page.goto(`${server.baseUrl}/sign-in`);
    await signInThroughForm(page, careWorkerEmail, TEST_PASSWORD);
    await page.waitForURL(`${server.baseUrl}/`);
    await page.getByRole('navigation', { name: 'Menu' }).getByRole('link', { name: 'Safeguarding' }).click();
    await page.getByRole('heading', { level: 1, name: 'Safeguarding concerns' }).waitFor();
    await page.getByText('Two staff for every visit. Do not discuss the concern in the home.').waitFor();
    await screenshot(page, 'safeguarding-list-care-worker');
    await page.getByRole('link', { name: 'Ada Okafor' }).click();
    await page.getByRole('heading', { level: 1, name: 'Concern about Ada Okafor' }).waitFor();
    await page.getByText('Two staff for every visit. Do not discuss the concern in the home.').waitFor();
    await screenshot(page, 'safeguarding-concern-care-worker');
    const text = (await page.locator('main').textContent()) ?? '';
    expect(text).not.toContain('household member');
    expect(text).not.toContain('He said I must not talk to you');

    // Ada's own page says the same, and offers to raise another concern about her.
    await page.goto(`${server.baseUrl}/people/${adaId}#safeguarding`);
    const adasConcerns = page.getByRole('table', { name: 'Open safeguarding concerns about Ada Okafor' });
    await adasConcerns
      .getByText('Two staff for every visit. Do not discuss the concern in the home.')
      .waitFor();
    expect((await page.locator('#safeguarding').textContent()) ?? '').not.toContain('household member');
    await screenshot(page, 'safeguarding-person-page-care-worker');
    await page.getByRole('link', { name: 'Raise a safeguarding concern about Ada Okafor' }).click();
    await page.getByRole('heading', { level: 1, name: 'Raise a safeguarding concern' }).waitFor();

    // The concern in full is refused, in the browser as by the server.
    await page.goto(`${server.baseUrl}/safeguarding/concerns/${concernId}/chronology`);
    await page
      .getByRole('heading', { level: 2, name: 'Only managers see this part of the concern' })
      .waitFor();
    expect((await page.locator('main').textContent()) ?? '').not.toContain('He said I must not talk to you');
    await screenshot(page, 'safeguarding-refused-care-worker');
    const refused = await page.evaluate(
      async (id) => (await fetch(`/api/safeguarding/concerns/${id}`, { credentials: 'same-origin' })).status,
      concernId,
    );
    expect(refused).toBe(403);
    expect(watch).toEqual(noFaults);
    await page.context().close();
  });
});
