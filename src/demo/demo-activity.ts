import {
  confirmAdviceFromMessage,
  recordAdviceFromMessage,
  recordCarePlanAmendment,
} from '../advice/advice.service.ts';
import { inLondon } from '../calendar/london-time.ts';
import { type Clock, ManualClock } from '../clock.ts';
import type { RequestContext } from '../context.ts';
import type { Db } from '../db/database.ts';
import { closeIncident } from '../incidents/incident-closing.service.ts';
import { addLearningAction } from '../incidents/incident-learning-actions.service.ts';
import { addMeasure, endMeasure } from '../incidents/incident-measures.service.ts';
import { sendIncidentMessage } from '../incidents/incident-messages.service.ts';
import { addAffectedPeople, adjustAffectedPerson } from '../incidents/incident-people.service.ts';
import { addRecord } from '../incidents/incident-records.service.ts';
import {
  addMeasureBody,
  addPeopleBody,
  addRecordBody,
  adjustPersonBody,
  createIncidentBody,
} from '../incidents/incidents.schemas.ts';
import { createIncident } from '../incidents/incidents.service.ts';
import { logContact } from '../partner-messages/message-lifecycle.service.ts';
import { logContactBody, sendMessageBody } from '../partner-messages/partner-messages.schemas.ts';
import { sendMessage } from '../partner-messages/partner-messages.service.ts';
import { actAsPartner } from '../partner-messages/partner-page.service.ts';
import type { StaffRole } from '../users/users.table.ts';
import type { MessagingConfig } from './demo.ts';
import type { DemoRegister } from './demo-register.ts';

// What the demo organisation has been doing lately, so that every screen has something to show:
// partner messages in each state (answered with advice, unacknowledged, overdue and about to be
// escalated, advice by phone awaiting written confirmation) and two incidents (one closed and
// reviewed, one in progress). Everything goes through the feature services, dated back from the
// load on a ManualClock, so each record has its audit entry and the times agree with each other.
// People and partners are the fictional ones of demo-register.ts.

export type DemoActivityStaff = Record<
  Extract<StaffRole, 'care_worker' | 'manager' | 'registered_manager'>,
  string
>;

/** Subjects and titles the demo's test and guides refer to. */
export const demoActivity = {
  answeredRequest: 'Nosebleeds while taking an anticoagulant',
  unacknowledgedUpdate: 'Settling in well after his room move',
  overdueRequest: 'Visit needed to assess a wound',
  adviceByPhone: 'Blood sugar higher since new tablets',
  closedIncident: 'Power cut at Millbrook Supported Living',
  openIncident: 'Heating failure at Riverside House',
} as const;

const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;
const DAY_MS = 24 * HOUR_MS;

export async function loadDemoActivity(
  db: Db,
  options: {
    orgId: string;
    staff: DemoActivityStaff;
    register: DemoRegister;
    clock: Clock;
    config: MessagingConfig;
  },
): Promise<void> {
  const { orgId, staff, register, config } = options;
  const { publicUrl } = config;
  const now = options.clock.now().getTime();
  const story = new ManualClock(new Date(now));
  /** The story's clock, set to `ms` before the load. */
  const before = (ms: number): Clock => {
    story.set(new Date(now - ms));
    return story;
  };
  const iso = (ms: number) => new Date(now - ms).toISOString();
  const as = (role: keyof DemoActivityStaff): RequestContext => ({
    orgId,
    actor: { type: 'user', id: staff[role], role },
    requestId: null,
    ip: null,
  });
  const contact = (key: string) => {
    const found = register.contacts.get(key);
    if (!found) throw new Error(`The demo register has no contact "${key}".`);
    return found;
  };
  const person = (givenName: string) => {
    const found = register.people.get(givenName);
    if (!found) throw new Error(`The demo has nobody called ${givenName}.`);
    return found;
  };
  const careService = (key: string) => {
    const found = register.careServices.get(key);
    if (!found) throw new Error(`The demo has no care service "${key}".`);
    return found;
  };
  const settings = (ms: number) => ({ clock: before(ms), config });
  /** The partner's side of a secure link: the token is the part of the address after #. */
  const partner = (link: string) => ({ token: link.slice(link.indexOf('#') + 1), requestId: null, ip: null });
  const partnerOptions = {
    recordAdvice: recordAdviceFromMessage,
    confirmAdvice: confirmAdviceFromMessage,
    links: { publicUrl, keyFile: config.mfaKeyFile },
  };

  // (a) Yesterday a care worker asked Wilfred's GP for advice; she acknowledged it and answered
  // through her link, and the advice went into his care plan.
  const gp = contact('marchbank');
  const askedGp = await sendMessage(
    db,
    as('care_worker'),
    sendMessageBody.parse({
      template: 'request',
      askType: 'advice',
      urgency: 'routine',
      partnerOrganisationId: gp.partnerOrganisationId,
      partnerContactId: gp.id,
      personId: person('Wilfred'),
      purpose: 'health_monitoring',
      categories: ['identity', 'health'],
      subject: demoActivity.answeredRequest,
      summary:
        'Wilfred has had two nosebleeds: the first two days ago lasted about 10 minutes, the second this morning about 15 minutes. Both stopped with pressure.',
      impact:
        'He takes apixaban, so a bleed may last longer. He becomes distressed during a nosebleed and tries to lie down.',
      mitigations:
        'Staff sit him upright and leaning forward, pinch the soft part of his nose, and write down how long each bleed lasts. There has been no bleeding from anywhere else.',
      ask: 'Please advise within 24 hours whether his apixaban should be reviewed, and when we should get urgent help for a nosebleed.',
      deadline: iso(2 * HOUR_MS),
    }),
    settings(26 * HOUR_MS),
  );
  await actAsPartner(
    db,
    partner(askedGp.partnerLink),
    { kind: 'acknowledged', name: 'Dr Helena Marchbank', role: 'GP Partner' },
    before(25 * HOUR_MS),
    partnerOptions,
  );
  const gpAdvice =
    'Keep giving apixaban as prescribed. For a nosebleed, sit him up leaning forward and pinch the soft part of his nose for 10 to 15 minutes. If it has not stopped after 20 minutes, or he is pale, dizzy or short of breath, call 999. I will review his medicines at my visit next week.';
  await actAsPartner(
    db,
    partner(askedGp.partnerLink),
    {
      kind: 'respond',
      name: 'Dr Helena Marchbank',
      role: 'GP Partner',
      responseKind: 'advice',
      response: gpAdvice,
    },
    before(23 * HOUR_MS),
    partnerOptions,
  );
  const wilfredAdvice = await db
    .selectFrom('advice_records')
    .select('id')
    .where('org_id', '=', orgId)
    .where('message_id', '=', askedGp.id)
    .executeTakeFirstOrThrow();
  await recordCarePlanAmendment(db, as('manager'), {
    personId: person('Wilfred'),
    amendment: {
      adviceId: wilfredAdvice.id,
      whatChanged:
        'Nosebleed plan added: upright and leaning forward, 10 to 15 minutes of pressure, 999 if it lasts over 20 minutes or he is pale, dizzy or short of breath.',
      why: 'Advice from his GP, who also said to keep giving his apixaban.',
    },
    clock: before(22 * HOUR_MS),
  });

  // (b) A routine update to Stanley's social worker this morning, not yet acknowledged.
  const socialWorker = contact('delacourt-hine');
  await sendMessage(
    db,
    as('manager'),
    sendMessageBody.parse({
      template: 'update',
      urgency: 'routine',
      partnerOrganisationId: socialWorker.partnerOrganisationId,
      partnerContactId: socialWorker.id,
      personId: person('Stanley'),
      purpose: 'care_coordination',
      categories: ['identity', 'care_plan'],
      subject: demoActivity.unacknowledgedUpdate,
      summary:
        'Stanley moved to a ground-floor room three days ago, as agreed at his review. He is sleeping better and is using the garden every afternoon.',
      body: 'Nothing is needed from you now. We will go through how he is getting on at his next review.',
    }),
    settings(5 * HOUR_MS),
  );

  // (c) An urgent request to Harold's district nurse, sent four hours ago with a deadline 90
  // minutes later that passed without a reply. Its escalation steps that have fallen due since
  // fire when the server starts, putting it on the managers' "needs attention" list.
  const districtNurse = contact('penhallow');
  await sendMessage(
    db,
    as('manager'),
    sendMessageBody.parse({
      template: 'request',
      askType: 'action',
      urgency: 'urgent',
      partnerOrganisationId: districtNurse.partnerOrganisationId,
      partnerContactId: districtNurse.id,
      personId: person('Harold'),
      purpose: 'health_monitoring',
      categories: ['identity', 'health'],
      subject: demoActivity.overdueRequest,
      summary:
        'An hour ago, at his morning check, staff found a new area of broken skin on Harold’s lower back, about 2 cm across and weeping.',
      impact:
        'He sits in his chair for most of the day because of his breathing, so the wound is likely to get worse without a dressing and pressure care plan.',
      mitigations:
        'Staff help him change position every 2 hours, he is lying on his side on his pressure-relieving mattress, and the area is covered with a clean non-stick dressing.',
      ask: 'Please visit Harold within 90 minutes to assess the wound and leave a dressing and pressure care plan.',
      deadline: iso(150 * MINUTE_MS),
    }),
    settings(4 * HOUR_MS),
  );

  // (d) Priya's diabetes nurse phoned back with advice; it is waiting for written confirmation,
  // which Liaison asked her for through a link of its own.
  const diabetesNurse = contact('ellingworth');
  const askedNurse = await sendMessage(
    db,
    as('manager'),
    sendMessageBody.parse({
      template: 'request',
      askType: 'advice',
      urgency: 'routine',
      partnerOrganisationId: diabetesNurse.partnerOrganisationId,
      partnerContactId: diabetesNurse.id,
      personId: person('Priya'),
      purpose: 'health_monitoring',
      categories: ['identity', 'health'],
      subject: demoActivity.adviceByPhone,
      summary:
        'Since her new tablets started three days ago, Priya’s blood sugar has been above 15 at four of her checks. She says she feels well.',
      impact: 'We do not know how often to check her blood sugar now, or at what reading to get help.',
      mitigations: 'Staff check her blood sugar before breakfast and write every reading in her diary.',
      ask: 'Please advise within two days how often we should check her blood sugar, and at what reading we should call her GP.',
      deadline: iso(-18 * HOUR_MS),
    }),
    settings(30 * HOUR_MS),
  );
  await logContact(
    db,
    as('manager'),
    askedNurse.id,
    logContactBody.parse({
      kind: 'call',
      how: 'phone',
      partnerName: 'Martha Ellingworth',
      partnerRole: 'Diabetes Specialist Nurse',
      summary:
        'Check Priya’s blood sugar before breakfast and before her evening meal for the next week. If it is above 20, or she is very thirsty, drowsy or confused, call her GP the same day (NHS 111 out of hours). I will see her at clinic next week.',
      occurredAt: iso(21 * HOUR_MS),
      outcome: 'responded',
      isAdvice: true,
      advice:
        'Check Priya’s blood sugar before breakfast and before her evening meal for the next week. If it is above 20, or she is very thirsty, drowsy or confused, call her GP the same day (NHS 111 out of hours).',
    }),
    settings(20 * HOUR_MS),
    recordAdviceFromMessage,
  );

  await loadClosedIncident(db, {
    now,
    as,
    before,
    iso,
    contact,
    careService,
    staff,
    publicUrl,
    config,
    partner,
  });
  await loadOpenIncident(db, { as, before, iso, person, careService, staff });
}

type Story = {
  as: (role: keyof DemoActivityStaff) => RequestContext;
  before: (ms: number) => Clock;
  iso: (ms: number) => string;
  careService: (key: string) => string;
  staff: DemoActivityStaff;
};

/**
 * Nine days ago the power went off at Millbrook Supported Living for five hours. The landlord was
 * told and answered; the staff decided everyone should stay at home; the incident was closed the
 * next day and its review worked out.
 */
async function loadClosedIncident(
  db: Db,
  story: Story & {
    now: number;
    contact: (key: string) => { id: string; partnerOrganisationId: string };
    publicUrl: string;
    config: MessagingConfig;
    partner: (link: string) => { token: string; requestId: null; ip: null };
  },
) {
  const { as, before, iso, staff } = story;
  const start = 9 * DAY_MS;
  const minutesIn = (minutes: number) => start - minutes * MINUTE_MS;
  const lead = as('manager');
  const incident = await createIncident(db, lead, {
    incident: createIncidentBody.parse({
      type: 'power',
      title: demoActivity.closedIncident,
      summary:
        'The power went off in the whole building. Lights, heating, the lift and the door entry system are not working. The electricity network says the fault is on the landlord’s side.',
      severity: 'moderate',
      startedAt: iso(start),
      careServiceIds: [story.careService('living')],
      leadId: staff.manager,
      partnerLiaisonId: staff.registered_manager,
    }),
    clock: before(minutesIn(10)),
  });
  await addAffectedPeople(db, lead, {
    incidentId: incident.id,
    ...addPeopleBody.parse({ careServiceIds: [story.careService('living')] }),
    clock: before(minutesIn(15)),
  });
  const lamps = await addMeasure(db, lead, {
    incidentId: incident.id,
    measure: addMeasureBody.parse({
      kind: 'temporary_equipment',
      description: 'Battery lamps in every flat and on the stairs; torches for the night staff.',
      ownerId: staff.manager,
      startsAt: iso(minutesIn(25)),
    }),
    clock: before(minutesIn(30)),
  });
  const landlord = story.contact('trevelyan-cole');
  const update = await sendIncidentMessage(db, as('registered_manager'), {
    incidentId: incident.id,
    message: sendMessageBody.parse({
      template: 'incident_update',
      urgency: 'urgent',
      partnerOrganisationId: landlord.partnerOrganisationId,
      partnerContactId: landlord.id,
      subject: 'Power cut at 22–28 Canal Street',
      summary:
        'The power went off in the whole building 30 minutes ago. The electricity network says the fault is inside the building, on your side.',
      impact:
        'Ten people we support live there. The lift and the door entry system are not working, and two of them cannot manage the stairs.',
      mitigations:
        'Staff are on site with battery lamps and are checking each resident every hour. Nobody needs to leave the building.',
      body: 'Please confirm that you have received this and tell us when your electrician will arrive.',
      deadline: iso(minutesIn(90)),
    }),
    ...{ clock: before(minutesIn(35)), config: story.config },
  });
  const partnerOptions = {
    recordAdvice: recordAdviceFromMessage,
    confirmAdvice: confirmAdviceFromMessage,
    links: { publicUrl: story.config.publicUrl, keyFile: story.config.mfaKeyFile },
  };
  await actAsPartner(
    db,
    story.partner(update.partnerLink),
    { kind: 'acknowledged', name: 'Sian Trevelyan-Cole', role: 'Housing Officer' },
    before(minutesIn(50)),
    partnerOptions,
  );
  await actAsPartner(
    db,
    story.partner(update.partnerLink),
    {
      kind: 'respond',
      name: 'Sian Trevelyan-Cole',
      role: 'Housing Officer',
      responseKind: 'answer',
      response: 'Our emergency electrician is on the way and will be with you within 2 hours.',
    },
    before(minutesIn(65)),
    partnerOptions,
  );
  await addRecord(db, lead, {
    incidentId: incident.id,
    record: addRecordBody.parse({
      kind: 'decision',
      occurredAt: iso(minutesIn(75)),
      decision: 'Everyone stays at home tonight; nobody moves to Riverside House.',
      evidence:
        'The electrician arrives within 2 hours. The flats are still at 20 °C. Nobody depends on powered medical equipment.',
      rationale:
        'Moving people at night would be more upsetting and riskier than staying at home with lamps and hourly checks.',
    }),
    clock: before(minutesIn(80)),
  });
  await endMeasure(db, lead, {
    incidentId: incident.id,
    measureId: lamps.id,
    ...{ endedAt: iso(minutesIn(5 * 60 + 10)) },
    clock: before(minutesIn(5 * 60 + 15)),
  });
  await closeIncident(db, lead, {
    incidentId: incident.id,
    ...{
      endedAt: iso(minutesIn(5 * 60)),
      findings:
        'The landlord answered within half an hour and the power was back after five hours. The battery lamps were in a locked cupboard and took 20 minutes to find.',
    },
    // The power was back before the other proposed updates were needed: the manager closes it
    // knowing they were not sent, as the page asks them to confirm.
    confirmOutstanding: true,
    clock: before(start - DAY_MS),
  });
  const dueOn = inLondon(new Date(story.now + 14 * DAY_MS)).toISODate() ?? '';
  await addLearningAction(db, lead, {
    incidentId: incident.id,
    action: {
      action: 'Keep the battery lamps in the staff office and check them every month.',
      ownerId: staff.manager,
      dueOn,
    },
    clock: before(start - DAY_MS - 10 * MINUTE_MS),
  });
}

/**
 * Three hours ago the heating failed at Riverside House. Everyone there is on the incident,
 * ranked by risk; the lead has set an observation plan for Harold, heaters are in place and the
 * first readings are in. The partner updates it proposes are left for the lead to send.
 */
async function loadOpenIncident(db: Db, story: Story & { person: (givenName: string) => string }) {
  const { as, before, iso, staff } = story;
  const start = 3 * HOUR_MS;
  const minutesIn = (minutes: number) => start - minutes * MINUTE_MS;
  const lead = as('registered_manager');
  const incident = await createIncident(db, lead, {
    incident: createIncidentBody.parse({
      type: 'heating',
      title: demoActivity.openIncident,
      summary:
        'The boiler stopped overnight and the night staff found the radiators cold. The heating engineer cannot come until this afternoon.',
      severity: 'major',
      startedAt: iso(start),
      careServiceIds: [story.careService('house')],
      locations: ['Lounge and dining room', 'First-floor bedrooms'],
      leadId: staff.registered_manager,
      partnerLiaisonId: staff.manager,
    }),
    clock: before(minutesIn(10)),
  });
  await addAffectedPeople(db, lead, {
    incidentId: incident.id,
    ...addPeopleBody.parse({ careServiceIds: [story.careService('house')] }),
    clock: before(minutesIn(15)),
  });
  await adjustAffectedPerson(db, lead, {
    incidentId: incident.id,
    personId: story.person('Harold'),
    ...adjustPersonBody.parse({
      observationPlan:
        'Check his breathing and room temperature every hour. Call 999 if he is struggling to breathe or his lips look blue.',
    }),
    clock: before(minutesIn(25)),
  });
  await addMeasure(db, lead, {
    incidentId: incident.id,
    measure: addMeasureBody.parse({
      kind: 'temporary_equipment',
      description:
        'Six oil-filled heaters, borrowed from the home care office, in the bedrooms of those at high risk.',
      ownerId: staff.manager,
      startsAt: iso(minutesIn(40)),
    }),
    clock: before(minutesIn(45)),
  });
  for (const [minutes, location, value] of [
    [30, 'Lounge', 15.5],
    [32, 'First-floor corridor', 14],
    [100, 'Lounge', 17],
  ] as const) {
    await addRecord(db, as('care_worker'), {
      incidentId: incident.id,
      record: addRecordBody.parse({
        kind: 'reading',
        occurredAt: iso(minutesIn(minutes)),
        location,
        measure: 'room temperature',
        value,
        unit: '°C',
      }),
      clock: before(minutesIn(minutes + 2)),
    });
  }
}
