import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { testAppForFile } from '../../test/app-for-test.ts';
import { createTestPartnerOrganisation, createTestPerson } from '../../test/factories.ts';
import { consentToShare, organisationWithMember } from '../../test/scenarios.ts';
import { inLondon } from '../calendar/london-time.ts';
import { withdrawConsent } from '../consent/consent.service.ts';
import type { RequestContext } from '../context.ts';
import { checkShare, gateShare } from './sharing.service.ts';
import type { InformationCategory } from './sharing.table.ts';

// A model-based test of the consent and share lifecycle, against the real services and database:
// random sequences of recording consent, withdrawing it, letting days pass, checking and queueing
// shares, each compared with a simple model of what must be true. It holds that a share is allowed
// exactly when a consent in force covers it, that withdrawal refuses at once, and that every share
// queued on a consent is held when that consent is withdrawn.

type ModelConsent = {
  id: string;
  partner: number;
  categories: InformationCategory[];
  givenOn: string;
  reviewOn: string;
  withdrawn: boolean;
  queued: number;
};
type Model = { consents: ModelConsent[] };
type Real = {
  context: RequestContext;
  personId: string;
  partners: string[];
};

const t = testAppForFile({ at: '2026-11-21T09:00:00Z' });
let orgId: string;
let context: RequestContext;
let partners: string[];
beforeAll(async () => {
  ({ orgId, context } = await organisationWithMember(t, 'care_worker'));
  partners = [
    (await createTestPartnerOrganisation(t.db, t.clock, orgId, { type: 'gp' })).id,
    (await createTestPartnerOrganisation(t.db, t.clock, orgId, { type: 'housing' })).id,
  ];
});

const today = () => inLondon(t.clock.now()).toISODate() ?? '';
const categoryList = fc.subarray(['identity', 'health', 'care_plan', 'finances'] as InformationCategory[], {
  minLength: 1,
});

function inForce(consent: ModelConsent, partner: number, categories: InformationCategory[]): boolean {
  return (
    !consent.withdrawn &&
    consent.partner === partner &&
    consent.givenOn <= today() &&
    today() <= consent.reviewOn &&
    categories.every((category) => consent.categories.includes(category))
  );
}

class RecordConsent implements fc.AsyncCommand<Model, Real> {
  constructor(
    readonly partner: number,
    readonly categories: InformationCategory[],
    readonly reviewInDays: number,
  ) {}
  check = () => true;
  async run(model: Model, real: Real) {
    const reviewOn = inLondon(t.clock.now()).plus({ days: this.reviewInDays }).toISODate() ?? '';
    const consent = await consentToShare(t, real.context, real.personId, {
      partnerOrganisationIds: [real.partners[this.partner]!],
      purposes: ['care_coordination'],
      categories: this.categories,
      givenOn: today(),
      reviewOn,
    });
    model.consents.push({
      id: consent.id,
      partner: this.partner,
      categories: this.categories,
      givenOn: today(),
      reviewOn,
      withdrawn: false,
      queued: 0,
    });
  }
  toString = () => `record(${this.partner}, ${this.categories}, review in ${this.reviewInDays}d)`;
}

class Withdraw implements fc.AsyncCommand<Model, Real> {
  constructor(readonly index: number) {}
  check = (model: Readonly<Model>) => model.consents.some((consent) => !consent.withdrawn);
  async run(model: Model, real: Real) {
    const open = model.consents.filter((consent) => !consent.withdrawn);
    const target = open[this.index % open.length]!;
    const { heldShares } = await withdrawConsent(
      t.db,
      real.context,
      real.personId,
      target.id,
      { withdrawnBy: 'person' },
      t.clock,
    );
    expect(heldShares).toBe(target.queued);
    target.withdrawn = true;
    target.queued = 0;
  }
  toString = () => `withdraw(${this.index})`;
}

class PassTime implements fc.AsyncCommand<Model, Real> {
  constructor(readonly hours: number) {}
  check = () => true;
  async run() {
    t.clock.advance(this.hours * 3_600_000);
  }
  toString = () => `wait ${this.hours}h`;
}

class Check implements fc.AsyncCommand<Model, Real> {
  constructor(
    readonly partner: number,
    readonly categories: InformationCategory[],
  ) {}
  check = () => true;
  async run(model: Model, real: Real) {
    const decision = await checkShare(t.db, real.context, {
      personId: real.personId,
      input: {
        partnerOrganisationId: real.partners[this.partner]!,
        purpose: 'care_coordination',
        categories: this.categories,
      },
      clock: t.clock,
    });
    const expected = model.consents.some((consent) => inForce(consent, this.partner, this.categories));
    expect(decision.allowed).toBe(expected);
    if (decision.allowed) {
      const basis = model.consents.find((consent) => consent.id === decision.record?.id);
      expect(basis && inForce(basis, this.partner, this.categories)).toBe(true);
    } else {
      expect(decision.reasons.length).toBeGreaterThan(0);
    }
  }
  toString = () => `check(${this.partner}, ${this.categories})`;
}

class Queue implements fc.AsyncCommand<Model, Real> {
  constructor(
    readonly partner: number,
    readonly categories: InformationCategory[],
  ) {}
  check = () => true;
  async run(model: Model, real: Real) {
    const gated = await t.db.transaction().execute((trx) =>
      gateShare(trx, real.context, {
        personId: real.personId,
        request: {
          partnerOrganisationId: real.partners[this.partner]!,
          purpose: 'care_coordination',
          categories: this.categories,
          delivery: 'queued',
          moment: 'compose',
          description: 'Update',
        },
        at: t.clock.now(),
      }),
    );
    const expected = model.consents.some((consent) => inForce(consent, this.partner, this.categories));
    expect(gated.decision.allowed).toBe(expected);
    if (gated.decision.allowed) {
      const basis = model.consents.find((consent) => consent.id === gated.share.basis_record_id);
      expect(basis).toBeDefined();
      if (basis) basis.queued += 1;
    }
  }
  toString = () => `queue(${this.partner}, ${this.categories})`;
}

const partner = fc.integer({ min: 0, max: 1 });
const commands = [
  fc
    .tuple(partner, categoryList, fc.integer({ min: 0, max: 10 }))
    .map(([p, c, r]) => new RecordConsent(p, c, r)),
  fc.nat().map((index) => new Withdraw(index)),
  fc.integer({ min: 1, max: 30 }).map((hours) => new PassTime(hours)),
  fc.tuple(partner, categoryList).map(([p, c]) => new Check(p, c)),
  fc.tuple(partner, categoryList).map(([p, c]) => new Queue(p, c)),
];

describe('the consent and share lifecycle', () => {
  it('matches the model for any sequence of consent, withdrawal, time passing, checks and queued shares', async () => {
    await fc.assert(
      fc.asyncProperty(fc.commands(commands, { maxCommands: 25 }), async (sequence) => {
        t.clock.set('2026-11-21T09:00:00Z');
        const person = await createTestPerson(t.db, t.clock, orgId);
        await fc.asyncModelRun(
          () => ({
            model: { consents: [] },
            real: { context, personId: person.id, partners },
          }),
          sequence,
        );
      }),
      { numRuns: 40, seed: 21112026 },
    );
  });
});
