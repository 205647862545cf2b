import { describeMoment } from '../calendar/london-time.ts';
import type { Clock } from '../clock.ts';
import type { Config } from '../config.ts';
import type { RequestContext } from '../context.ts';
import type { Db, Executor } from '../db/database.ts';
import { AppError } from '../errors.ts';
import type { SendMessageInput } from '../partner-messages/partner-messages.schemas.ts';
import { sendMessage } from '../partner-messages/partner-messages.service.ts';
import { type PartnerType, partnerRoleInSentence } from '../partners/partners.table.ts';
import { listMeasures } from './incident-measures.service.ts';
import { rankedAffectedPeople } from './incident-people.service.ts';
import { recordGateRefusal } from './incident-records.service.ts';
import * as incidentsRepository from './incidents.repository.ts';
import { findIncident } from './incidents.service.ts';
import { clinicalPartners, isPropertyIncident } from './risk.ts';

// Partner updates from the incident: the messages it needs, proposed for the lead to review, and
// sending one through the sharing gate and the message rules.

type Proposal = {
  key: string;
  /** What is asked, in a few words: "Repair needed", "Advice needed". */
  headline: string;
  why: string;
  alreadySent: boolean;
  /** The message already sent from the incident to this contact about this person, if any. */
  sentMessageId: string | null;
  personName: string | null;
  partnerOrganisationName: string;
  partnerContactName: string;
  draft: SendMessageInput;
};

/**
 * The partner updates and requests the incident needs, prefilled from it, for the lead to review,
 * edit and send: for each affected person at high or medium risk, the member of their circle
 * who can advise on what puts them at risk (the district nurse for a person with diabetes…) and,
 * when the property has failed, their housing provider; and organisation-level partners: the
 * housing provider for a property failure, and the commissioner for a major or critical
 * incident. In the order to send them: the property repair first, then the urgent requests about
 * people at high risk, the routine ones, and the commissioner's update. Nothing is sent until the
 * lead sends it.
 */
export async function proposeMessages(
  db: Executor,
  context: RequestContext,
  options: { incidentId: string; clock: Clock },
) {
  const { incidentId } = options;
  const at = options.clock.now();
  const incident = await findIncident(db, context, { incidentId });
  const ranked = (await rankedAffectedPeople(db, context, incidentId)).filter(
    (each) => each.person.level !== 'low',
  );
  const affected = ranked.map((each) => each.person);
  const personIds = affected.map((person) => person.personId);
  const flagsOf = new Map(ranked.map((each) => [each.person.personId, each.clinicalFlags]));
  const circles = await incidentsRepository.listCircles(db, context.orgId, personIds);
  const sent = await incidentsRepository.listSentMessages(db, context.orgId, incidentId);
  const sentTo = (contactId: string, personId: string | null) =>
    sent.find((message) => message.partner_contact_id === contactId && message.person_id === personId)?.id ??
    null;

  const property = isPropertyIncident(incident.type);
  const since = describeMoment(incident.started_at);
  const proposals: Proposal[] = [];
  const deadlineAt = (urgent: boolean) => new Date(at.getTime() + (urgent ? 2 : 24) * 3_600_000);
  const deadlineFor = (urgent: boolean) => deadlineAt(urgent).toISOString();
  const describeDeadline = (urgent: boolean) => describeMoment(deadlineAt(urgent));
  const measures = await listMeasures(db, context, { incidentId });
  const generalMeasures = measures.filter((measure) => !measure.personId && !measure.endedAt);

  for (const person of affected) {
    const flags = flagsOf.get(person.personId) ?? [];
    // By the contact's professional type in the register, never by the label their place in the
    // circle was given: a mental health nurse filed under "community nurse" is not asked about
    // breathing. The types each condition wants are tried in order (a district nurse before a GP
    // for diabetes).
    const wanted = [...new Set(flags.flatMap((flag) => clinicalPartners[flag] ?? []))];
    const circle = circles.filter((member) => member.person_id === person.personId);
    const clinical = wanted
      .map((type) => circle.find((member) => member.contact_type === type))
      .find((member) => member !== undefined);
    const housing = property
      ? circle.find((member) => member.contact_type === 'housing' || member.partner_type === 'housing')
      : undefined;
    const personMeasures = measures.filter(
      (measure) => measure.personId === person.personId && !measure.endedAt,
    );
    const mitigations = [...personMeasures, ...generalMeasures]
      .map((measure) => measure.description)
      .join(' ');
    const urgent = person.level === 'high';
    for (const [member, purpose, askType] of [
      [clinical, 'health_monitoring', 'advice'],
      [housing, 'housing', 'action'],
    ] as const) {
      if (!member?.contact_email) continue;
      proposals.push({
        key: `person:${person.personId}:${member.contact_id}`,
        headline: askType === 'advice' ? 'Advice needed' : 'Repair date, and whether to move',
        why: `${person.name} is at ${person.level} risk (${person.reasons[0]?.reason ?? ''}) and ${member.contact_name} is their ${partnerRoleInSentence[member.contact_type]}.`,
        alreadySent: sentTo(member.contact_id, person.personId) !== null,
        sentMessageId: sentTo(member.contact_id, person.personId),
        personName: person.name,
        partnerOrganisationName: member.partner_name,
        partnerContactName: member.contact_name,
        draft: {
          template: 'request',
          askType,
          urgency: urgent ? 'urgent' : 'routine',
          partnerOrganisationId: member.partner_id,
          partnerContactId: member.contact_id,
          personId: person.personId,
          purpose,
          categories: purpose === 'housing' ? ['identity'] : ['identity', 'health'],
          subject: `${incident.title}: ${askType === 'advice' ? 'advice needed' : 'action needed'}`,
          summary: `Since ${since}: ${incident.summary}`,
          impact: `${person.name} is at ${person.level} risk during this disruption. ${person.reasons
            .filter((reason) => reason.points > 0)
            .map((reason) => reason.reason)
            .join(' ')}`.trim(),
          mitigations: mitigations || 'We are increasing checks while we work out what is needed.',
          ask:
            askType === 'advice'
              ? `Please advise by ${describeDeadline(urgent)} what monitoring ${person.name} needs during this disruption, and when we should call you.${person.observationPlan ? ` Our interim plan: ${person.observationPlan}` : ''}`
              : `Please tell us by ${describeDeadline(urgent)} when the repair will be done, in writing, and whether ${person.name} should move in the meantime.`,
          deadline: deadlineFor(urgent),
        },
      });
    }
  }

  // Organisation-level partners.
  const organisationTypes: PartnerType[] = [
    ...(property ? (['housing'] as const) : []),
    ...(incident.severity === 'major' || incident.severity === 'critical' ? (['commissioner'] as const) : []),
  ];
  if (organisationTypes.length > 0) {
    const partners = await incidentsRepository.listPartnersOfTypes(db, context.orgId, organisationTypes);
    const seen = new Set<string>();
    for (const partner of partners) {
      if (seen.has(partner.partner_id) || seen.size >= 10) continue;
      seen.add(partner.partner_id);
      const isHousing = partner.partner_type === 'housing';
      proposals.push({
        key: `organisation:${partner.partner_id}:${partner.contact_id}`,
        headline: isHousing ? 'Repair needed' : 'Incident update',
        why: isHousing
          ? `${partner.partner_name} is a housing provider and the property has failed.`
          : `${partner.partner_name} commissions your services and this incident is ${incident.severity}.`,
        alreadySent: sentTo(partner.contact_id, null) !== null,
        sentMessageId: sentTo(partner.contact_id, null),
        personName: null,
        partnerOrganisationName: partner.partner_name,
        partnerContactName: partner.contact_name,
        draft: isHousing
          ? {
              template: 'request',
              askType: 'action',
              urgency: incident.severity === 'minor' ? 'routine' : 'urgent',
              partnerOrganisationId: partner.partner_id,
              partnerContactId: partner.contact_id,
              categories: [],
              subject: `${incident.title}: repair needed`,
              summary: `Since ${since}: ${incident.summary}`,
              impact: `${affected.length} ${affected.length === 1 ? 'person is' : 'people are'} at high or medium risk while this lasts.`,
              mitigations:
                generalMeasures.map((measure) => measure.description).join(' ') ||
                'We are increasing checks.',
              ask: `Please confirm in writing by ${describeDeadline(true)} when the repair will be done, and approve alternative accommodation if it cannot be done today.`,
              deadline: deadlineFor(true),
            }
          : {
              template: 'incident_update',
              urgency: 'routine',
              partnerOrganisationId: partner.partner_id,
              partnerContactId: partner.contact_id,
              categories: [],
              subject: `${incident.title}: incident update`,
              summary: `Since ${since}: ${incident.summary}`,
              impact: `${affected.length} ${affected.length === 1 ? 'person is' : 'people are'} at high or medium risk while this lasts.`,
              mitigations:
                generalMeasures.map((measure) => measure.description).join(' ') ||
                'We are increasing checks.',
              deadline: deadlineFor(false),
            },
      });
    }
  }
  return proposals.sort((a, b) => sendingOrder(a) - sendingOrder(b));
}

/** The property repair first, then requests about people (urgent before routine), then updates. */
function sendingOrder(proposal: Proposal): number {
  if (proposal.personName === null) return proposal.draft.template === 'request' ? 0 : 3;
  return proposal.draft.urgency === 'urgent' ? 1 : 2;
}

/**
 * Sends a message from the incident: through the gate and the message rules, with its route. A
 * refusal by the sharing gate is kept on the incident (see `recordGateRefusal`) before it is
 * reported to the caller.
 */
export async function sendIncidentMessage(
  db: Db,
  context: RequestContext,
  options: {
    incidentId: string;
    message: SendMessageInput;
    clock: Clock;
    config: Pick<Config, 'publicUrl' | 'mfaKeyFile' | 'smtp'>;
  },
) {
  const { incidentId, clock } = options;
  const incident = await findIncident(db, context, { incidentId });
  if (incident.status === 'closed') throw new AppError('conflict', 'This incident is closed.');
  try {
    return await sendMessage(
      db,
      context,
      options.message,
      { clock, config: options.config },
      {
        incidentId,
        defaultRoute: incident.escalation_route,
      },
    );
  } catch (error) {
    const shareId = refusedShareId(error);
    if (shareId) await recordGateRefusal(db, context, { incidentId, shareId, clock });
    throw error;
  }
}

/** The share log entry behind a refusal by the sharing gate, or null for any other error. */
function refusedShareId(error: unknown): string | null {
  if (!(error instanceof AppError) || error.kind !== 'forbidden') return null;
  const { shareId, reasons } = error.extensions;
  return typeof shareId === 'string' && Array.isArray(reasons) ? shareId : null;
}

/**
 * Adds a gate refusal to the incident's decision log: who tried to send what to whom, and every
 * reason the gate gave, in words frozen as they were. Its own transaction, after the refusal's
 * share log entry has committed, so the record can name it.
 */
