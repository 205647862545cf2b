import { randomUUID } from 'node:crypto';
import { recordAudit } from '../audit/audit.service.ts';
import type { Clock } from '../clock.ts';
import type { RequestContext } from '../context.ts';
import type { Db, Executor } from '../db/database.ts';
import { AppError, notFound } from '../errors.ts';
import { staffNames } from '../users/users.service.ts';
import * as incidentsRepository from './incidents.repository.ts';
import { findIncident, findOpenIncident, invalid, requireStaff } from './incidents.service.ts';
import type { IncidentMeasureRow, MeasureKind } from './incidents.table.ts';

// Interim measures: a room move, extra checks, equipment, alternative accommodation…, each with
// an owner and the times it was in place.

function presentMeasure(measure: IncidentMeasureRow, names: Map<string, string>) {
  return {
    id: measure.id,
    kind: measure.kind,
    description: measure.description,
    personId: measure.person_id,
    owner: names.get(measure.owner_id) ?? 'Former member of staff',
    startsAt: measure.starts_at.toISOString(),
    endedAt: measure.ended_at?.toISOString() ?? null,
  };
}

async function presentOne(executor: Executor, context: RequestContext, measure: IncidentMeasureRow) {
  return presentMeasure(measure, await staffNames(executor, context, [measure.owner_id]));
}

export async function listMeasures(
  executor: Executor,
  context: RequestContext,
  options: { incidentId: string },
) {
  await findIncident(executor, context, options);
  const measures = await incidentsRepository.listMeasures(executor, context.orgId, options.incidentId);
  const names = await staffNames(
    executor,
    context,
    measures.map((each) => each.owner_id),
  );
  return measures.map((measure) => presentMeasure(measure, names));
}

export async function addMeasure(
  db: Db,
  context: RequestContext,
  options: {
    incidentId: string;
    measure: {
      kind: MeasureKind;
      description: string;
      personId?: string | null | undefined;
      ownerId: string;
      startsAt: string;
    };
    clock: Clock;
  },
) {
  const { incidentId, measure: input } = options;
  const at = options.clock.now();
  return db.transaction().execute(async (trx) => {
    await findOpenIncident(trx, context, incidentId);
    await requireStaff(trx, context, { id: input.ownerId, field: 'ownerId', mayAct: 'owner' });
    if (
      input.personId &&
      !(await incidentsRepository.isAffected(trx, context.orgId, incidentId, input.personId))
    ) {
      throw invalid('personId', 'Choose someone affected by this incident.');
    }
    const measure = await incidentsRepository.insertMeasure(trx, {
      org_id: context.orgId,
      id: randomUUID(),
      incident_id: incidentId,
      kind: input.kind,
      description: input.description,
      person_id: input.personId ?? null,
      owner_id: input.ownerId,
      starts_at: new Date(input.startsAt),
      ended_at: null,
      created_at: at,
    });
    await recordAudit(trx, context, at, {
      action: 'incident.add_measure',
      entityType: 'incident_measure',
      entityId: measure.id,
      changedFields: Object.keys(input),
      details: { incidentId },
    });
    return presentOne(trx, context, measure);
  });
}

export async function endMeasure(
  db: Db,
  context: RequestContext,
  options: { incidentId: string; measureId: string; endedAt: string; clock: Clock },
) {
  const { incidentId, measureId } = options;
  const at = options.clock.now();
  return db.transaction().execute(async (trx) => {
    await findIncident(trx, context, { incidentId });
    const measure = await incidentsRepository.findMeasureForChange(trx, {
      orgId: context.orgId,
      incidentId,
      measureId,
    });
    if (!measure) throw notFound('The measure');
    if (measure.ended_at) throw new AppError('conflict', 'This measure has already ended.');
    const endedAt = new Date(options.endedAt);
    if (endedAt.getTime() < measure.starts_at.getTime())
      throw invalid('endedAt', 'The end must be after the start.');
    const ended = await incidentsRepository.endMeasure(trx, context.orgId, measureId, endedAt);
    await recordAudit(trx, context, at, {
      action: 'incident.end_measure',
      entityType: 'incident_measure',
      entityId: measureId,
      changedFields: ['ended_at'],
      details: { incidentId },
    });
    return presentOne(trx, context, ended);
  });
}
