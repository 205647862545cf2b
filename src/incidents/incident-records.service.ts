import { randomUUID } from 'node:crypto';
import { recordAudit } from '../audit/audit.service.ts';
import type { Clock } from '../clock.ts';
import type { RequestContext } from '../context.ts';
import type { Db, Executor } from '../db/database.ts';
import { personName } from '../people/person-name.ts';
import { staffNames } from '../users/users.service.ts';
import * as incidentsRepository from './incidents.repository.ts';
import type { AddRecordInput } from './incidents.schemas.ts';
import { findIncident, findOpenIncident, invalid } from './incidents.service.ts';

// The incident's decision log, readings, hazards and notes, and the sharing gate's refusals.
// Records are never edited: a correction is a new record.

function recordedBy(context: RequestContext) {
  return {
    recorded_by_type: context.actor.type === 'api_token' ? ('api_token' as const) : ('user' as const),
    recorded_by: context.actor.id,
  };
}

export async function listRecords(
  executor: Executor,
  context: RequestContext,
  options: { incidentId: string },
) {
  await findIncident(executor, context, options);
  const records = await incidentsRepository.listRecords(executor, context.orgId, options.incidentId);
  const advice = await incidentsRepository.findAdvice(executor, context.orgId, [
    ...new Set(records.flatMap((record) => record.advice_ids)),
  ]);
  const names = await staffNames(
    executor,
    context,
    records.filter((record) => record.recorded_by_type === 'user').map((record) => record.recorded_by),
  );
  return records.map((record) => ({
    id: record.id,
    kind: record.kind,
    occurredAt: record.occurred_at.toISOString(),
    recordedAt: record.recorded_at.toISOString(),
    recordedBy:
      record.recorded_by_type === 'user'
        ? (names.get(record.recorded_by) ?? 'Former member of staff')
        : 'A connected system',
    decision: record.decision,
    evidence: record.evidence,
    rationale: record.rationale,
    advice: record.advice_ids.flatMap((adviceId) => {
      const found = advice.find((each) => each.id === adviceId);
      return found ? [{ id: found.id, givenBy: found.given_by_name, advice: found.advice }] : [];
    }),
    location: record.location,
    measure: record.measure,
    value: record.value === null ? null : Number(record.value),
    unit: record.unit,
    note: record.note,
    shareId: record.share_id,
  }));
}

/** Records a decision (who, when, evidence, why, advice relied on), a reading, a hazard or a note. */
export async function addRecord(
  db: Db,
  context: RequestContext,
  options: { incidentId: string; record: AddRecordInput; clock: Clock },
) {
  const { incidentId, record: input } = options;
  const at = options.clock.now();
  if (new Date(input.occurredAt).getTime() > at.getTime() + 60_000) {
    throw invalid('occurredAt', 'This cannot be in the future.');
  }
  const recordId = await db.transaction().execute(async (trx) => {
    await findOpenIncident(trx, context, incidentId);
    if (input.kind === 'decision' && input.adviceIds.length > 0) {
      const advice = await incidentsRepository.findAdvice(trx, context.orgId, input.adviceIds);
      if (advice.length !== input.adviceIds.length)
        throw invalid('adviceIds', 'Choose advice recorded in Liaison.');
    }
    const isDecision = input.kind === 'decision';
    const isObservation = input.kind === 'reading' || input.kind === 'hazard';
    const id = randomUUID();
    await incidentsRepository.insertRecord(trx, {
      org_id: context.orgId,
      id,
      incident_id: incidentId,
      kind: input.kind,
      occurred_at: new Date(input.occurredAt),
      recorded_at: at,
      ...recordedBy(context),
      decision: isDecision ? input.decision : null,
      evidence: isDecision ? input.evidence : null,
      rationale: isDecision ? input.rationale : null,
      advice_ids: isDecision ? input.adviceIds : [],
      location: isObservation ? input.location : null,
      measure: isObservation ? (input.measure ?? null) : null,
      value: isObservation ? (input.value ?? null) : null,
      unit: isObservation ? (input.unit ?? null) : null,
      note: isDecision ? null : (input.note ?? null),
    });
    await recordAudit(trx, context, at, {
      action: `incident.record_${input.kind}`,
      entityType: 'incident_record',
      entityId: id,
      changedFields: Object.keys(input),
      details: { incidentId },
    });
    return id;
  });
  return (await listRecords(db, context, { incidentId })).find((record) => record.id === recordId)!;
}

/**
 * Adds a gate refusal to the incident's decision log: who tried to send what to whom, and every
 * reason the gate gave, in words frozen as they were. Its own transaction, after the refusal's
 * share log entry has committed, so the record can name it.
 */
export async function recordGateRefusal(
  db: Db,
  context: RequestContext,
  options: { incidentId: string; shareId: string; clock: Clock },
) {
  const { incidentId } = options;
  const at = options.clock.now();
  await db.transaction().execute(async (trx) => {
    await findIncident(trx, context, { incidentId, lock: true });
    const share = await incidentsRepository.findShareForRefusal(trx, context.orgId, options.shareId);
    if (share?.outcome !== 'refused') return;
    const recipient = share.contact_name
      ? `${share.contact_name} (${share.partner_name})`
      : share.partner_name;
    const note = `The sharing gate refused a message to ${recipient} about ${personName(share)}, for ${share.purpose.replaceAll('_', ' ')}. Nothing was sent. ${share.reasons.map((reason) => reason.message).join(' ')}`;
    const id = randomUUID();
    await incidentsRepository.insertRecord(trx, {
      org_id: context.orgId,
      id,
      incident_id: incidentId,
      kind: 'gate_refusal',
      occurred_at: share.occurred_at,
      recorded_at: at,
      ...recordedBy(context),
      decision: null,
      evidence: null,
      rationale: null,
      advice_ids: [],
      location: null,
      measure: null,
      value: null,
      unit: null,
      note: note.slice(0, 5000),
      share_id: share.id,
    });
    await recordAudit(trx, context, at, {
      action: 'incident.record_gate_refusal',
      entityType: 'incident_record',
      entityId: id,
      changedFields: ['kind', 'occurred_at', 'note', 'share_id'],
      details: { incidentId, shareId: share.id },
    });
  });
}
