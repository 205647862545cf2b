import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createApiToken } from '../../src/auth/auth.service.ts';
import { createConsentBody } from '../../src/consent/consent.schemas.ts';
import { recordConsent } from '../../src/consent/consent.service.ts';
import type { RequestContext } from '../../src/context.ts';
import { createCapacityAssessmentBody } from '../../src/mental-capacity/mental-capacity.schemas.ts';
import {
  recordBestInterestsDecision,
  recordCapacityAssessment,
} from '../../src/mental-capacity/mental-capacity.service.ts';
import { authoriseSafeguardingShare } from '../../src/safeguarding-authorisations/safeguarding-authorisations.service.ts';
import { recordShare } from '../../src/sharing/sharing.service.ts';
import { createAgreement } from '../../src/sharing/sharing-agreements.service.ts';
import {
  createTestOrganisation,
  createTestPartnerContact,
  createTestPartnerOrganisation,
  createTestPerson,
  createTestUser,
  TEST_PASSWORD,
} from '../factories.ts';
import { actingAs } from '../scenarios.ts';
import {
  browserIsAvailable,
  type E2eServer,
  noFaults,
  signedInPage,
  startServerAndBrowser,
  stopServerAndBrowser,
} from './browser.ts';

// Stored XSS: hostile text saved in every kind of free-text field a person's records and the register
// hold, then every page that shows it opened in Chromium. Nothing may run (no dialog, no page error,
// no CSP violation, the canary never set) and no element may be injected: the text shows as text.
const corpus = [
  '<img src=x onerror="window.__xss=1">',
  '<script>window.__xss=2</script>',
  '<svg onload="window.__xss=3"></svg>',
  '"><iframe src="javascript:window.__xss=4"></iframe>',
  '<a href="javascript:window.__xss=5">open</a>',
  "{{constructor.constructor('window.__xss=6')()}}",
  '<style>*{display:none}</style><b onmouseover="window.__xss=7">x</b>',
  '\u202e<details open ontoggle="window.__xss=8">',
];
const hostile = (index: number) => corpus[index % corpus.length]!;

describe.skipIf(!browserIsAvailable())('stored markup in the browser', { timeout: 120_000 }, () => {
  let server: E2eServer;
  let browser: Browser;
  let email: string;
  const pages: string[] = [];

  beforeAll(async () => {
    ({ server, browser } = await startServerAndBrowser());
    server.clock.set('2026-11-21T09:00:00Z');
    const organisation = await createTestOrganisation(server.db, server.clock);
    const manager = await createTestUser(server.db, server.clock, organisation.id, {
      role: 'registered_manager',
      displayName: hostile(0),
    });
    email = manager.email;
    // A token an admin asked for, waiting on the registered manager's Staff page.
    const admin = await createTestUser(server.db, server.clock, organisation.id, {
      role: 'admin',
      displayName: hostile(6),
    });
    await createApiToken(server.db, actingAs(organisation.id, admin.id, 'admin'), {
      name: hostile(7).slice(0, 100),
      role: 'care_worker',
      expiresAt: null,
      clock: server.clock,
    });
    const as: RequestContext = actingAs(organisation.id, manager.id, 'registered_manager');
    const partner = await createTestPartnerOrganisation(server.db, server.clock, organisation.id, {
      name: `Surgery ${hostile(1)}`,
      type: 'gp',
      notes: hostile(2),
      address: hostile(3),
    });
    const contact = await createTestPartnerContact(server.db, server.clock, organisation.id, partner.id, {
      name: `Dr ${hostile(4)}`,
      jobTitle: hostile(5),
      notes: hostile(6),
    });
    const person = await createTestPerson(server.db, server.clock, organisation.id, {
      givenName: hostile(7),
      familyName: hostile(1),
      preferredName: hostile(2),
      communicationNeeds: hostile(3),
      clinicalFlagsNote: hostile(4),
      address: hostile(5),
    });
    await recordConsent(
      server.db,
      as,
      person.id,
      createConsentBody.parse({
        givenBy: 'person',
        partnerOrganisationIds: [partner.id],
        partnerContactIds: [contact.id],
        purposes: ['care_coordination'],
        categories: ['identity', 'health'],
        recordedHow: 'other',
        notes: hostile(5),
        givenOn: '2026-11-20',
        reviewOn: '2027-11-20',
      }),
      server.clock,
    );
    const assessment = await recordCapacityAssessment(server.db, as, {
      personId: person.id,
      input: createCapacityAssessmentBody.parse({
        decision: hostile(6),
        purposes: ['assessment'],
        categories: ['health'],
        impairment: true,
        impairmentNote: hostile(7),
        canUnderstand: false,
        canRetain: true,
        canUseOrWeigh: true,
        canCommunicate: true,
        reasons: hostile(0),
        assessorName: hostile(1),
        assessorRole: hostile(2),
        assessedOn: '2026-11-21',
        reviewOn: '2027-05-21',
      }),
      clock: server.clock,
    });
    await recordBestInterestsDecision(server.db, as, {
      personId: person.id,
      input: {
        capacityAssessmentId: assessment.id,
        decision: hostile(3),
        partnerOrganisationIds: [partner.id],
        partnerContactIds: [],
        partnerTypes: [],
        purposes: ['assessment'],
        categories: ['health'],
        consulted: hostile(4),
        wishesAndFeelings: hostile(5),
        outcome: 'share',
        rationale: hostile(6),
        decidedOn: '2026-11-21',
        reviewOn: '2027-05-21',
      },
      clock: server.clock,
    });
    await authoriseSafeguardingShare(
      server.db,
      as,
      person.id,
      {
        partnerOrganisationIds: [partner.id],
        partnerContactIds: [],
        partnerTypes: [],
        categories: ['safeguarding'],
        rationale: `Concern raised at the morning handover ${hostile(7)}`,
      },
      server.clock,
    );
    await recordShare(server.db, as, {
      personId: person.id,
      input: {
        partnerContactId: contact.id,
        purpose: 'care_coordination',
        categories: ['health'],
        description: hostile(0),
      },
      clock: server.clock,
    });
    const agreement = await createAgreement(server.db, as, {
      input: {
        partnerOrganisationId: partner.id,
        title: hostile(1),
        reference: 'ISA-1',
        purposes: ['care_coordination'],
        categories: ['health'],
        startsOn: '2026-01-01',
        notes: hostile(2),
      },
      clock: server.clock,
    });
    pages.push(
      '/',
      '/people',
      `/people/${person.id}`,
      `/people/${person.id}/sharing`,
      `/people/${person.id}/shares`,
      `/people/${person.id}/can-i-share`,
      '/partners',
      `/partners/organisations/${partner.id}`,
      `/partners/contacts/${contact.id}`,
      '/partners/sharing-agreements',
      `/partners/sharing-agreements/${agreement.id}/change`,
      '/held-shares',
      '/staff',
      `/audit/people/${person.id}`,
      `/audit/staff/${manager.id}`,
    );
  }, 120_000);

  afterAll(async () => {
    await stopServerAndBrowser({ server, browser });
  });

  test('hostile text in every record is shown as text and runs nothing, on every page', async () => {
    const { context, page, watch } = await signedInPage(browser, server, email, TEST_PASSWORD);
    const shown: string[] = [];
    for (const path of pages) {
      await page.goto(`${server.baseUrl}${path}`);
      await page.locator('h1').first().waitFor();
      await page.waitForLoadState('networkidle');
      const main = page.locator('main');
      // Hover and toggle anything that might carry a handler.
      await main
        .locator('b, details')
        .evaluateAll(
          '(elements) => elements.forEach((element) => element.dispatchEvent(new MouseEvent("mouseover")))',
        );
      expect({
        path,
        injected: await main
          .locator(
            'img, script, svg[onload], iframe, a[href^="javascript"], style, [onerror], [onmouseover], [ontoggle]',
          )
          .count(),
        canary: await page.evaluate('window.__xss ?? null'),
      }).toEqual({ path, injected: 0, canary: null });
      if ((await main.textContent())?.includes('window.__xss')) shown.push(path);
    }
    // Not vacuous: the hostile text really is on the pages, as text.
    expect(shown.length).toBeGreaterThan(8);
    expect(watch).toEqual(noFaults);
    await context.close();
  });
});
