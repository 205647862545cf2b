import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { sessionsLasting, testAppForFile } from '../../test/app-for-test.ts';
import {
  createStaffedOrganisation,
  createTestChannel,
  createTestPartnerContact,
  createTestPartnerOrganisation,
  createTestPerson,
  type SignedIn,
} from '../../test/factories.ts';
import { okAs, requestAs, requestAsPartner, type StaffRequest } from '../../test/requests.ts';
import {
  cancelPendingEscalationSteps,
  deliverEmails,
  mailServerForFile,
  markPendingEmailsSent,
  partnerWithContact,
  personWithConsent,
  type Staff,
  staffedOrganisation,
  sweepMessageEscalations,
  tokenOf,
} from '../../test/scenarios.ts';
import type { RequestContext } from '../context.ts';

const mailbox = mailServerForFile();
const t = testAppForFile({
  config: {
    signInAttemptsPerMinute: 10_000,
    publicUrl: 'https://liaison.example.org',
    // The clock moves through hours of escalation; sessions must outlive it.
    ...sessionsLasting(90),
  },
  at: '2026-11-23T09:00:00Z', // a Monday
});
const api = (...request: StaffRequest) => requestAs(t.app, ...request);
let staff: Staff;
let orgId: string;
let careWorker: RequestContext;

beforeAll(async () => {
  ({ staff, orgId, careWorker } = await staffedOrganisation(t));
});
beforeEach(async () => {
  mailbox.smtp.reset();
  // One database for the file: what earlier tests left waiting must not fire or send in later ones.
  await cancelPendingEscalationSteps(t);
  await markPendingEmailsSent(t);
});

async function partnerWithContacts() {
  const { organisation, contact } = await partnerWithContact(t, orgId, { type: 'housing' });
  const senior = await createTestPartnerContact(t.db, t.clock, orgId, organisation.id, {
    type: 'housing',
    name: 'Aisha Khan (Housing Manager)',
  });
  return { organisation, contact, senior };
}

function requestBody(
  partner: Awaited<ReturnType<typeof partnerWithContacts>>,
  overrides: Record<string, unknown> = {},
) {
  return {
    template: 'request',
    askType: 'action',
    urgency: 'urgent',
    partnerOrganisationId: partner.organisation.id,
    partnerContactId: partner.contact.id,
    seniorContactId: partner.senior.id,
    subject: 'Heating failure at Oak House',
    summary: 'Since 6am today the communal boiler at Oak House has not worked.',
    impact: 'Twelve tenants have no heating; four are frail and at risk from the cold.',
    mitigations: 'We have put portable heaters in four flats and increased checks to every two hours.',
    ask: 'Please arrange an emergency boiler repair by 5pm today.',
    deadline: new Date(t.clock.now().getTime() + 2 * 3_600_000).toISOString(),
    ...overrides,
  };
}

async function send(body: Record<string, unknown>, who: SignedIn = staff.care_worker) {
  return api('POST', '/api/messages', who, body);
}

/** A person who consented on the Monday, for six months, to `purpose` being shared with the partner. */
async function personConsentingTo(
  partner: Awaited<ReturnType<typeof partnerWithContacts>>,
  purpose: 'housing' | 'health_monitoring',
  names: { givenName?: string; familyName?: string } = {},
) {
  const { person } = await personWithConsent(
    t,
    careWorker,
    {
      partnerOrganisationIds: [partner.organisation.id],
      purposes: [purpose],
      givenOn: '2026-11-23',
      reviewOn: '2027-05-23',
    },
    names,
  );
  return person;
}

const asPartner = (token: string, path: string, payload?: Record<string, unknown>) =>
  requestAsPartner(t.app, token, path, payload);
const sweep = () => sweepMessageEscalations(t);
const thread = (id: string) => okAs(t.app, 'GET', `/api/messages/${id}`, staff.manager);

describe('sending a request', () => {
  it('refuses a request missing any of its parts, naming each field', async () => {
    const partner = await partnerWithContacts();
    const response = await send(
      requestBody(partner, {
        impact: '',
        mitigations: null,
        ask: ' ',
        deadline: undefined,
        askType: undefined,
      }),
    );
    expect(response.statusCode).toBe(400);
    const fields = (response.json().errors as { field: string }[]).map((error) => error.field).sort();
    expect(fields).toEqual(['ask', 'askType', 'deadline', 'impact', 'mitigations']);
    const listed = await api('GET', '/api/messages?view=all', staff.manager);
    expect(
      listed
        .json()
        .items.filter(
          (item: { partnerOrganisationId: string }) => item.partnerOrganisationId === partner.organisation.id,
        ),
    ).toEqual([]);
  });

  it('refuses a summary that does not say when, and unknown fields', async () => {
    const partner = await partnerWithContacts();
    const vague = await send(requestBody(partner, { summary: 'The boiler is broken.' }));
    expect(vague.statusCode).toBe(400);
    expect(vague.json().errors[0].field).toBe('summary');
    const unknown = await send({ ...requestBody(partner), orgId: 'x' });
    expect(unknown.statusCode).toBe(400);
  });

  it('warns, but does not refuse, while composing', async () => {
    const response = await api('POST', '/api/messages/check', staff.care_worker, {
      template: 'request',
      askType: 'advice',
      summary: 'Mrs B is unwell',
      ask: 'Advice asap re: BGL',
    });
    expect(response.statusCode).toBe(200);
    const codes = response.json().warnings.map((warning: { code: string }) => warning.code);
    expect(codes).toEqual(
      expect.arrayContaining(['summary_without_timing', 'vague_deadline', 'unexplained_abbreviation']),
    );
  });

  it('refuses personal details in the subject, which goes into the email, before asking the gate', async () => {
    const partner = await partnerWithContacts();
    const person = await createTestPerson(t.db, t.clock, orgId, {
      givenName: 'Winifred',
      familyName: 'Oakhampton',
      nhsNumber: '4010232137',
    });
    const aboutHer = await send(
      requestBody(partner, {
        personId: person.id,
        purpose: 'health_monitoring',
        categories: ['identity', 'health'],
        subject: 'Winifred Oakhampton 12/03/1941 NHS 401 023 2137',
      }),
    );
    expect(aboutHer.statusCode).toBe(400);
    const errors = aboutHer.json().errors as { field: string; message: string }[];
    expect(errors.length).toBe(4);
    expect(errors.every((error) => error.field === 'subject')).toBe(true);
    expect(errors.map((error) => error.message).join(' ')).toContain('NHS number');
    const shares = await t.db
      .selectFrom('share_log')
      .select('id')
      .where('person_id', '=', person.id)
      .execute();
    expect(shares).toEqual([]);

    // Not about her, the subject still may not name her; a written-out date of birth is refused too.
    for (const subject of ['Mrs Oakhampton: heating', 'Born 12 March 1941']) {
      const refused = await send(requestBody(partner, { subject }));
      expect(refused.statusCode).toBe(400);
      expect(refused.json().errors.map((error: { field: string }) => error.field)).toEqual(['subject']);
    }
    // A subject with a time and a phone number is not personal.
    expect(
      (await send(requestBody(partner, { subject: 'Heating off since 6am: call 01392 123456' }))).statusCode,
    ).toBe(201);
  });

  it('refuses "n/a" for a part a request must have', async () => {
    const partner = await partnerWithContacts();
    const response = await send(requestBody(partner, { impact: 'n/a', mitigations: 'TBC' }));
    expect(response.statusCode).toBe(400);
    expect(
      response
        .json()
        .errors.map((error: { field: string }) => error.field)
        .sort(),
    ).toEqual(['impact', 'mitigations']);
  });

  it('warns while composing of a subject with personal details and of someone named the message is not about', async () => {
    const person = await createTestPerson(t.db, t.clock, orgId, {
      givenName: 'Bartholomew',
      familyName: 'Quince',
    });
    const other = await createTestPerson(t.db, t.clock, orgId);
    const check = (payload: Record<string, unknown>) =>
      api('POST', '/api/messages/check', staff.care_worker, {
        template: 'update',
        summary: 'Since 6am today the heating has not worked.',
        impact: 'Bartholomew Quince was cold overnight.',
        mitigations: 'Extra blankets.',
        ...payload,
      });
    const notAbout = await check({ subject: 'Heating: Mr Quince' });
    expect(notAbout.statusCode).toBe(200);
    expect(
      notAbout
        .json()
        .warnings.map((warning: { code: string; field: string }) => [warning.code, warning.field]),
    ).toEqual(
      expect.arrayContaining([
        ['personal_details_in_subject', 'subject'],
        ['names_person_not_shared', 'impact'],
      ]),
    );
    const aboutSomeoneElse = await check({ personId: other.id });
    expect(aboutSomeoneElse.json().warnings.map((warning: { code: string }) => warning.code)).toContain(
      'names_person_not_shared',
    );
    const aboutHim = await check({ personId: person.id, subject: 'Heating' });
    expect(aboutHim.json().warnings.map((warning: { code: string }) => warning.code)).not.toContain(
      'names_person_not_shared',
    );
    // Someone in another organisation is not compared with.
    const elsewhere = await createStaffedOrganisation(t.app, t.db, t.clock);
    const stranger = await createTestPerson(t.db, t.clock, elsewhere.organisation.id, {
      givenName: 'Cuthbert',
      familyName: 'Marchbanks',
    });
    expect(stranger.id).toBeDefined();
    const outside = await check({ impact: 'Cuthbert Marchbanks was cold.' });
    expect(outside.json().warnings.map((warning: { code: string }) => warning.code)).not.toContain(
      'names_person_not_shared',
    );
  });

  it('sends nothing about a person without a basis to share, and logs the refusal', async () => {
    const partner = await partnerWithContacts();
    const person = await createTestPerson(t.db, t.clock, orgId);
    const response = await send(
      requestBody(partner, { personId: person.id, purpose: 'housing', categories: ['identity', 'health'] }),
    );
    expect(response.statusCode).toBe(403);
    expect(response.json().reasons.length).toBeGreaterThan(0);
    const shares = await t.db
      .selectFrom('share_log')
      .selectAll()
      .where('id', '=', response.json().shareId)
      .execute();
    expect(shares).toMatchObject([{ outcome: 'refused', subject_type: 'partner_message' }]);
    const messages = await t.db
      .selectFrom('partner_messages')
      .select('id')
      .where('person_id', '=', person.id)
      .execute();
    expect(messages).toEqual([]);
    const outbox = await t.db.selectFrom('email_outbox').select('id').where('org_id', '=', orgId).execute();
    expect(outbox.every(Boolean)).toBe(true);
  });

  it('sends a request about a person with consent: email over SMTP with a link to this message only', async () => {
    const partner = await partnerWithContacts();
    const person = await personConsentingTo(partner, 'housing', { givenName: 'Edna', familyName: 'Harris' });
    const response = await send(
      requestBody(partner, { personId: person.id, purpose: 'housing', categories: ['identity', 'health'] }),
    );
    expect(response.statusCode).toBe(201);
    const sent = response.json();
    // No mail server in this app's settings: the sender is told nothing was emailed.
    expect(sent).toMatchObject({ status: 'sent', personName: 'Edna Harris', emailState: 'no_mail_server' });
    expect(sent.partnerLink).toMatch(/^https:\/\/liaison\.example\.org\/partner#[A-Za-z0-9_-]{43}$/);
    expect(sent.steps.length).toBeGreaterThan(3);
    const queuedShare = () =>
      t.db
        .selectFrom('queued_shares')
        .selectAll()
        .where('share_id', '=', sent.shareId)
        .executeTakeFirstOrThrow();
    // Sent means delivered: the share waits until the mail server accepts the email.
    expect((await queuedShare()).status).toBe('queued');
    const waiting = await t.db
      .selectFrom('email_outbox')
      .selectAll()
      .where('subject_id', '=', sent.id)
      .execute();
    expect(waiting).toHaveLength(1);
    expect(waiting[0]!.text_body).not.toContain(tokenOf(sent.partnerLink));
    expect(waiting[0]!.link_token_sealed).not.toContain(tokenOf(sent.partnerLink));

    expect(await deliverEmails(t, mailbox.mailer)).toBe(1);
    const [mail] = await mailbox.smtp.waitForMessages(1);
    expect(mail!.envelope.to).toEqual([partner.contact.email]);
    expect(mail!.parsed.text).toContain(sent.partnerLink);
    // Email is not secure: no personal details travel in it.
    expect(mail!.parsed.text).not.toContain('Edna');
    expect(mail!.parsed.subject).not.toContain('Edna');
    expect((await queuedShare()).status).toBe('sent');
    // Once sent, nothing in the outbox can open the link.
    const gone = await t.db
      .selectFrom('email_outbox')
      .selectAll()
      .where('subject_id', '=', sent.id)
      .execute();
    expect(gone[0]).toMatchObject({ status: 'sent', text_body: '', link_token_sealed: null });
    const moments = await t.db
      .selectFrom('share_log')
      .select(['moment', 'outcome', 'delivery'])
      .where('subject_id', '=', sent.id)
      .orderBy('occurred_at')
      .execute();
    expect(moments).toEqual([
      { moment: 'compose', outcome: 'allowed', delivery: 'queued' },
      { moment: 'email', outcome: 'allowed', delivery: 'emailed' },
    ]);

    const view = await asPartner(tokenOf(sent.partnerLink), '');
    expect(view.statusCode).toBe(200);
    expect(view.json()).toMatchObject({
      subject: 'Heating failure at Oak House',
      personName: 'Edna Harris',
      person: { fullName: 'Edna Harris', dateOfBirth: person.date_of_birth, nhsNumber: person.nhs_number },
      canAcknowledge: true,
    });
    expect((await thread(sent.id)).events.map((event: { kind: string }) => event.kind)).toEqual([
      'sent',
      'emailed',
    ]);
  });
});

describe('the partner link', () => {
  it('acknowledges, then responds; the thread shows who and when, and escalation stops', async () => {
    const partner = await partnerWithContacts();
    const sent = (await send(requestBody(partner))).json();
    const token = tokenOf(sent.partnerLink);

    const acknowledged = await asPartner(token, '/acknowledge', {
      name: 'Sam Jones',
      role: 'Repairs officer',
    });
    expect(acknowledged.statusCode).toBe(200);
    expect(acknowledged.json()).toMatchObject({
      status: 'acknowledged',
      canAcknowledge: false,
      canRespond: true,
    });
    const again = await asPartner(token, '/acknowledge', { name: 'Sam Jones' });
    expect(again.statusCode).toBe(409);

    let detail = await thread(sent.id);
    const cancelled = detail.steps.filter((step: { status: string }) => step.status === 'cancelled');
    expect(cancelled.map((step: { target: string }) => step.target)).toEqual([
      'remind_same_contact',
      'next_contact',
      'duty_or_out_of_hours_channel',
    ]);
    expect(
      detail.steps.filter((step: { status: string }) => step.status === 'pending').length,
    ).toBeGreaterThan(0);

    const responded = await asPartner(token, '/respond', {
      name: 'Sam Jones',
      role: 'Repairs officer',
      kind: 'answer',
      response: 'An engineer will be on site by 3pm.',
    });
    expect(responded.statusCode).toBe(200);
    detail = await thread(sent.id);
    expect(detail.status).toBe('responded');
    expect(detail.steps.every((step: { status: string }) => step.status !== 'pending')).toBe(true);
    expect(
      detail.events.map((event: { kind: string; actorName: string }) => [event.kind, event.actorName]),
    ).toEqual([
      ['sent', expect.any(String)],
      ['acknowledged', 'Sam Jones'],
      ['responded', 'Sam Jones'],
    ]);
  });

  it('works as the partner’s page in a browser signed in as staff, never as the staff member', async () => {
    const partner = await partnerWithContacts();
    const sent = (await send(requestBody(partner))).json();
    // The browser sends the staff session's cookie with everything, and its CSRF token too.
    const withCookie = (method: 'GET' | 'POST', path: string, payload?: Record<string, unknown>) =>
      t.app.inject({
        method,
        url: `/api/partner/message${path}`,
        headers: { ...staff.manager.headers, 'x-partner-link': tokenOf(sent.partnerLink) },
        ...(payload ? { payload } : {}),
      });
    const viewed = await withCookie('GET', '');
    expect(viewed.statusCode, viewed.body).toBe(200);
    expect(viewed.json().subject).toBe('Heating failure at Oak House');
    const acknowledged = await withCookie('POST', '/acknowledge', { name: 'Sam Partner' });
    expect(acknowledged.statusCode, acknowledged.body).toBe(200);

    // The audit trail says the partner did it, through the link; nothing as the manager.
    const entries = await t.db
      .selectFrom('audit_events')
      .select(['action', 'actor_type', 'actor_id'])
      .where('org_id', '=', orgId)
      .where('action', 'in', ['partner_message.view_by_partner', 'partner_message.acknowledge'])
      .where('entity_id', '=', sent.id)
      .orderBy('id')
      .execute();
    expect(entries).toEqual([
      { action: 'partner_message.view_by_partner', actor_type: 'partner', actor_id: sent.links[0].id },
      { action: 'partner_message.acknowledge', actor_type: 'partner', actor_id: sent.links[0].id },
    ]);
    // The thread names the partner, not the manager.
    expect(acknowledged.json().thread).toContainEqual(
      expect.objectContaining({ kind: 'acknowledged', who: 'Sam Partner' }),
    );
    expect(JSON.stringify(acknowledged.json())).not.toContain(staff.manager.email);

    // An API token is sent on purpose: with a link it would mix two identities, so it is refused.
    const token = await api('POST', '/api/api-tokens', staff.admin, {
      name: 'Rota system',
      role: 'care_worker',
    });
    const withToken = await t.app.inject({
      method: 'GET',
      url: '/api/partner/message',
      headers: { authorization: `Bearer ${token.json().token}`, 'x-partner-link': tokenOf(sent.partnerLink) },
    });
    expect(withToken.statusCode).toBe(403);
  });

  it('is refused when expired, revoked, withdrawn or made up', async () => {
    const partner = await partnerWithContacts();
    const first = (await send(requestBody(partner))).json();
    const second = (await send(requestBody(partner, { subject: 'Second matter' }))).json();

    // A link opens its own message and nothing else.
    expect((await asPartner(tokenOf(second.partnerLink), '')).json().subject).toBe('Second matter');
    expect((await asPartner('A'.repeat(43), '')).statusCode).toBe(401);
    expect((await asPartner('', '')).statusCode).toBe(401);

    const revoked = await api(
      'POST',
      `/api/messages/${first.id}/links/${first.links[0].id}/revoke`,
      staff.care_worker,
      { reason: 'Sent to the wrong address' },
    );
    expect(revoked.statusCode).toBe(200);
    expect((await asPartner(tokenOf(first.partnerLink), '')).statusCode).toBe(401);

    const withdrawn = await api('POST', `/api/messages/${second.id}/withdraw`, staff.care_worker, {
      reason: 'Resolved on site',
    });
    expect(withdrawn.json()).toMatchObject({ status: 'withdrawn' });
    expect((await asPartner(tokenOf(second.partnerLink), '')).statusCode).toBe(401);

    const third = (await send(requestBody(partner, { subject: 'Third matter' }))).json();
    t.clock.advance(60 * 86_400_000);
    try {
      expect((await asPartner(tokenOf(third.partnerLink), '')).statusCode).toBe(401);
    } finally {
      t.clock.advance(-60 * 86_400_000);
    }
  });

  it('declines with a reason, which ends the route', async () => {
    const partner = await partnerWithContacts();
    const sent = (await send(requestBody(partner))).json();
    const noReason = await asPartner(tokenOf(sent.partnerLink), '/decline', { name: 'Sam Jones' });
    expect(noReason.statusCode).toBe(400);
    const declined = await asPartner(tokenOf(sent.partnerLink), '/decline', {
      name: 'Sam Jones',
      reason: 'The boiler is the landlord’s, not ours: contact Acme Lettings.',
    });
    expect(declined.json()).toMatchObject({ status: 'declined', canRespond: false });
    expect(
      (await thread(sent.id)).steps.every((step: { status: string }) => step.status === 'cancelled'),
    ).toBe(true);
  });
});

describe('escalation of a request nobody answers', () => {
  it('walks every step to the registered manager; acknowledgement and response stop it where they should', async () => {
    const partner = await partnerWithContacts();
    // The organisation's duty line, staffed around the clock.
    await createTestChannel(
      t.db,
      t.clock,
      orgId,
      { partnerOrganisationId: partner.organisation.id },
      {
        kind: 'duty_line',
        value: '0300 123 4567',
        urgencies: ['urgent', 'routine'],
        hours: '24/7',
      },
    );
    const sent = (await send(requestBody(partner))).json();
    const deadline = new Date(sent.deadline).getTime();
    const at = (minutes: number) => t.clock.set(new Date(deadline + minutes * 60_000).toISOString());

    at(14);
    expect((await sweep()).fired).toBe(0);
    at(15); // reminder to the same contact: no staffed channel of theirs, so their email address
    expect((await sweep()).fired).toBe(1);
    at(45); // next contact
    expect((await sweep()).fired).toBe(1);
    at(75); // duty line: a call for staff to make
    expect((await sweep()).fired).toBe(1);
    at(105); // the manager
    expect((await sweep()).fired).toBe(1);

    let detail = await thread(sent.id);
    const escalations = detail.events.filter((event: { kind: string }) => event.kind === 'escalated');
    expect(escalations.map((event: { details: { target: string } }) => event.details.target)).toEqual([
      'remind_same_contact',
      'next_contact',
      'duty_or_out_of_hours_channel',
      'internal_manager',
    ]);
    expect(detail.escalationStepsFired).toBe(4);

    const managerList = await api('GET', '/api/attention', staff.manager);
    const managerItems = managerList
      .json()
      .items.filter((item: { subject: { id: string } }) => item.subject.id === sent.id);
    // The duty line is the staffed voice channel for each partner step: a call for staff each
    // time, but one card to phone the partner however many steps asked for it.
    expect(managerItems.map((item: { kind: string }) => item.kind).sort()).toEqual([
      'call_partner',
      'escalated_to_manager',
    ]);
    expect(
      detail.events.filter((event: { text: string | null }) => event.text?.includes('staff asked to call')),
    ).toHaveLength(3);
    const escalatedList = await api('GET', '/api/messages?view=escalated', staff.manager);
    expect(escalatedList.json().items.map((item: { id: string }) => item.id)).toContain(sent.id);
    const overdue = await api('GET', '/api/messages?view=overdue', staff.manager);
    expect(overdue.json().items.map((item: { id: string }) => item.id)).toContain(sent.id);

    // The partner acknowledges late: nothing chasing receipt is left, but the senior contact and
    // the registered manager are still told, because there is still no answer.
    t.clock.set(new Date(deadline + 110 * 60_000).toISOString());
    expect(
      (await asPartner(tokenOf(sent.partnerLink), '/acknowledge', { name: 'Sam Jones' })).statusCode,
    ).toBe(200);
    // Heard from: the call to chase them is no longer needed; the manager's card stays, as there
    // is still no answer.
    const afterAcknowledgement = (await api('GET', '/api/attention?open=false', staff.manager))
      .json()
      .items.filter((item: { subject: { id: string } }) => item.subject.id === sent.id);
    expect(
      afterAcknowledgement.map((item: Record<string, unknown>) => ({
        kind: item.kind,
        open: item.resolvedAt === null,
        resolvedAutomatically: item.resolvedAutomatically,
        resolutionNote: item.resolutionNote,
        resolvedByName: item.resolvedByName,
      })),
    ).toEqual(
      expect.arrayContaining([
        {
          kind: 'call_partner',
          open: false,
          resolvedAutomatically: true,
          resolutionNote: 'The partner acknowledged the message.',
          resolvedByName: null,
        },
        {
          kind: 'escalated_to_manager',
          open: true,
          resolvedAutomatically: false,
          resolutionNote: null,
          resolvedByName: null,
        },
      ]),
    );
    at(135); // senior contact (email to the named senior contact)
    expect((await sweep()).fired).toBe(1);
    at(195); // registered manager
    expect((await sweep()).fired).toBe(1);
    const rmList = await api('GET', '/api/attention', staff.registered_manager);
    expect(rmList.json().items.map((item: { kind: string }) => item.kind)).toContain(
      'escalated_to_registered_manager',
    );

    // A response ends the route: the repeats never fire.
    t.clock.set(new Date(deadline + 200 * 60_000).toISOString());
    expect(
      (
        await asPartner(tokenOf(sent.partnerLink), '/respond', {
          name: 'Sam Jones',
          kind: 'done',
          response: 'Repaired at 7pm.',
        })
      ).json().status,
    ).toBe('done');
    at(24 * 60);
    expect((await sweep()).fired).toBe(0);
    // Answered: nothing about this message needs anyone's attention any more.
    const afterResponse = await api('GET', '/api/attention', staff.registered_manager);
    expect(
      afterResponse.json().items.filter((item: { subject: { id: string } }) => item.subject.id === sent.id),
    ).toEqual([]);
    detail = await thread(sent.id);
    expect(detail.steps.filter((step: { status: string }) => step.status === 'fired')).toHaveLength(6);
    expect(detail.steps.filter((step: { status: string }) => step.status === 'pending')).toHaveLength(0);

    // Reminders went by email with fresh links; managers were emailed too.
    expect(await deliverEmails(t, mailbox.mailer)).toBeGreaterThanOrEqual(5);
    const received = mailbox.smtp.messages.map((mail) => ({
      to: mail.envelope.to[0],
      subject: mail.parsed.subject,
    }));
    expect(received).toEqual(
      expect.arrayContaining([
        { to: partner.contact.email, subject: expect.stringContaining('Reminder') },
        { to: partner.senior.email, subject: expect.stringContaining('Reminder') },
        { to: staff.manager.email, subject: expect.stringContaining('Needs attention') },
        { to: staff.registered_manager.email, subject: expect.stringContaining('Needs attention') },
      ]),
    );
    t.clock.set('2026-11-23T09:00:00Z');
  });

  it('fires steps that fell due while no sweep ran once, at the next sweep', async () => {
    const partner = await partnerWithContacts();
    const sent = (await send(requestBody(partner, { urgency: 'urgent' }))).json();
    t.clock.set(new Date(new Date(sent.deadline).getTime() + 50 * 60_000).toISOString());
    const [first, second] = await Promise.all([sweep(), sweep()]);
    expect(first!.fired + second!.fired).toBe(2);
    expect((await sweep()).fired).toBe(0);
    t.clock.set('2026-11-23T09:00:00Z');
  });
});

describe('advice', () => {
  it('advice by phone is confirmed in writing through a request, then applied to the care plan', async () => {
    const partner = await partnerWithContacts();
    const person = await personConsentingTo(partner, 'health_monitoring', {
      givenName: 'Mo',
      familyName: 'Ahmed',
    });
    const sent = (
      await send(
        requestBody(partner, {
          askType: 'advice',
          personId: person.id,
          purpose: 'health_monitoring',
          categories: ['identity', 'health'],
          ask: 'Please advise by 11am today how often we should check his blood sugar.',
        }),
      )
    ).json();
    t.clock.advance(20 * 60_000);
    const logged = await api('POST', `/api/messages/${sent.id}/contacts`, staff.care_worker, {
      kind: 'call',
      how: 'phone',
      partnerName: 'Nurse Grey',
      partnerRole: 'District nurse',
      summary: 'Check blood glucose at every visit; call the district nurse if above 15.',
      occurredAt: new Date(t.clock.now().getTime() - 5 * 60_000).toISOString(),
      outcome: 'responded',
      isAdvice: true,
      advice: 'Check blood glucose at every visit; call the district nurse if above 15.',
    });
    expect(logged.statusCode).toBe(200);
    // The call is one entry in the thread, the response it gave, by phone.
    expect(logged.json().events.map((event: { kind: string }) => event.kind)).toEqual([
      'sent',
      'responded',
      'advice_recorded',
      'confirmation_requested',
    ]);

    const adviceList = await api('GET', `/api/people/${person.id}/advice`, staff.care_worker);
    const [advice] = adviceList.json().items;
    expect(advice).toMatchObject({
      givenByName: 'Nurse Grey',
      receivedHow: 'phone',
      inWriting: false,
      confirmationStatus: 'requested',
    });

    // The request for confirmation went to the nurse's address with its own link.
    expect(await deliverEmails(t, mailbox.mailer)).toBe(2);
    const confirmationMail = mailbox.smtp.messages.find((mail) =>
      mail.parsed.subject?.includes('confirm your advice'),
    );
    expect(confirmationMail).toBeDefined();
    const link = /https:\/\/liaison\.example\.org\/partner#([A-Za-z0-9_-]{43})/.exec(
      confirmationMail!.parsed.text ?? '',
    )![1]!;
    const view = await asPartner(link, '');
    expect(view.json().summary).toContain('call the district nurse if above 15');
    const confirmed = await asPartner(link, '/respond', {
      name: 'Nurse Grey',
      role: 'District nurse',
      kind: 'advice',
      response: 'Confirmed: check at every visit, call us if above 15 mmol/L.',
    });
    expect(confirmed.statusCode).toBe(200);

    const amendment = await api('POST', `/api/people/${person.id}/care-plan-amendments`, staff.care_worker, {
      adviceId: advice.id,
      whatChanged: 'Blood glucose check added to every visit; threshold 15 mmol/L.',
      why: 'District nurse advice, confirmed in writing.',
    });
    expect(amendment.statusCode).toBe(201);

    const after = (await api('GET', `/api/people/${person.id}/advice`, staff.auditor)).json().items[0];
    expect(after).toMatchObject({ confirmationStatus: 'confirmed', confirmedHow: 'partner_link' });
    expect(after.appliedIn).toEqual([
      expect.objectContaining({ why: 'District nurse advice, confirmed in writing.' }),
    ]);
    expect((await thread(sent.id)).events.map((event: { kind: string }) => event.kind)).toContain(
      'confirmation_received',
    );
  });

  it('asks the adviser named from the register, not the addressee, to confirm advice given by phone', async () => {
    const partner = await partnerWithContacts();
    const person = await personConsentingTo(partner, 'health_monitoring');
    const adviser = await createTestPartnerContact(t.db, t.clock, orgId, partner.organisation.id, {
      type: 'housing',
      name: 'Priya Nair (Occupational Therapist)',
      email: 'priya.nair@partner.example',
    });
    const elsewhere = await createTestPartnerOrganisation(t.db, t.clock, orgId, { type: 'housing' });
    const stranger = await createTestPartnerContact(t.db, t.clock, orgId, elsewhere.id, { type: 'housing' });
    const sent = (
      await send(
        requestBody(partner, {
          askType: 'advice',
          personId: person.id,
          purpose: 'health_monitoring',
          categories: ['identity', 'health'],
          ask: 'Please advise by 11am today whether she needs a raised toilet seat.',
        }),
      )
    ).json();
    mailbox.smtp.reset();
    await markPendingEmailsSent(t);
    const call = {
      kind: 'call',
      how: 'phone',
      partnerName: 'Priya Nair',
      summary: 'Priya rang back. Long chat about the flat; she will visit next week. Her advice is below.',
      occurredAt: new Date(t.clock.now().getTime() - 60_000).toISOString(),
      isAdvice: true,
      advice: 'Fit a raised toilet seat and a grab rail on the left.',
    };
    const log = (payload: Record<string, unknown>) =>
      api('POST', `/api/messages/${sent.id}/contacts`, staff.care_worker, payload);

    const noAdvice = await log({ ...call, advice: undefined });
    expect(noAdvice.statusCode).toBe(400);
    expect(noAdvice.json().errors[0].field).toBe('advice');
    const wrongOrganisation = await log({ ...call, adviserContactId: stranger.id });
    expect(wrongOrganisation.statusCode).toBe(400);
    expect(wrongOrganisation.json().errors[0].field).toBe('adviserContactId');
    expect(
      await t.db.selectFrom('advice_records').select('id').where('message_id', '=', sent.id).execute(),
    ).toEqual([]);

    const logged = await log({ ...call, adviserContactId: adviser.id });
    expect(logged.statusCode).toBe(200);
    const requested = logged
      .json()
      .events.find((event: { kind: string }) => event.kind === 'confirmation_requested');
    expect(requested.text).toBe(
      'Asked Priya Nair (Occupational Therapist) to confirm the advice in writing.',
    );

    expect(await deliverEmails(t, mailbox.mailer)).toBe(1);
    const [mail] = await mailbox.smtp.waitForMessages(1);
    expect(mail?.envelope.to).toEqual(['priya.nair@partner.example']);
    expect(mail?.parsed.subject).toContain('confirm your advice');

    const [advice] = (await api('GET', `/api/people/${person.id}/advice`, staff.care_worker)).json().items;
    expect(advice).toMatchObject({
      advice: 'Fit a raised toilet seat and a grab rail on the left.',
      givenByName: 'Priya Nair (Occupational Therapist)',
      confirmationStatus: 'requested',
      confirmationRequestedFrom: 'Priya Nair (Occupational Therapist)',
    });
    const confirmation = await thread(advice.confirmationMessageId);
    expect(confirmation.summary).not.toContain('Long chat about the flat');
  });

  it('refuses an amendment citing advice about someone else', async () => {
    const personA = await createTestPerson(t.db, t.clock, orgId);
    const personB = await createTestPerson(t.db, t.clock, orgId);
    const [someAdvice] = await t.db
      .selectFrom('advice_records')
      .select('id')
      .where('org_id', '=', orgId)
      .execute();
    const response = await api('POST', `/api/people/${personB.id}/care-plan-amendments`, staff.care_worker, {
      adviceId: someAdvice?.id ?? personA.id,
      whatChanged: 'x',
      why: 'y',
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().errors[0].field).toBe('adviceId');
  });
});

describe('access', () => {
  it('keeps the auditor to reading and admin out', async () => {
    const partner = await partnerWithContacts();
    expect((await send(requestBody(partner), staff.auditor)).statusCode).toBe(403);
    expect((await send(requestBody(partner), staff.admin)).statusCode).toBe(403);
    const list = await api('GET', '/api/messages', staff.admin);
    expect(list.statusCode).toBe(403);
  });
});
