import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { RequestContext } from '../../src/context.ts';
import { loadDemo } from '../../src/demo/demo.ts';
import { addLearningAction } from '../../src/incidents/incident-learning-actions.service.ts';
import { addTrigger } from '../../src/safeguarding/concern-plans.service.ts';
import type { StaffRole } from '../../src/users/users.table.ts';
import { cookieFrom } from '../factories.ts';
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

const DEMO_PASSWORD = 'demo password for the browser test';
const noFaults = { consoleErrors: [], pageErrors: [], cspViolations: [], dialogs: [] };
const HOUR_MS = 3_600_000;

function londonDate(at: Date): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' }).format(at);
}

// The demo organisation, with what a care worker of its own has on: a request they sent that is
// now past its deadline, an action from the heating incident they lead, a consent coming up for
// review, and a safeguarding concern they raised whose review trigger was met (for managers).
describe.skipIf(!browserIsAvailable())('the home page as a work list', { timeout: 180_000 }, () => {
  let server: E2eServer;
  let browser: Browser;
  const emails = new Map<StaffRole, string>();
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    server = await startServer();
    server.config.publicUrl = server.baseUrl;
    server.clock.set(new Date(Date.now() - 2 * HOUR_MS));
    const demo = await loadDemo(server.db, {
      clock: server.clock,
      password: () => DEMO_PASSWORD,
      config: server.config,
    });
    for (const signIn of demo.signIns) emails.set(signIn.role, signIn.email);
    const userId = async (role: StaffRole) =>
      (
        await server.db
          .selectFrom('users')
          .select('id')
          .where('email', '=', emails.get(role) ?? '')
          .executeTakeFirstOrThrow()
      ).id;
    ids.careWorker = await userId('care_worker');
    const manager: RequestContext = {
      orgId: demo.orgId,
      actor: { type: 'user', id: await userId('manager'), role: 'manager' },
      requestId: null,
      ip: null,
    };
    const incident = await server.db
      .selectFrom('incidents')
      .select('id')
      .where('org_id', '=', demo.orgId)
      .where('status', '=', 'open')
      .executeTakeFirstOrThrow();
    ids.incident = incident.id;
    const person = await server.db
      .selectFrom('people')
      .select(['id', 'given_name', 'family_name'])
      .where('org_id', '=', demo.orgId)
      .where('given_name', '=', 'Harold')
      .executeTakeFirstOrThrow();
    ids.person = person.id;
    const contact = await server.db
      .selectFrom('partner_contacts')
      .select(['id', 'partner_organisation_id'])
      .where('org_id', '=', demo.orgId)
      .where('ended_at', 'is', null)
      .orderBy('name')
      .executeTakeFirstOrThrow();

    // The care worker, through the API as the app would.
    const signedIn = await server.app.inject({
      method: 'POST',
      url: '/api/session',
      payload: { email: emails.get('care_worker'), password: DEMO_PASSWORD },
    });
    const headers = { cookie: cookieFrom(signedIn), 'x-csrf-token': signedIn.json().csrfToken };
    const asCareWorker = async (url: string, payload: object) => {
      const response = await server.app.inject({ method: 'POST', url, headers, payload });
      if (response.statusCode !== 201) throw new Error(`${url}: ${response.statusCode} ${response.body}`);
      return response.json();
    };
    ids.message = (
      await asCareWorker('/api/messages', {
        template: 'request',
        askType: 'resource',
        urgency: 'urgent',
        partnerOrganisationId: contact.partner_organisation_id,
        partnerContactId: contact.id,
        subject: 'Dressings for Riverside House',
        summary: 'Since 8am today we have had no dressings left for leg ulcer care.',
        impact: 'Two residents are due a dressing change this afternoon.',
        mitigations: 'We are keeping the current dressings clean and dry.',
        ask: 'Please bring dressings within the hour.',
        deadline: new Date(server.clock.now().getTime() + HOUR_MS).toISOString(),
      })
    ).id;
    await asCareWorker(`/api/people/${person.id}/consents`, {
      givenBy: 'person',
      partnerOrganisationIds: [contact.partner_organisation_id],
      purposes: ['care_coordination'],
      categories: ['health'],
      recordedHow: 'verbal',
      givenOn: londonDate(new Date(server.clock.now().getTime() - 300 * 24 * HOUR_MS)),
      reviewOn: londonDate(new Date(server.clock.now().getTime() + 5 * 24 * HOUR_MS)),
    });
    const concern = await asCareWorker('/api/safeguarding/concerns', {
      personId: person.id,
      occurredAt: server.clock.now().toISOString(),
      whatHappened: 'A visitor shouted at Harold and took his bank card.',
      category: 'financial_or_material',
      locationOfRisk: 'care_home_residential',
      sourceKind: 'not_known',
      immediateActions: 'Visitor asked to leave; bank card cancelled.',
      level: 'high',
    });
    ids.concern = concern.id;
    await addTrigger(
      server.db,
      manager,
      concern.id,
      { kinds: ['threat'], threshold: 1, windowDays: null },
      server.clock,
    );
    await asCareWorker(`/api/safeguarding/concerns/${concern.id}/entries`, {
      kind: 'threat',
      occurredAt: server.clock.now().toISOString(),
      facts: 'The visitor phoned and said he would come back tonight.',
      source: 'staff',
      actionTaken: 'Told the manager on call.',
    });
    await addLearningAction(server.db, manager, {
      incidentId: incident.id,
      action: {
        action: 'Check the boiler service contract',
        ownerId: ids.careWorker,
        dueOn: londonDate(new Date()),
      },
      clock: server.clock,
    });

    // Two hours on: the request's deadline has passed with no answer.
    server.clock.set(new Date());
    browser = await launchBrowser();
  }, 150_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  async function signedIn(role: StaffRole): Promise<{ page: Page; close: () => Promise<void> }> {
    const context = await newContext(browser);
    const page = await context.newPage();
    const watch = await watchPage(page, [{ status: 401, path: '/api/session' }]);
    await page.goto(`${server.baseUrl}/sign-in`);
    await signInThroughForm(page, emails.get(role) ?? '', DEMO_PASSWORD);
    await page.waitForURL(`${server.baseUrl}/`);
    return {
      page,
      close: async () => {
        expect(watch).toEqual(noFaults);
        await context.close();
      },
    };
  }

  const section = (page: Page, heading: RegExp) =>
    page.locator('main section').filter({ has: page.getByRole('heading', { level: 2, name: heading }) });

  test('a care worker sees what to do first, and each thing opens where it is dealt with', async () => {
    const { page, close } = await signedIn('care_worker');
    await page.getByRole('heading', { level: 1, name: 'What needs you' }).waitFor();
    // The heading comes before the list has loaded: wait for its first section.
    await page.locator('main section h2').first().waitFor();
    const headings = await page.locator('main section h2').allTextContents();
    // The incident happening now first, then the request nobody has answered.
    expect(headings.slice(0, 2)).toEqual(['Open incidents (1)', 'Requests past their deadline (1)']);
    expect(headings).toContain('Actions due (1)');
    expect(headings.some((heading) => heading.startsWith('Reviews due ('))).toBe(true);
    const overdue = section(page, /^Requests past their deadline/);
    expect(await overdue.getByText('Requests you sent.').count()).toBe(1);
    expect(await overdue.locator('li').first().textContent()).toMatch(
      /^Dressings for Riverside House Overdue.*Was due (today|yesterday) at \d+:\d\d[ap]m\.$/,
    );
    const reviews = section(page, /^Reviews due/);
    await reviews.getByRole('link', { name: /^Consent to share: Harold/ }).waitFor();
    // A care worker is not shown the safeguarding concern they raised: that is for managers.
    expect(await page.locator('main').textContent()).not.toMatch(/safeguarding|financial/i);
    await screenshot(page, 'home-care-worker');

    await overdue.getByRole('link', { name: 'Dressings for Riverside House' }).click();
    await page.waitForURL(`${server.baseUrl}/messages/${ids.message}`);
    await page.getByRole('heading', { level: 1, name: /Dressings for Riverside House/ }).waitFor();
    await page.goBack();
    await section(page, /^Actions due/)
      .getByRole('link', { name: 'Check the boiler service contract' })
      .click();
    await page.waitForURL(`${server.baseUrl}/incidents/${ids.incident}`);
    await close();
  });

  test('a care worker names a manager as the owner of an interim measure', async () => {
    const { page, close } = await signedIn('care_worker');
    await page.goto(`${server.baseUrl}/incidents/${ids.incident}/measures`);
    await page.getByRole('heading', { level: 3, name: 'Add an interim measure' }).waitFor();
    const owner = page.getByLabel('Who is responsible for it');
    await owner.locator('option', { hasText: 'Morgan Manager' }).waitFor({ state: 'attached' });
    const offered = await owner.locator('option').allTextContents();
    // Colleagues who work with people, by name: not the admin or the auditor, and no addresses.
    expect(offered).toContain('Sam Care Worker (you)');
    expect(offered).toContain('Rowan Registered Manager');
    expect(offered.join(' ')).not.toMatch(/Auditor|Administrator|@/);
    await page.getByLabel('Kind of measure').selectOption({ label: 'Additional checks' });
    await page.getByLabel('What is being done').fill('Hourly checks on rooms 4 to 9 overnight');
    await owner.selectOption({ label: 'Morgan Manager' });
    await page.getByRole('button', { name: 'Add the measure' }).click();
    await page.getByText('The interim measure has been recorded.').waitFor();
    const row = page.locator('tr', { hasText: 'Hourly checks on rooms 4 to 9 overnight' });
    expect(await row.textContent()).toContain('Morgan Manager');
    await screenshot(page, 'measure-owner-chosen-by-care-worker');
    await close();
  });

  test('a manager sees the organisation’s work, safeguarding first among it', async () => {
    const { page, close } = await signedIn('manager');
    await page.getByRole('heading', { level: 1, name: 'What needs you' }).waitFor();
    // The heading comes before the list has loaded: wait for its first section.
    await page.locator('main section h2').first().waitFor();
    const headings = await page.locator('main section h2').allTextContents();
    expect(headings).toContain('Safeguarding concerns: review trigger met (1)');
    expect(headings).toContain('Open safeguarding concerns (1)');
    const overdueHeading = headings.find((heading) => heading.startsWith('Requests past their deadline'));
    expect(overdueHeading).toMatch(/\(([2-9]|\d\d+)\)$/);
    const triggers = section(page, /^Safeguarding concerns: review trigger met/);
    const concernLink = triggers.getByRole('link', {
      name: 'Safeguarding concern: financial or material abuse',
    });
    expect(await concernLink.getAttribute('href')).toBe(`/safeguarding/concerns/${ids.concern}`);
    expect(await triggers.textContent()).toContain('About Harold');
    // The concern's trigger is said once, under safeguarding, not again under "needs attention".
    expect(
      await page.locator('main').getByText('Safeguarding concern: financial or material abuse').count(),
    ).toBe(1);
    const actions = section(page, /^Actions due/);
    expect(await actions.textContent()).toContain('Led by Sam Care Worker');
    await screenshot(page, 'home-manager');
    await close();
  });
});
