import { sql } from 'kysely';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { sessionsLasting, testAppForFile } from '../../test/app-for-test.ts';
import { createTestPartnerContact, type SignedIn } from '../../test/factories.ts';
import { answerAs, okAs, requestAs, requestAsPartner, type StaffRequest } from '../../test/requests.ts';
import {
  cancelPendingEscalationSteps,
  deliverEmails,
  mailServerForFile,
  partnerWithContact,
  personWithConsent,
  type Staff,
  staffedOrganisation,
  sweepMessageEscalations,
  tokenOf,
} from '../../test/scenarios.ts';
import { insertAttentionItem } from '../attention/attention.repository.ts';
import { withdrawConsent } from '../consent/consent.service.ts';
import type { RequestContext } from '../context.ts';
import { authenticateLink } from '../partner-access/partner-links.service.ts';
import { authoriseSafeguardingShare } from '../safeguarding-authorisations/safeguarding-authorisations.service.ts';
import { noticeLapsedSharing } from '../sharing/basis-endings.ts';

// The disclosure rule at each moment after a message is written: escalation steps that would reach
// someone the basis does not cover, emails held when the basis ends before they leave, links that
// stop showing the person when it ends after, the partner told without personal details, links
// handed over by staff, and no working link token left anywhere in the database.

const PUBLIC_URL = 'https://liaison.example.org';
const mailbox = mailServerForFile();
const t = testAppForFile({
  config: { signInAttemptsPerMinute: 10_000, publicUrl: PUBLIC_URL, ...sessionsLasting(90) },
  at: '2026-11-23T09:00:00Z', // a Monday
});
const call = (...request: StaffRequest) => requestAs(t.app, ...request);
let staff: Staff;
let orgId: string;
let manager: RequestContext;

beforeAll(async () => {
  ({ staff, orgId, manager } = await staffedOrganisation(t));
});
beforeEach(async () => {
  // One database for the file: what an earlier test left waiting is sent before this one starts.
  while ((await deliver()) > 0);
  mailbox.smtp.reset();
  await cancelPendingEscalationSteps(t);
});

const deliver = () => deliverEmails(t, mailbox.mailer);
const sweep = () => sweepMessageEscalations(t, PUBLIC_URL);

async function scenario(consentScope: 'addressee' | 'organisation') {
  const { organisation, contact: addressee } = await partnerWithContact(
    t,
    orgId,
    { type: 'district_nurse' },
    { name: 'Nurse Grace Obi' },
  );
  const next = await createTestPartnerContact(t.db, t.clock, orgId, organisation.id, {
    type: 'district_nurse',
    name: 'Nurse Tom Reid',
  });
  const { person, consent } = await personWithConsent(
    t,
    manager,
    {
      partnerOrganisationIds: consentScope === 'organisation' ? [organisation.id] : [],
      partnerContactIds: consentScope === 'addressee' ? [addressee.id] : [],
      purposes: ['health_monitoring'],
      givenOn: '2026-11-23',
      reviewOn: '2027-05-23',
    },
    { givenName: 'Harold', familyName: 'Penhaligon' },
  );
  return { organisation, addressee, next, person, consent };
}

function send(s: Awaited<ReturnType<typeof scenario>>, who: SignedIn = staff.care_worker) {
  return answerAs(t.app, 201, 'POST', '/api/messages', who, {
    template: 'request',
    askType: 'advice',
    urgency: 'urgent',
    personId: s.person.id,
    purpose: 'health_monitoring',
    categories: ['identity', 'health'],
    partnerOrganisationId: s.organisation.id,
    partnerContactId: s.addressee.id,
    nextContactId: s.next.id,
    subject: 'Pressure area check',
    summary: 'Since 7am today his heel has been red and warm.',
    impact: 'He may be developing a pressure sore.',
    mitigations: 'Staff turn him every two hours.',
    ask: 'Please visit today to assess his heel.',
    deadline: new Date(t.clock.now().getTime() + 3_600_000).toISOString(),
    escalationRoute: {
      steps: [
        { delay: { unit: 'minutes', amount: 0 }, target: 'next_contact', stopsOnAcknowledgement: true },
        {
          delay: { unit: 'minutes', amount: 30 },
          target: 'internal_manager',
          stopsOnAcknowledgement: true,
        },
      ],
      repeat: null,
    },
  });
}

const asPartner = (token: string, path = '', payload?: Record<string, unknown>) =>
  requestAsPartner(t.app, token, path, payload);
const thread = (id: string) => okAs(t.app, 'GET', `/api/messages/${id}`, staff.manager);

describe('an escalation step', () => {
  it('reaches nobody the basis does not cover: staff are told why and who it does cover', async () => {
    const s = await scenario('addressee');
    const sent = await send(s);
    t.clock.advance(61 * 60_000);
    expect((await sweep()).fired).toBeGreaterThan(0);
    expect(await deliver()).toBe(1); // the message itself, to the addressee
    expect(mailbox.smtp.messages.map((mail) => mail.envelope.to[0])).toEqual([s.addressee.email]);

    const detail = await thread(sent.id);
    expect(detail.steps[0]).toMatchObject({ target: 'next_contact', status: 'fired' });
    const refused = detail.events.find((event: { kind: string }) => event.kind === 'share_refused');
    expect(refused.text).toContain('Nurse Tom Reid');
    const attention = await call('GET', '/api/attention', staff.care_worker);
    const item = attention.json().items.find((each: { kind: string }) => each.kind === 'share_refused');
    expect(item.title).toBe('Escalation not sent to Nurse Tom Reid: the sharing gate does not allow it');
    expect(item.detail).toContain('The sharing basis does cover Nurse Grace Obi');
    const rows = await t.db
      .selectFrom('share_log')
      .select(['moment', 'outcome', 'partner_contact_id'])
      .where('subject_id', '=', sent.id)
      .where('moment', '=', 'escalation')
      .execute();
    expect(rows).toEqual([{ moment: 'escalation', outcome: 'refused', partner_contact_id: s.next.id }]);
    // No link was made for the refused recipient.
    expect(detail.links).toHaveLength(1);
  });
});

describe('a withdrawal', () => {
  it('before the email leaves: holds it, and it is never sent', async () => {
    const s = await scenario('organisation');
    const sent = await send(s);
    const { heldShares } = await withdrawConsent(
      t.db,
      manager,
      s.person.id,
      s.consent.id,
      { withdrawnBy: 'person' },
      t.clock,
    );
    expect(heldShares).toBe(1);
    expect(await deliver()).toBe(0);
    expect(mailbox.smtp.messages).toHaveLength(0);
    const detail = await thread(sent.id);
    expect(detail.emails).toEqual([
      expect.objectContaining({ state: 'held', why: expect.stringContaining('Consent withdrawn') }),
    ]);
    expect(detail.events.map((event: { kind: string }) => event.kind)).toContain('email_held');
    const held = await call('GET', '/api/held-shares', staff.manager);
    expect(held.json().items.map((share: { shareId: string }) => share.shareId)).toContain(sent.shareId);
  });

  it('after delivery: the link shows nothing, the partner is told without personal details, escalation stops', async () => {
    const s = await scenario('organisation');
    const sent = await send(s);
    expect(await deliver()).toBe(1);
    const token = tokenOf(sent.partnerLink);
    expect((await asPartner(token)).statusCode).toBe(200);
    mailbox.smtp.reset();
    for (const kind of ['call_partner', 'email_failed'] as const) {
      await insertAttentionItem(t.db, {
        org_id: orgId,
        id: crypto.randomUUID(),
        subject_type: 'partner_message',
        subject_id: sent.id,
        for_user_id: null,
        step_id: null,
        kind,
        for_role: 'sender',
        title: kind === 'call_partner' ? 'Call the district nursing team' : 'An email could not be delivered',
        detail: null,
        created_at: t.clock.now(),
        resolved_at: null,
        resolved_by: null,
        resolution_note: null,
      });
    }

    await withdrawConsent(t.db, manager, s.person.id, s.consent.id, { withdrawnBy: 'person' }, t.clock);
    // Nobody may be chased about it any more; the failed email is still for a person to look at.
    const items = await t.db
      .selectFrom('attention_items')
      .select(['kind', 'resolved_by_system', 'resolution_note'])
      .where('subject_id', '=', sent.id)
      .orderBy('kind')
      .execute();
    expect(items).toEqual([
      {
        kind: 'call_partner',
        resolved_by_system: true,
        resolution_note: 'The basis for sharing ended: nobody may be chased about this message.',
      },
      { kind: 'email_failed', resolved_by_system: false, resolution_note: null },
    ]);
    const view = await asPartner(token);
    expect(view.statusCode).toBe(410);
    expect(view.json()).toMatchObject({ code: 'no_longer_shared' });
    expect(view.body).not.toContain('Penhaligon');
    expect((await asPartner(token, '/acknowledge', { name: 'Grace Obi' })).statusCode).toBe(410);

    expect(await deliver()).toBe(1);
    const [notice] = mailbox.smtp.messages;
    expect(notice!.envelope.to).toEqual([s.addressee.email]);
    expect(notice!.parsed.text).toContain('no longer shared');
    for (const secret of ['Penhaligon', 'Harold', 'Pressure area', 'heel', 'partner#']) {
      expect(notice!.parsed.text).not.toContain(secret);
      expect(notice!.parsed.subject).not.toContain(secret);
    }
    const detail = await thread(sent.id);
    expect(detail.sharingEnded.reason).toMatch(/^Consent withdrawn on /);
    expect(detail.steps.every((step: { status: string }) => step.status === 'cancelled')).toBe(true);
    expect(detail.events.map((event: { kind: string }) => event.kind)).toContain('sharing_ended');
  });

  it('that lapses with time is noticed by the sweep and handled the same way', async () => {
    const s = await scenario('addressee');
    await withdrawConsent(t.db, manager, s.person.id, s.consent.id, { withdrawnBy: 'person' }, t.clock);
    const authorisation = await authoriseSafeguardingShare(
      t.db,
      manager,
      s.person.id,
      {
        partnerOrganisationIds: [s.organisation.id],
        partnerContactIds: [],
        partnerTypes: [],
        categories: ['identity', 'health'],
        rationale: 'He is at risk of neglect at home and the nurse must assess him today.',
        expiresAt: new Date(t.clock.now().getTime() + 2 * 3_600_000).toISOString(),
      },
      t.clock,
    );
    const response = await call('POST', '/api/messages', staff.manager, {
      template: 'safeguarding',
      urgency: 'urgent',
      personId: s.person.id,
      purpose: 'safeguarding',
      categories: ['identity', 'health'],
      partnerOrganisationId: s.organisation.id,
      partnerContactId: s.addressee.id,
      subject: 'Concern about care at home',
      summary: 'Since yesterday he has had no food in the house.',
      impact: 'He may be neglected.',
      mitigations: 'Staff brought food today.',
      ask: 'Please visit today.',
      deadline: new Date(t.clock.now().getTime() + 3_600_000).toISOString(),
    });
    expect(response.statusCode).toBe(201);
    const sent = response.json();
    expect(await deliver()).toBe(1);
    mailbox.smtp.reset();
    expect(authorisation.status).toBe('in_force');

    t.clock.advance(3 * 3_600_000);
    expect((await asPartner(tokenOf(sent.partnerLink))).statusCode).toBe(410);
    expect(await noticeLapsedSharing(t.db, t.clock)).toBeGreaterThan(0);
    expect(await noticeLapsedSharing(t.db, t.clock)).toBe(0); // once
    expect(await deliver()).toBe(1);
    expect(mailbox.smtp.messages[0]!.envelope.to).toEqual([s.addressee.email]);
    expect((await thread(sent.id)).sharingEnded.reason).toMatch(/^Safeguarding authorisation expired/);
  });
});

describe('a link handed over by staff', () => {
  it('counts as sent only when the gate allows it at that moment', async () => {
    const s = await scenario('organisation');
    const sent = await send(s);
    expect(sent.emailState).toBe('no_mail_server');
    const handOver = () =>
      call('POST', `/api/messages/${sent.id}/links/${sent.partnerLinkId}/handed-over`, staff.care_worker, {
        how: 'by_phone',
      });
    const done = await handOver();
    expect(done.statusCode).toBe(200);
    expect(done.json().events.map((event: { kind: string }) => event.kind)).toContain('link_handed_over');
    const share = await t.db
      .selectFrom('queued_shares')
      .select('status')
      .where('share_id', '=', sent.shareId)
      .executeTakeFirstOrThrow();
    expect(share.status).toBe('sent');

    await withdrawConsent(t.db, manager, s.person.id, s.consent.id, { withdrawnBy: 'person' }, t.clock);
    const refused = await handOver();
    expect(refused.statusCode).toBe(403);
    expect(refused.json().reasons[0].code).toBe('consent_withdrawn');
    const bad = await call(
      'POST',
      `/api/messages/${sent.id}/links/${sent.partnerLinkId}/handed-over`,
      staff.care_worker,
      { how: 'carrier pigeon' },
    );
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0].field).toBe('how');
  });
});

describe('the database after sending', () => {
  it('holds no working link token in any table', async () => {
    const s = await scenario('organisation');
    const sent = await send(s);
    t.clock.advance(61 * 60_000);
    await sweep(); // a reminder to the next contact: a second link, emailed
    expect(await deliver()).toBe(2);
    const tokens = [
      ...mailbox.smtp.messages.map((mail) => /partner#([A-Za-z0-9_-]{43})/.exec(mail.parsed.text ?? '')?.[1]),
    ];
    expect(tokens.filter(Boolean)).toHaveLength(2);
    expect(tokens).toContain(tokenOf(sent.partnerLink));

    const columns = await sql<{ table_name: string; column_name: string }>`
      select table_name, column_name from information_schema.columns
      where table_schema = 'public' and data_type in ('text', 'jsonb', 'character varying', 'ARRAY')`.execute(
      t.db,
    );
    const candidates = new Set<string>();
    for (const { table_name, column_name } of columns.rows) {
      const values = await sql<{ value: string | null }>`
        select ${sql.ref(column_name)}::text as value from ${sql.table(table_name)}`.execute(t.db);
      for (const { value } of values.rows) {
        for (const token of tokens) expect(value ?? '', `${table_name}.${column_name}`).not.toContain(token);
        for (const match of (value ?? '').matchAll(/[A-Za-z0-9_-]{43}/g)) candidates.add(match[0]);
      }
    }
    for (const candidate of candidates) {
      await expect(
        authenticateLink(t.db, candidate, { type: 'partner_message' }, t.clock.now()),
      ).rejects.toMatchObject({
        kind: 'unauthenticated',
      });
    }
  });
});
