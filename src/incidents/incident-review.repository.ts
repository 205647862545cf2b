import type { Executor } from '../db/database.ts';
import { sameOrganisation } from '../db/same-organisation.ts';

// The reads behind an incident's timeline and its post-incident review: everything recorded on
// the incident and the threads of the messages sent from it. Each takes the incident's key.

type IncidentKey = { orgId: string; incidentId: string };

export async function listTimelinePeople(executor: Executor, key: IncidentKey) {
  return executor
    .selectFrom('incident_people as affected')
    .innerJoin('people as person', (join) => sameOrganisation(join, 'person.id', 'affected.person_id'))
    .select([
      'affected.person_id',
      'affected.risk_level',
      'affected.adjusted_level',
      'affected.adjusted_reason',
      'affected.adjusted_at',
      'affected.added_at',
      'person.given_name',
      'person.family_name',
      'person.preferred_name',
    ])
    .where('affected.org_id', '=', key.orgId)
    .where('affected.incident_id', '=', key.incidentId)
    .execute();
}

/** The records, each with the person a gate refusal was about. */
export async function listTimelineRecords(executor: Executor, key: IncidentKey) {
  return executor
    .selectFrom('incident_records as record')
    .leftJoin('share_log as share', (join) => sameOrganisation(join, 'share.id', 'record.share_id'))
    .selectAll('record')
    .select('share.person_id')
    .where('record.org_id', '=', key.orgId)
    .where('record.incident_id', '=', key.incidentId)
    .execute();
}

/** Every thread entry of every message sent from the incident, with its message and partner. */
export async function listMessageEvents(executor: Executor, key: IncidentKey) {
  return executor
    .selectFrom('partner_messages as message')
    .innerJoin('message_events as event', (join) => sameOrganisation(join, 'event.message_id', 'message.id'))
    .innerJoin('partner_organisations as partner', (join) =>
      sameOrganisation(join, 'partner.id', 'message.partner_organisation_id'),
    )
    .select([
      'message.id as message_id',
      'message.subject',
      'message.person_id',
      'partner.name as partner_name',
      'event.kind',
      'event.actor_name',
      'event.text',
      'event.occurred_at',
      'event.recorded_at',
      'event.seq',
    ])
    .where('message.org_id', '=', key.orgId)
    .where('message.incident_id', '=', key.incidentId)
    .orderBy('event.seq')
    .execute();
}

// ---- the review's figures ----

/** The messages sent from the incident (withdrawn ones too), oldest first, with partner and contact. */
export async function listReviewMessages(executor: Executor, key: IncidentKey) {
  return executor
    .selectFrom('partner_messages as message')
    .innerJoin('partner_organisations as partner', (join) =>
      sameOrganisation(join, 'partner.id', 'message.partner_organisation_id'),
    )
    .innerJoin('partner_contacts as contact', (join) =>
      sameOrganisation(join, 'contact.id', 'message.partner_contact_id'),
    )
    .select([
      'message.id',
      'message.template',
      'message.subject',
      'message.status',
      'message.partner_organisation_id',
      'message.sent_at',
      'message.deadline',
      'message.confirms_advice_id',
      'partner.name as partner_name',
      'contact.name as contact_name',
    ])
    .where('message.org_id', '=', key.orgId)
    .where('message.incident_id', '=', key.incidentId)
    .orderBy('message.sent_at')
    .orderBy('message.id')
    .execute();
}

/** The messages' thread entries, in the order they happened. */
export async function listThreadEvents(executor: Executor, orgId: string, messageIds: readonly string[]) {
  if (messageIds.length === 0) return [];
  return executor
    .selectFrom('message_events')
    .select(['id', 'message_id', 'kind', 'occurred_at', 'details'])
    .where('org_id', '=', orgId)
    .where('message_id', 'in', [...messageIds])
    .orderBy('occurred_at')
    .orderBy('seq')
    .execute();
}

export async function listDecisions(executor: Executor, key: IncidentKey) {
  return executor
    .selectFrom('incident_records')
    .selectAll()
    .where('org_id', '=', key.orgId)
    .where('incident_id', '=', key.incidentId)
    .where('kind', '=', 'decision')
    .orderBy('occurred_at')
    .orderBy('id')
    .execute();
}

/** Advice recorded on the messages, or relied on by the decisions, oldest first. */
export async function listReviewAdvice(
  executor: Executor,
  orgId: string,
  about: { messageIds: readonly string[]; adviceIds: readonly string[] },
) {
  const { messageIds, adviceIds } = about;
  if (messageIds.length === 0 && adviceIds.length === 0) return [];
  return executor
    .selectFrom('advice_records as advice')
    .leftJoin('partner_organisations as partner', (join) =>
      sameOrganisation(join, 'partner.id', 'advice.partner_organisation_id'),
    )
    .select([
      'advice.id',
      'advice.message_id',
      'advice.given_by_name',
      'advice.given_by_role',
      'advice.given_at',
      'advice.advice',
      'advice.received_how',
      'advice.confirmation_status',
      'advice.confirmation_message_id',
      'advice.confirmed_at',
      'partner.name as partner_name',
    ])
    .where('advice.org_id', '=', orgId)
    .where((where) =>
      where.or([
        ...(messageIds.length > 0 ? [where('advice.message_id', 'in', [...messageIds])] : []),
        ...(adviceIds.length > 0 ? [where('advice.id', 'in', [...new Set(adviceIds)])] : []),
      ]),
    )
    .orderBy('advice.given_at')
    .orderBy('advice.id')
    .execute();
}

/** The sharing gate's refusals recorded on the incident, with whom and whom about. */
export async function listGateRefusals(executor: Executor, key: IncidentKey) {
  return executor
    .selectFrom('incident_records as record')
    .innerJoin('share_log as share', (join) => sameOrganisation(join, 'share.id', 'record.share_id'))
    .innerJoin('people as person', (join) => sameOrganisation(join, 'person.id', 'share.person_id'))
    .innerJoin('partner_organisations as partner', (join) =>
      sameOrganisation(join, 'partner.id', 'share.partner_organisation_id'),
    )
    .leftJoin('partner_contacts as contact', (join) =>
      sameOrganisation(join, 'contact.id', 'share.partner_contact_id'),
    )
    .select([
      'record.id',
      'record.occurred_at',
      'record.recorded_by_type',
      'record.recorded_by',
      'share.id as share_id',
      'share.purpose',
      'share.reasons',
      'person.given_name',
      'person.family_name',
      'person.preferred_name',
      'partner.name as partner_name',
      'contact.name as contact_name',
    ])
    .where('record.org_id', '=', key.orgId)
    .where('record.incident_id', '=', key.incidentId)
    .where('record.kind', '=', 'gate_refusal')
    .orderBy('record.occurred_at')
    .orderBy('record.id')
    .execute();
}

export async function listRiskLevels(executor: Executor, key: IncidentKey) {
  return executor
    .selectFrom('incident_people')
    .select(['risk_level', 'adjusted_level'])
    .where('org_id', '=', key.orgId)
    .where('incident_id', '=', key.incidentId)
    .execute();
}
