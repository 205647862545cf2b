import { beforeAll, describe, expect, it } from 'vitest';
import { sessionsLasting, testAppForFile } from '../../test/app-for-test.ts';
import { createTestPerson, type SignedIn } from '../../test/factories.ts';
import { okAs, okAsPartner, requestAs } from '../../test/requests.ts';
import {
  consentToShare,
  partnerWithContact,
  type Staff,
  staffedOrganisation,
  sweepMessageEscalations,
  tokenOf,
} from '../../test/scenarios.ts';
import type { RequestContext } from '../context.ts';
import { bodyToSend } from '../outbox/outbox.service.ts';

// One incident scripted through the API on a controlled clock, and every figure of its
// post-incident review checked against the times the script laid down: a request acknowledged
// and answered in time (the acknowledgement at 2 h 30 and the response at 4 h), one answered but
// never acknowledged, one late and escalated, one not yet due at closing, advice given by phone
// and confirmed in writing 2 h 50 later through Liaison's own request (which is not a message to
// a partner), and a message the sharing gate refused.

const t = testAppForFile({
  config: { signInAttemptsPerMinute: 10_000, ...sessionsLasting(30) },
  at: '2026-12-07T06:00:00Z',
});
let staff: Staff;
let orgId: string;
let manager: RequestContext;

beforeAll(async () => {
  ({ staff, orgId, manager } = await staffedOrganisation(t));
});

const at = (time: string) => t.clock.set(`2026-12-07T${time}:00Z`);
const api = (method: 'GET' | 'POST', url: string, payload?: unknown, who: SignedIn = staff.manager) =>
  requestAs(t.app, method, url, who, payload);
const ok = (method: 'GET' | 'POST', url: string, payload?: unknown, who: SignedIn = staff.manager) =>
  okAs(t.app, method, url, who, payload);
const asPartner = (link: string, path: string, payload: Record<string, unknown>) =>
  okAsPartner(t.app, tokenOf(link), path, payload);
const sweep = () => sweepMessageEscalations(t);

function consentFor(personId: string, partnerOrganisationId: string) {
  return consentToShare(t, manager, personId, {
    partnerOrganisationIds: [partnerOrganisationId],
    purposes: ['health_monitoring'],
    recordedHow: 'signed_form',
    givenOn: '2026-11-01',
    reviewOn: '2027-11-01',
  });
}

/** The thread entries of a message, by kind, oldest first. */
async function entries(messageId: string, kind: string) {
  const rows = await t.db
    .selectFrom('message_events')
    .select('id')
    .where('org_id', '=', orgId)
    .where('message_id', '=', messageId)
    .where('kind', '=', kind as never)
    .orderBy('seq')
    .execute();
  return rows.map((row) => row.id);
}
const entry = async (messageId: string, kind: string) => {
  const [id] = await entries(messageId, kind);
  if (!id) throw new Error(`no ${kind} entry on ${messageId}`);
  return id;
};

const healthRequest = (partnerOrganisationId: string, partnerContactId: string, personId: string) => ({
  template: 'request',
  askType: 'advice',
  urgency: 'urgent',
  partnerOrganisationId,
  partnerContactId,
  personId,
  purpose: 'health_monitoring',
  categories: ['identity', 'health'],
  summary: 'Since 06:30 today three of five staff are off sick and visits are running late.',
  impact: 'Visits may be up to two hours late.',
  mitigations: 'Hourly welfare checks by the day team.',
  ask: 'Please advise what monitoring is needed while visits are late.',
});

describe('the post-incident review', () => {
  it('counts each request, partner, confirmation and refusal from the threads, exactly', async () => {
    at('06:00');
    const ada = await createTestPerson(t.db, t.clock, orgId, {
      givenName: 'Ada',
      familyName: 'Okafor',
      flags: ['diabetes'],
    });
    const ben = await createTestPerson(t.db, t.clock, orgId, {
      givenName: 'Ben',
      familyName: 'Hale',
      flags: ['epilepsy'],
    });
    const cara = await createTestPerson(t.db, t.clock, orgId, { givenName: 'Cara', familyName: 'Lund' });
    const { organisation: nurses, contact: nurse } = await partnerWithContact(
      t,
      orgId,
      { name: 'Community Nursing Team', type: 'community_nurse' },
      { name: 'Nurse Grey', type: 'district_nurse' },
    );
    const { organisation: surgery, contact: gp } = await partnerWithContact(
      t,
      orgId,
      { name: 'Elm Surgery', type: 'gp' },
      { name: 'Dr Rowe' },
    );
    const { organisation: landlord, contact: officer } = await partnerWithContact(
      t,
      orgId,
      { name: 'Greenway Housing', type: 'housing' },
      { name: 'Pat Lee' },
    );
    const { organisation: council, contact: commissioner } = await partnerWithContact(
      t,
      orgId,
      { name: 'County Council', type: 'commissioner' },
      { name: 'Kim Bell' },
    );
    await consentFor(ada.id, nurses.id);
    await consentFor(ben.id, surgery.id);
    // Cara has given no consent: a message about her is refused.

    at('06:45');
    const incident = await ok('POST', '/api/incidents', {
      type: 'staffing',
      title: 'Staff shortage at Birch Court',
      summary: 'Three of five staff are off sick.',
      severity: 'major',
      startedAt: '2026-12-07T06:30:00Z',
      leadId: staff.manager.userId,
      partnerLiaisonId: staff.manager.userId,
    });
    const send = (body: Record<string, unknown>) =>
      api('POST', `/api/incidents/${incident.id}/messages`, body);

    at('07:00');
    const toNurse = await ok('POST', `/api/incidents/${incident.id}/messages`, {
      ...healthRequest(nurses.id, nurse.id, ada.id),
      subject: 'Monitoring advice',
      deadline: '2026-12-07T12:00:00Z',
    });
    at('07:10');
    const toGp = await ok('POST', `/api/incidents/${incident.id}/messages`, {
      ...healthRequest(surgery.id, gp.id, ben.id),
      subject: 'Seizure plan',
      deadline: '2026-12-07T09:00:00Z',
    });

    at('07:15');
    const refused = await send({
      ...healthRequest(surgery.id, gp.id, cara.id),
      subject: 'Breathing checks',
      deadline: '2026-12-07T10:00:00Z',
    });
    expect(refused.statusCode).toBe(403);
    const refusal = refused.json();
    expect(refusal.reasons.length).toBeGreaterThan(0);
    // A refusal for any other reason is not a gate refusal and leaves no record on the incident.
    const invalid = await send({
      ...healthRequest(surgery.id, gp.id, cara.id),
      subject: 'Breathing follow-up',
      deadline: 'soon',
    });
    expect(invalid.statusCode).toBe(400);
    const careWorker = await api(
      'POST',
      `/api/incidents/${incident.id}/messages`,
      {
        ...healthRequest(surgery.id, gp.id, cara.id),
        subject: 'Breathing follow-up',
        deadline: '2026-12-07T10:00:00Z',
      },
      staff.care_worker,
    );
    expect(careWorker.statusCode).toBe(403);

    at('07:20');
    const toHousing = await ok('POST', `/api/incidents/${incident.id}/messages`, {
      template: 'request',
      askType: 'action',
      urgency: 'urgent',
      partnerOrganisationId: landlord.id,
      partnerContactId: officer.id,
      categories: [],
      subject: 'Front door lock broken',
      summary: 'Since 06:30 today the front door lock has been broken.',
      impact: 'The building cannot be secured.',
      mitigations: 'A member of staff stays by the door.',
      ask: 'Please send a locksmith.',
      deadline: '2026-12-07T08:20:00Z',
      escalationRoute: {
        steps: [
          {
            delay: { unit: 'minutes', amount: 0 },
            target: 'remind_same_contact',
            stopsOnAcknowledgement: false,
          },
          {
            delay: { unit: 'minutes', amount: 60 },
            target: 'internal_manager',
            stopsOnAcknowledgement: false,
          },
        ],
        repeat: null,
      },
    });

    at('08:20');
    expect((await sweep()).fired).toBe(1);
    at('08:40');
    await asPartner(toGp.partnerLink, '/respond', {
      name: 'Dr Rowe',
      role: 'GP',
      kind: 'answer',
      response: 'Keep to his usual plan; call us after any seizure.',
    });
    at('09:00');
    await asPartner(toHousing.partnerLink, '/acknowledge', { name: 'Pat Lee', role: 'Housing officer' });
    at('09:20');
    expect((await sweep()).fired).toBe(1);
    at('09:30');
    await asPartner(toNurse.partnerLink, '/acknowledge', { name: 'Nurse Grey', role: 'District nurse' });
    at('10:20');
    await asPartner(toHousing.partnerLink, '/respond', {
      name: 'Pat Lee',
      role: 'Housing officer',
      kind: 'done',
      response: 'The lock has been replaced.',
    });
    at('11:00');
    await ok('POST', `/api/messages/${toNurse.id}/contacts`, {
      kind: 'call',
      how: 'phone',
      partnerName: 'Nurse Grey',
      partnerRole: 'District nurse',
      summary: 'Check blood glucose before each meal; call us if above 15.',
      occurredAt: '2026-12-07T11:00:00Z',
      outcome: 'responded',
      isAdvice: true,
      advice: 'Check blood glucose before each meal; call us if above 15.',
    });
    const advice = await t.db
      .selectFrom('advice_records')
      .selectAll()
      .where('org_id', '=', orgId)
      .where('message_id', '=', toNurse.id)
      .executeTakeFirstOrThrow();
    expect(advice.confirmation_status).toBe('requested');
    const confirmationId = advice.confirmation_message_id!;
    const confirmationEmail = await t.db
      .selectFrom('email_outbox')
      .selectAll()
      .where('org_id', '=', orgId)
      .where('subject_id', '=', confirmationId)
      .executeTakeFirstOrThrow();
    // The token waits sealed in the outbox: only the delivery step can read it back.
    const confirmationLink = /\S+\/partner#[\w-]+/.exec(
      bodyToSend(confirmationEmail, t.config.mfaKeyFile),
    )![0];
    at('11:10');
    await ok('POST', `/api/incidents/${incident.id}/records`, {
      kind: 'decision',
      occurredAt: '2026-12-07T11:10:00Z',
      decision: 'Check Ada’s glucose before each meal.',
      evidence: 'The district nurse’s advice by phone.',
      rationale: 'Late visits put her at risk of a hypo.',
      adviceIds: [advice.id],
    });
    at('13:50');
    await asPartner(confirmationLink, '/respond', {
      name: 'Nurse Grey',
      role: 'District nurse',
      kind: 'answer',
      response: 'Confirmed: check before each meal; call us if above 15.',
    });
    at('14:00');
    const toCommissioner = await ok('POST', `/api/incidents/${incident.id}/messages`, {
      template: 'request',
      askType: 'decision',
      urgency: 'routine',
      partnerOrganisationId: council.id,
      partnerContactId: commissioner.id,
      categories: [],
      subject: 'Agency cover funding',
      summary: 'Since 06:30 today three of five staff are off sick.',
      impact: 'We need agency cover for a week.',
      mitigations: 'Managers are covering visits.',
      ask: 'Please agree to fund agency cover.',
      deadline: '2026-12-08T14:00:00Z',
    });

    at('14:30');
    const closed = await ok('POST', `/api/incidents/${incident.id}/close`, {
      endedAt: '2026-12-07T14:15:00Z',
    });
    const figures = closed.figures;

    const shareRecord = await t.db
      .selectFrom('incident_records')
      .selectAll()
      .where('org_id', '=', orgId)
      .where('incident_id', '=', incident.id)
      .where('kind', '=', 'gate_refusal')
      .execute();
    expect(shareRecord).toHaveLength(1);
    const refusalRecord = shareRecord[0]!;
    expect(refusalRecord.share_id).toBe(refusal.shareId);
    const refusalAudit = await t.db
      .selectFrom('audit_events')
      .select(['action', 'actor_id'])
      .where('org_id', '=', orgId)
      .where('entity_id', '=', refusalRecord.id)
      .execute();
    expect(refusalAudit).toEqual([
      { action: 'incident.record_gate_refusal', actor_id: staff.manager.userId },
    ]);

    expect(figures.figuresVersion).toBe(2);
    expect(figures.generatedAt).toBe('2026-12-07T14:30:00.000Z');
    expect(figures.firstPartnerContact).toEqual({
      at: '2026-12-07T07:00:00.000Z',
      minutesFromStart: 30,
      partner: 'Community Nursing Team',
      messageId: toNurse.id,
    });
    expect(figures.messagesSent).toBe(4);
    expect(figures.messages).toEqual({
      toPartners: { count: 4, messageIds: [toNurse.id, toGp.id, toHousing.id, toCommissioner.id] },
      confirmationRequests: { count: 1, messageIds: [confirmationId] },
      withdrawn: { count: 0, messageIds: [] },
    });

    const noEscalation = { steps: 0, furthestTarget: null, reachedManagers: false, eventIds: [] };
    expect(figures.requests).toEqual([
      {
        messageId: toNurse.id,
        subject: 'Monitoring advice',
        template: 'request',
        partnerOrganisationId: nurses.id,
        partner: 'Community Nursing Team',
        contact: 'Nurse Grey',
        sentAt: '2026-12-07T07:00:00.000Z',
        sentEventId: await entry(toNurse.id, 'sent'),
        deadline: '2026-12-07T12:00:00.000Z',
        awaits: 'response',
        acknowledgement: {
          at: '2026-12-07T09:30:00.000Z',
          minutes: 150,
          eventId: await entry(toNurse.id, 'acknowledged'),
        },
        response: {
          at: '2026-12-07T11:00:00.000Z',
          minutes: 240,
          kind: 'responded',
          eventId: await entry(toNurse.id, 'responded'),
        },
        answered: true,
        deadlineOutcome: 'met',
        deadlineMinutes: 60,
        escalation: noEscalation,
      },
      {
        messageId: toGp.id,
        subject: 'Seizure plan',
        template: 'request',
        partnerOrganisationId: surgery.id,
        partner: 'Elm Surgery',
        contact: 'Dr Rowe',
        sentAt: '2026-12-07T07:10:00.000Z',
        sentEventId: await entry(toGp.id, 'sent'),
        deadline: '2026-12-07T09:00:00.000Z',
        awaits: 'response',
        // Answered without acknowledging: the reply does not count as an acknowledgement.
        acknowledgement: null,
        response: {
          at: '2026-12-07T08:40:00.000Z',
          minutes: 90,
          kind: 'responded',
          eventId: await entry(toGp.id, 'responded'),
        },
        answered: true,
        deadlineOutcome: 'met',
        deadlineMinutes: 20,
        escalation: noEscalation,
      },
      {
        messageId: toHousing.id,
        subject: 'Front door lock broken',
        template: 'request',
        partnerOrganisationId: landlord.id,
        partner: 'Greenway Housing',
        contact: 'Pat Lee',
        sentAt: '2026-12-07T07:20:00.000Z',
        sentEventId: await entry(toHousing.id, 'sent'),
        deadline: '2026-12-07T08:20:00.000Z',
        awaits: 'response',
        acknowledgement: {
          at: '2026-12-07T09:00:00.000Z',
          minutes: 100,
          eventId: await entry(toHousing.id, 'acknowledged'),
        },
        response: {
          at: '2026-12-07T10:20:00.000Z',
          minutes: 180,
          kind: 'done',
          eventId: await entry(toHousing.id, 'done'),
        },
        answered: true,
        deadlineOutcome: 'missed',
        deadlineMinutes: 120,
        escalation: {
          steps: 2,
          furthestTarget: 'internal_manager',
          reachedManagers: true,
          eventIds: await entries(toHousing.id, 'escalated'),
        },
      },
      {
        messageId: toCommissioner.id,
        subject: 'Agency cover funding',
        template: 'request',
        partnerOrganisationId: council.id,
        partner: 'County Council',
        contact: 'Kim Bell',
        sentAt: '2026-12-07T14:00:00.000Z',
        sentEventId: await entry(toCommissioner.id, 'sent'),
        deadline: '2026-12-08T14:00:00.000Z',
        awaits: 'response',
        acknowledgement: null,
        response: null,
        answered: false,
        deadlineOutcome: 'not_yet_due',
        deadlineMinutes: null,
        escalation: noEscalation,
      },
    ]);
    expect(figures.requests[2].escalation.eventIds).toHaveLength(2);

    const partner = (overrides: Record<string, unknown>) => ({
      acknowledged: 0,
      acknowledgementEventIds: [],
      notAcknowledgedMessageIds: [],
      firstAcknowledgementMinutes: null,
      medianMinutesToAcknowledge: null,
      responded: 0,
      responseEventIds: [],
      medianMinutesToRespond: null,
      slowestMinutesToRespond: null,
      notResponded: 0,
      notRespondedMessageIds: [],
      deadlinesMetMessageIds: [],
      deadlinesMissedMessageIds: [],
      notYetDueMessageIds: [],
      furthestEscalation: null,
      messages: 1,
      ...overrides,
    });
    expect(figures.partners).toEqual([
      partner({
        partnerOrganisationId: nurses.id,
        name: 'Community Nursing Team',
        messageIds: [toNurse.id],
        firstContactAt: '2026-12-07T07:00:00.000Z',
        acknowledged: 1,
        acknowledgementEventIds: [await entry(toNurse.id, 'acknowledged')],
        firstAcknowledgementMinutes: 150,
        // 2 h 30 and 4 h: the confirmation request to the same nurse is not mixed in.
        medianMinutesToAcknowledge: 150,
        responded: 1,
        responseEventIds: [await entry(toNurse.id, 'responded')],
        medianMinutesToRespond: 240,
        slowestMinutesToRespond: 240,
        deadlinesMetMessageIds: [toNurse.id],
      }),
      partner({
        partnerOrganisationId: surgery.id,
        name: 'Elm Surgery',
        messageIds: [toGp.id],
        firstContactAt: '2026-12-07T07:10:00.000Z',
        notAcknowledgedMessageIds: [toGp.id],
        responded: 1,
        responseEventIds: [await entry(toGp.id, 'responded')],
        medianMinutesToRespond: 90,
        slowestMinutesToRespond: 90,
        deadlinesMetMessageIds: [toGp.id],
      }),
      partner({
        partnerOrganisationId: landlord.id,
        name: 'Greenway Housing',
        messageIds: [toHousing.id],
        firstContactAt: '2026-12-07T07:20:00.000Z',
        acknowledged: 1,
        acknowledgementEventIds: [await entry(toHousing.id, 'acknowledged')],
        firstAcknowledgementMinutes: 100,
        medianMinutesToAcknowledge: 100,
        responded: 1,
        responseEventIds: [await entry(toHousing.id, 'done')],
        medianMinutesToRespond: 180,
        slowestMinutesToRespond: 180,
        deadlinesMissedMessageIds: [toHousing.id],
        furthestEscalation: 'internal_manager',
      }),
      partner({
        partnerOrganisationId: council.id,
        name: 'County Council',
        messageIds: [toCommissioner.id],
        firstContactAt: '2026-12-07T14:00:00.000Z',
        notAcknowledgedMessageIds: [toCommissioner.id],
        notResponded: 1,
        notRespondedMessageIds: [toCommissioner.id],
        notYetDueMessageIds: [toCommissioner.id],
      }),
    ]);
    expect(figures.escalated).toEqual([
      {
        messageId: toHousing.id,
        subject: 'Front door lock broken',
        partner: 'Greenway Housing',
        stepsFired: 2,
        furthestTarget: 'internal_manager',
        reachedManagers: true,
        answered: true,
        eventIds: await entries(toHousing.id, 'escalated'),
      },
    ]);
    expect(figures.nonResponses).toEqual([
      {
        messageId: toCommissioner.id,
        subject: 'Agency cover funding',
        partner: 'County Council',
        contact: 'Kim Bell',
        sentAt: '2026-12-07T14:00:00.000Z',
        deadline: '2026-12-08T14:00:00.000Z',
        acknowledged: false,
        deadlineOutcome: 'not_yet_due',
        deadlineMinutes: null,
      },
    ]);
    expect(figures.writtenConfirmation).toEqual([
      {
        adviceId: advice.id,
        givenBy: 'Nurse Grey, District nurse',
        partner: 'Community Nursing Team',
        givenAt: '2026-12-07T11:00:00.000Z',
        receivedHow: 'phone',
        status: 'confirmed',
        confirmedAt: '2026-12-07T13:50:00.000Z',
        minutesToConfirm: 170,
        messageId: toNurse.id,
        confirmationMessageId: confirmationId,
        eventIds: [
          await entry(toNurse.id, 'advice_recorded'),
          await entry(toNurse.id, 'confirmation_requested'),
          await entry(toNurse.id, 'confirmation_received'),
        ],
      },
    ]);
    expect(figures.medianMinutesToWrittenConfirmation).toBe(170);
    expect(figures.gateRefusals).toEqual([
      {
        recordId: refusalRecord.id,
        shareId: refusal.shareId,
        at: '2026-12-07T07:15:00.000Z',
        by: expect.any(String),
        person: 'Cara Lund',
        partner: 'Elm Surgery',
        contact: 'Dr Rowe',
        purpose: 'health_monitoring',
        reasons: refusal.reasons.map((reason: { code: string; message: string }) => ({
          code: reason.code,
          message: reason.message,
        })),
      },
    ]);
    expect(figures.gateRefusals[0].by).not.toBe('Former member of staff');
    expect(figures.decisions).toEqual([
      expect.objectContaining({
        advice: [
          expect.objectContaining({ adviceId: advice.id, confirmation: 'confirmed', receivedHow: 'phone' }),
        ],
      }),
    ]);

    // The timeline and the decision log show the refusal.
    const timeline = (await ok('GET', `/api/incidents/${incident.id}/timeline`)).items;
    const refusalEntry = timeline.find((each: { kind: string }) => each.kind === 'gate_refusal');
    expect(refusalEntry).toMatchObject({
      at: '2026-12-07T07:15:00.000Z',
      personId: cara.id,
      messageId: null,
    });
    expect(refusalEntry.text).toContain(
      'The sharing gate refused a message to Dr Rowe (Elm Surgery) about Cara Lund',
    );
    expect(refusalEntry.text).toContain(refusal.reasons[0].message);
    const records = (await ok('GET', `/api/incidents/${incident.id}/records`)).items;
    expect(records.filter((each: { kind: string }) => each.kind === 'gate_refusal')).toEqual([
      expect.objectContaining({ id: refusalRecord.id, shareId: refusal.shareId }),
    ]);

    // The export says the same, in words where there is nothing to measure.
    const html = (await api('GET', `/api/incidents/${incident.id}/review.html`)).body;
    for (const sentence of [
      'Messages sent to partners: 4.',
      'Requests for written confirmation of advice, sent by Liaison: 1 (not counted as messages to partners).',
      'Community Nursing Team: 1 message; acknowledged 1 of 1 (first after 2 h 30 min, median 2 h 30 min); responded 1 of 1 (median 4 h, slowest 4 h); deadlines: 1 met.',
      'Elm Surgery: 1 message; no acknowledgement; responded 1 of 1 (median 1 h 30 min, slowest 1 h 30 min); deadlines: 1 met.',
      'Greenway Housing: 1 message; acknowledged 1 of 1 (first after 1 h 40 min, median 1 h 40 min); responded 1 of 1 (median 3 h, slowest 3 h); deadlines: 1 missed.',
      'County Council: 1 message; no acknowledgement; no response; 1 still waiting for an answer; deadlines: 1 not yet due at closing.',
      '&quot;Seizure plan&quot; to Dr Rowe (Elm Surgery), sent 7 December 2026 at 07:10: no acknowledgement; responded after 1 h 30 min; due 7 December 2026 at 09:00: met with 20 min to spare; not escalated.',
      '&quot;Front door lock broken&quot; to Pat Lee (Greenway Housing), sent 7 December 2026 at 07:20: acknowledged after 1 h 40 min; done after 3 h; due 7 December 2026 at 08:20: missed by 2 h; escalated 2 steps, as far as the manager.',
      '&quot;Agency cover funding&quot; to Kim Bell (County Council), sent 7 December 2026 at 14:00: no acknowledgement; no response; due 8 December 2026 at 14:00: not yet due at closing; not escalated.',
      'Nurse Grey, District nurse (Community Nursing Team), phone, 7 December 2026 at 11:00: confirmed in writing after 2 h 50 min (7 December 2026 at 13:50).',
      'about Cara Lund, for health monitoring, was not sent.',
    ]) {
      expect(html).toContain(sentence);
    }
    expect(html).toContain(`/messages/${toGp.id}">Open the thread</a>`);
    expect(html).not.toMatch(/: 0 min|—|\b0 (met|missed|not yet due|of)\b/);
    const pdf = await api('GET', `/api/incidents/${incident.id}/review.pdf`);
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');

    // Sent just before closing and not yet due: not "never answered".
    expect(html).toContain('<h2>Requests not yet due at closing</h2>');
    expect(html).toMatch(
      /<h2>Requests never answered<\/h2>\n<ul>\n {2}<li>None: every request due was answered.<\/li>/,
    );
    // The export carries the timeline up to closing, and says nothing has happened since.
    expect(html).toContain('<h2>Timeline to closing</h2>');
    expect(html).toContain('7 December 2026 at 11:10: Decision: Check Ada’s glucose before each meal.');
    expect(html).toContain('Nothing has happened on the incident since it closed.');

    // Frozen at closing: the commissioner's later acknowledgement does not change the figures; it
    // is shown on its own, since closing, on the page and in the export.
    at('16:00');
    await asPartner(toCommissioner.partnerLink, '/acknowledge', { name: 'Kim Bell', role: 'Commissioner' });
    const later = await ok('GET', `/api/incidents/${incident.id}/review`);
    expect(later.figures).toEqual(figures);
    expect(later.closedAt).toBe('2026-12-07T14:30:00.000Z');
    expect(later.sinceClosing).toEqual([
      expect.objectContaining({
        at: '2026-12-07T16:00:00.000Z',
        kind: 'message.acknowledged',
        messageId: toCommissioner.id,
        who: 'Kim Bell',
      }),
    ]);
    const laterHtml = (await api('GET', `/api/incidents/${incident.id}/review.html`)).body;
    expect(laterHtml).toContain('<h2>Since closing</h2>');
    expect(laterHtml).toContain(
      '7 December 2026 at 16:00: Partner acknowledged: &quot;Agency cover funding&quot; (County Council) (by Kim Bell)',
    );
    // Still counted as it stood at closing.
    expect(laterHtml).toContain('deadlines: 1 not yet due at closing.');
  });

  it('still shows a review closed before the figures came from the threads, as it was kept', async () => {
    at('17:00');
    const incident = await ok('POST', '/api/incidents', {
      type: 'power',
      title: 'Power cut',
      summary: 'No power on the estate.',
      severity: 'minor',
      startedAt: '2026-12-07T16:00:00Z',
      leadId: staff.manager.userId,
      partnerLiaisonId: staff.manager.userId,
    });
    await ok('POST', `/api/incidents/${incident.id}/close`, { confirmOutstanding: true });
    const earlier = {
      generatedAt: '2026-12-07T17:00:00.000Z',
      incident: {
        title: 'Power cut',
        type: 'power',
        severity: 'minor',
        startedAt: '2026-12-07T16:00:00.000Z',
        endedAt: '2026-12-07T17:00:00.000Z',
        durationMinutes: 60,
      },
      people: { total: 0, high: 0, medium: 0, low: 0 },
      firstPartnerContact: null,
      messagesSent: 2,
      partners: [],
      escalated: [],
      nonResponses: [],
      decisions: [],
      measures: [],
    };
    await t.db
      .updateTable('incidents')
      .set({ review: JSON.stringify(earlier) })
      .where('org_id', '=', orgId)
      .where('id', '=', incident.id)
      .execute();
    expect((await ok('GET', `/api/incidents/${incident.id}/review`)).figures).toEqual(earlier);
    const html = await api('GET', `/api/incidents/${incident.id}/review.html`);
    expect(html.statusCode).toBe(200);
    expect(html.body).toContain('Messages sent: 2.');
    expect(html.body).toContain('before the figures came from each message’s thread');
  });
});
