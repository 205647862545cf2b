import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { testAppForFile } from '../../test/app-for-test.ts';
import {
  createTestChannel,
  createTestPartnerContact,
  createTestPartnerOrganisation,
  createTestPerson,
} from '../../test/factories.ts';
import {
  cancelPendingEscalationSteps,
  consentToShare,
  deliverEmails,
  mailServerForFile,
  organisationWithMember,
  sweepMessageEscalations,
} from '../../test/scenarios.ts';
import { inLondon } from '../calendar/london-time.ts';
import { withdrawConsent } from '../consent/consent.service.ts';
import type { RequestContext } from '../context.ts';
import {
  authoriseSafeguardingShare,
  revokeSafeguardingAuthorisation,
} from '../safeguarding-authorisations/safeguarding-authorisations.service.ts';
import { noticeLapsedSharing } from '../sharing/basis-endings.ts';
import type { InformationCategory } from '../sharing/sharing.table.ts';
import { sendMessage } from './partner-messages.service.ts';

// A model-based test of the disclosure rule, over the real services, database and an SMTP server:
// random sequences of recording, withdrawing and letting consent lapse, authorising and revoking
// safeguarding sharing, sending, delivering, escalating through every partner step type, opening
// and answering links, and time passing. After every step it holds that no email about the person
// reached anyone, and no link showed anything, unless a basis covering that recipient, purpose and
// categories was in force at that instant; and that every queued share's status matches what left.

type Recipient = 'addressee' | 'next' | 'senior' | 'duty';
type Scope = 'addressee' | 'organisation';
type Basis = {
  id: string;
  scope: Scope;
  kind: 'consent' | 'authorisation';
  from: Date;
  until: Date;
  ended: boolean;
};
type Model = { bases: Basis[]; links: { token: string; recipient: Recipient }[]; sent: number };
type Real = { personId: string };

const CATEGORIES: InformationCategory[] = ['identity', 'health'];
const PUBLIC_URL = 'https://liaison.example.org';
const mailbox = mailServerForFile();
const t = testAppForFile({ config: { publicUrl: PUBLIC_URL } });
let manager: RequestContext;
let partnerOrganisationId: string;
let contactIds: Record<'addressee' | 'next' | 'senior', string>;
let recipientByAddress: Map<string, Recipient>;
let personName: string;
let personId: string;
let checkedMail = 0;
const seen = {
  emailsToPartners: 0,
  refusedOpens: 0,
  allowedOpens: 0,
  heldEmails: 0,
  byRecipient: {} as Record<string, number>,
};

beforeAll(async () => {
  const { orgId, context } = await organisationWithMember(t, 'manager');
  manager = context;
  const partner = await createTestPartnerOrganisation(t.db, t.clock, orgId, { type: 'housing' });
  partnerOrganisationId = partner.id;
  const contact = (name: string, email: string) =>
    createTestPartnerContact(t.db, t.clock, orgId, partner.id, { type: 'housing', name, email });
  const addressee = await contact('Sam Jones', 'sam@housing.example');
  const next = await contact('Priya Shah', 'priya@housing.example');
  const senior = await contact('Aisha Khan', 'aisha@housing.example');
  contactIds = { addressee: addressee.id, next: next.id, senior: senior.id };
  // The organisation's shared duty address, reached by the "duty line" step: no named contact.
  await createTestChannel(
    t.db,
    t.clock,
    orgId,
    { partnerOrganisationId: partner.id },
    {
      kind: 'email',
      value: 'duty@housing.example',
      urgencies: ['urgent', 'routine'],
      hours: '24/7',
    },
  );
  recipientByAddress = new Map([
    ['sam@housing.example', 'addressee'],
    ['priya@housing.example', 'next'],
    ['aisha@housing.example', 'senior'],
    ['duty@housing.example', 'duty'],
  ]);
});

const today = () => inLondon(t.clock.now()).toISODate() ?? '';

/** What the model says the gate must answer for this recipient now. */
function covered(model: Model, recipient: Recipient): boolean {
  const now = t.clock.now();
  return model.bases.some(
    (basis) =>
      !basis.ended &&
      basis.from <= now &&
      now < basis.until &&
      (basis.scope === 'organisation' ? true : recipient === 'addressee'),
  );
}

/** The invariant, checked after every command against what really left. */
async function checkWhatLeft(model: Model) {
  // Every email the mail server took since the last check went to someone covered at that instant.
  const arrived = mailbox.smtp.messages.slice(checkedMail);
  checkedMail = mailbox.smtp.messages.length;
  for (const mail of arrived) {
    const to = mail.envelope.to[0]!;
    const id = /<([0-9a-f-]{36})@/.exec(String(mail.parsed.messageId))?.[1];
    const row = await t.db
      .selectFrom('email_outbox')
      .select(['share_id', 'status', 'text_body', 'link_token_sealed'])
      .where('id', '=', id!)
      .executeTakeFirstOrThrow();
    expect(mail.parsed.text ?? '').not.toContain(personName);
    if (row.share_id === null) continue; // staff alerts and notices: no personal details, no link
    const recipient = recipientByAddress.get(to);
    seen.emailsToPartners += 1;
    seen.byRecipient[recipient ?? to] = (seen.byRecipient[recipient ?? to] ?? 0) + 1;
    expect(recipient, `an email went to ${to}`).toBeDefined();
    expect(covered(model, recipient!), `an email reached ${recipient} without a basis`).toBe(true);
    expect(row).toMatchObject({ status: 'sent', text_body: '', link_token_sealed: null });
    const token = /partner#([A-Za-z0-9_-]{43})/.exec(mail.parsed.text ?? '')?.[1];
    if (token) model.links.push({ token, recipient: recipient! });
  }
  // Every share queued to be sent says what happened to it, and nothing else.
  const shares = await t.db
    .selectFrom('email_outbox as email')
    .innerJoin('queued_shares as queued', (join) =>
      join.onRef('queued.org_id', '=', 'email.org_id').onRef('queued.share_id', '=', 'email.share_id'),
    )
    .select(['email.status as emailStatus', 'queued.status as shareStatus'])
    .where('email.org_id', '=', manager.orgId)
    .where('queued.person_id', '=', personId)
    .execute();
  for (const share of shares) {
    expect(share.emailStatus === 'sent', JSON.stringify(share)).toBe(share.shareStatus === 'sent');
    if (share.emailStatus === 'held') expect(['held', 'cancelled']).toContain(share.shareStatus);
  }
}

class RecordConsent implements fc.AsyncCommand<Model, Real> {
  constructor(
    readonly scope: Scope,
    readonly reviewInDays: number,
  ) {}
  check = () => true;
  async run(model: Model, real: Real) {
    const reviewOn = inLondon(t.clock.now()).plus({ days: this.reviewInDays });
    const consent = await consentToShare(t, manager, real.personId, {
      partnerOrganisationIds: this.scope === 'organisation' ? [partnerOrganisationId] : [],
      partnerContactIds: this.scope === 'addressee' ? [contactIds.addressee] : [],
      purposes: ['safeguarding'],
      categories: CATEGORIES,
      givenOn: today(),
      reviewOn: reviewOn.toISODate() ?? '',
    });
    const until = reviewOn.plus({ days: 1 }).startOf('day').toJSDate();
    model.bases.push({
      id: consent.id,
      scope: this.scope,
      kind: 'consent',
      from: t.clock.now(),
      until,
      ended: false,
    });
    await checkWhatLeft(model);
  }
  toString = () => `consent(${this.scope}, review in ${this.reviewInDays}d)`;
}

class Withdraw implements fc.AsyncCommand<Model, Real> {
  constructor(readonly index: number) {}
  check = (model: Readonly<Model>) => model.bases.some((basis) => basis.kind === 'consent' && !basis.ended);
  async run(model: Model, real: Real) {
    const open = model.bases.filter((basis) => basis.kind === 'consent' && !basis.ended);
    const target = open[this.index % open.length]!;
    await withdrawConsent(t.db, manager, real.personId, target.id, { withdrawnBy: 'person' }, t.clock);
    target.ended = true;
    await checkWhatLeft(model);
  }
  toString = () => `withdraw(${this.index})`;
}

class Authorise implements fc.AsyncCommand<Model, Real> {
  constructor(
    readonly scope: Scope,
    readonly hours: number,
  ) {}
  check = () => true;
  async run(model: Model, real: Real) {
    const until = new Date(t.clock.now().getTime() + this.hours * 3_600_000);
    const authorisation = await authoriseSafeguardingShare(
      t.db,
      manager,
      real.personId,
      {
        partnerOrganisationIds: this.scope === 'organisation' ? [partnerOrganisationId] : [],
        partnerContactIds: this.scope === 'addressee' ? [contactIds.addressee] : [],
        partnerTypes: [],
        categories: CATEGORIES,
        rationale: 'Sharing is needed to protect the person from financial abuse by a visitor.',
        expiresAt: until.toISOString(),
      },
      t.clock,
    );
    model.bases.push({
      id: authorisation.id,
      scope: this.scope,
      kind: 'authorisation',
      from: t.clock.now(),
      until,
      ended: false,
    });
    await checkWhatLeft(model);
  }
  toString = () => `authorise(${this.scope}, ${this.hours}h)`;
}

class Revoke implements fc.AsyncCommand<Model, Real> {
  constructor(readonly index: number) {}
  check = (model: Readonly<Model>) =>
    model.bases.some((basis) => basis.kind === 'authorisation' && !basis.ended);
  async run(model: Model, real: Real) {
    const open = model.bases.filter((basis) => basis.kind === 'authorisation' && !basis.ended);
    const target = open[this.index % open.length]!;
    await revokeSafeguardingAuthorisation(
      t.db,
      manager,
      real.personId,
      target.id,
      'No longer needed.',
      t.clock,
    );
    target.ended = true;
    await checkWhatLeft(model);
  }
  toString = () => `revoke(${this.index})`;
}

class Send implements fc.AsyncCommand<Model, Real> {
  check = () => true;
  async run(model: Model, real: Real) {
    const at = t.clock.now();
    const attempt = sendMessage(
      t.db,
      manager,
      {
        template: 'safeguarding',
        urgency: 'urgent',
        personId: real.personId,
        purpose: 'safeguarding',
        categories: CATEGORIES,
        partnerOrganisationId,
        partnerContactId: contactIds.addressee,
        nextContactId: contactIds.next,
        seniorContactId: contactIds.senior,
        subject: 'Concern about a visitor',
        summary: 'This morning at 9am a visitor asked the person for money.',
        impact: 'The person may be losing money to a visitor.',
        mitigations: 'Staff stay with the person during visits.',
        ask: 'Please advise whether this meets the threshold for a referral.',
        deadline: new Date(at.getTime() + 3_600_000).toISOString(),
        escalationRoute: {
          steps: [
            {
              delay: { unit: 'minutes', amount: 0 },
              target: 'remind_same_contact',
              stopsOnAcknowledgement: true,
            },
            { delay: { unit: 'minutes', amount: 30 }, target: 'next_contact', stopsOnAcknowledgement: true },
            {
              delay: { unit: 'minutes', amount: 30 },
              target: 'duty_or_out_of_hours_channel',
              stopsOnAcknowledgement: true,
            },
            {
              delay: { unit: 'minutes', amount: 30 },
              target: 'senior_contact',
              stopsOnAcknowledgement: true,
            },
            {
              delay: { unit: 'minutes', amount: 30 },
              target: 'internal_manager',
              stopsOnAcknowledgement: true,
            },
          ],
        },
      } as Parameters<typeof sendMessage>[2],
      { clock: t.clock, config: { ...t.config, publicUrl: PUBLIC_URL } },
    );
    if (covered(model, 'addressee')) {
      const sent = await attempt;
      model.links.push({
        token: sent.partnerLink.slice(sent.partnerLink.indexOf('#') + 1),
        recipient: 'addressee',
      });
      model.sent += 1;
    } else {
      await expect(attempt).rejects.toMatchObject({ kind: 'forbidden' });
    }
    await checkWhatLeft(model);
  }
  toString = () => 'send';
}

class Deliver implements fc.AsyncCommand<Model, Real> {
  check = () => true;
  async run(model: Model) {
    while ((await deliverEmails(t, mailbox.mailer)) > 0);
    await checkWhatLeft(model);
  }
  toString = () => 'deliver';
}

class Escalate implements fc.AsyncCommand<Model, Real> {
  constructor(readonly minutes: number) {}
  check = (model: Readonly<Model>) => model.sent > 0;
  async run(model: Model) {
    t.clock.advance(this.minutes * 60_000);
    await sweepMessageEscalations(t, PUBLIC_URL);
    await checkWhatLeft(model);
  }
  toString = () => `escalate after ${this.minutes}m`;
}

class OpenLink implements fc.AsyncCommand<Model, Real> {
  constructor(
    readonly index: number,
    readonly answer: boolean,
  ) {}
  check = (model: Readonly<Model>) => model.links.length > 0;
  async run(model: Model) {
    const link = model.links[this.index % model.links.length]!;
    const response = await t.app.inject({
      method: this.answer ? 'POST' : 'GET',
      url: this.answer ? '/api/partner/message/acknowledge' : '/api/partner/message',
      headers: { 'x-partner-link': link.token },
      ...(this.answer ? { payload: { name: 'A partner' } } : {}),
    });
    if (!covered(model, link.recipient)) {
      expect(response.statusCode, `a link showed ${link.recipient} the message without a basis`).toBe(410);
      expect(response.body).not.toContain(personName);
      seen.refusedOpens += 1;
    } else {
      // Covered: it shows the message, or refuses a second acknowledgement (409), never 410.
      expect([200, 409]).toContain(response.statusCode);
      seen.allowedOpens += 1;
    }
    await checkWhatLeft(model);
  }
  toString = () => `${this.answer ? 'acknowledge' : 'open'} link ${this.index}`;
}

class PassTime implements fc.AsyncCommand<Model, Real> {
  constructor(readonly hours: number) {}
  check = () => true;
  async run(model: Model) {
    t.clock.advance(this.hours * 3_600_000);
    await noticeLapsedSharing(t.db, t.clock);
    await checkWhatLeft(model);
  }
  toString = () => `wait ${this.hours}h`;
}

const scope = fc.constantFrom<Scope>('addressee', 'organisation');
const commands = [
  fc.tuple(scope, fc.integer({ min: 0, max: 3 })).map(([s, days]) => new RecordConsent(s, days)),
  fc.nat().map((index) => new Withdraw(index)),
  fc.tuple(scope, fc.integer({ min: 1, max: 48 })).map(([s, hours]) => new Authorise(s, hours)),
  fc.nat().map((index) => new Revoke(index)),
  fc.constant(new Send()),
  fc.constant(new Send()),
  fc.constant(new Deliver()),
  fc.constant(new Deliver()),
  fc.integer({ min: 1, max: 45 }).map((minutes) => new Escalate(minutes)),
  fc.integer({ min: 1, max: 45 }).map((minutes) => new Escalate(minutes)),
  fc.tuple(fc.nat(), fc.boolean()).map(([index, answer]) => new OpenLink(index, answer)),
  fc.tuple(fc.nat(), fc.boolean()).map(([index, answer]) => new OpenLink(index, answer)),
  fc.integer({ min: 1, max: 30 }).map((hours) => new PassTime(hours)),
];

describe('the disclosure rule', () => {
  it('lets nothing about a person leave without a basis covering that recipient at that instant', async () => {
    await fc.assert(
      fc.asyncProperty(fc.commands(commands, { maxCommands: 40, size: 'max' }), async (sequence) => {
        t.clock.set('2026-11-23T09:00:00Z');
        mailbox.smtp.reset();
        checkedMail = 0;
        // Nothing from an earlier run may fire or send in this one.
        await cancelPendingEscalationSteps(t);
        await t.db
          .updateTable('email_outbox')
          .set({ status: 'held', text_body: '', link_token_sealed: null })
          .where('status', '=', 'pending')
          .execute();
        await t.db
          .updateTable('queued_shares')
          .set({ status: 'cancelled', resolved_at: t.clock.now() })
          .where('status', '=', 'queued')
          .execute();
        const person = await createTestPerson(t.db, t.clock, manager.orgId);
        personName = person.family_name;
        personId = person.id;
        const model: Model = { bases: [], links: [], sent: 0 };
        await fc.asyncModelRun(() => ({ model, real: { personId: person.id } }), sequence);
      }),
      { numRuns: 30, seed: 6122026 },
    );
    const held = await t.db
      .selectFrom('email_outbox')
      .select('id')
      .where('status', '=', 'held')
      .where('held_reason', 'is not', null)
      .execute();
    // The runs reached every kind of recipient, and saw refusals as well as allowed opens.
    expect(seen.emailsToPartners).toBeGreaterThan(10);
    expect(Object.keys(seen.byRecipient).sort()).toEqual(['addressee', 'duty', 'next', 'senior']);
    expect(seen.refusedOpens).toBeGreaterThan(0);
    expect(seen.allowedOpens).toBeGreaterThan(0);
    expect(held.length).toBeGreaterThan(0);
  }, 600_000);
});
