import type { Clock } from '../clock.ts';
import type { RequestContext } from '../context.ts';
import type { Db, Executor } from '../db/database.ts';
import { AppError } from '../errors.ts';
import type { AccessEntryRow } from './access-history.repository.ts';
import * as accessHistoryRepository from './access-history.repository.ts';
import type { AccessHistoryQuery } from './access-history.schemas.ts';
import { recordAudit } from './audit.service.ts';

export type AccessEntry = AccessEntryRow & { actorName: string | null; entityName: string | null };

export type AccessHistorySubject = {
  kind: 'entity' | 'actor';
  type: string;
  id: string;
  name: string | null;
};

export type AccessHistory = { subject: AccessHistorySubject; entries: AccessEntry[] };

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Who accessed a record (entityType + entityId), or what a staff member or API token accessed
 * (actorId), newest first, from the audit trail. The look-up is itself recorded, in the same
 * transaction as the read, against the record or actor asked about.
 */
export async function viewAccessHistory(
  db: Db,
  context: RequestContext,
  query: AccessHistoryQuery,
  clock: Clock,
): Promise<AccessHistory> {
  const page = { limit: query.limit, offset: query.offset };
  return db.transaction().execute(async (trx) => {
    let subject: AccessHistorySubject;
    let rows: AccessEntryRow[];
    if (query.actorId !== undefined) {
      subject = await findActor(trx, context.orgId, query.actorId);
      rows = await accessHistoryRepository.listEntriesByActor(trx, context.orgId, query.actorId, page);
    } else {
      // The schema requires both when actorId is absent.
      const entity = { type: query.entityType ?? '', id: query.entityId ?? '' };
      subject = await findEntity(trx, context.orgId, entity);
      rows =
        entity.type === 'person'
          ? await accessHistoryRepository.listEntriesAboutPerson(trx, context.orgId, entity.id, page)
          : await accessHistoryRepository.listEntriesAboutEntity(trx, context.orgId, entity, page);
    }
    const entries = await withNames(trx, context.orgId, rows);
    await recordAudit(trx, context, clock.now(), {
      action: 'audit.access_history',
      entityType: subject.type,
      entityId: subject.id,
      details: { by: subject.kind, results: rows.length, limit: page.limit, offset: page.offset },
    });
    return { subject, entries };
  });
}

/** A person or staff member must exist in the caller's organisation (404 otherwise, as everywhere). */
async function findEntity(
  executor: Executor,
  orgId: string,
  entity: { type: string; id: string },
): Promise<AccessHistorySubject> {
  const subject = { kind: 'entity' as const, type: entity.type, id: entity.id, name: null };
  if (entity.type === 'person') {
    const name = (await accessHistoryRepository.findPersonNames(executor, orgId, [entity.id])).get(entity.id);
    if (name === undefined) throw new AppError('not_found', 'The person was not found.');
    return { ...subject, name };
  }
  if (entity.type === 'user') {
    const name = (await accessHistoryRepository.findUserNames(executor, orgId, [entity.id])).get(entity.id);
    if (name === undefined) throw new AppError('not_found', 'The staff member was not found.');
    return { ...subject, name };
  }
  return subject;
}

/** Actors may be staff, API tokens, or jobs with no record of their own ('cli', a job's name). */
async function findActor(executor: Executor, orgId: string, actorId: string): Promise<AccessHistorySubject> {
  if (uuidPattern.test(actorId)) {
    const userName = (await accessHistoryRepository.findUserNames(executor, orgId, [actorId])).get(actorId);
    if (userName !== undefined) return { kind: 'actor', type: 'user', id: actorId, name: userName };
    const tokenName = (await accessHistoryRepository.findApiTokenNames(executor, orgId, [actorId])).get(
      actorId,
    );
    if (tokenName !== undefined) return { kind: 'actor', type: 'api_token', id: actorId, name: tokenName };
  }
  return { kind: 'actor', type: 'actor', id: actorId, name: null };
}

async function withNames(executor: Executor, orgId: string, rows: AccessEntryRow[]): Promise<AccessEntry[]> {
  const idsWhere = (pick: (row: AccessEntryRow) => string | null) => [
    ...new Set(rows.map(pick).filter((id): id is string => id !== null && uuidPattern.test(id))),
  ];
  // One query per kind of name, one after another: a transaction is a single connection.
  const users = await accessHistoryRepository.findUserNames(
    executor,
    orgId,
    idsWhere((row) => (row.actor_type === 'user' ? row.actor_id : null)).concat(
      idsWhere((row) => (row.entity_type === 'user' ? row.entity_id : null)),
    ),
  );
  const tokens = await accessHistoryRepository.findApiTokenNames(
    executor,
    orgId,
    idsWhere((row) => (row.actor_type === 'api_token' ? row.actor_id : null)),
  );
  const people = await accessHistoryRepository.findPersonNames(
    executor,
    orgId,
    idsWhere((row) => (row.entity_type === 'person' ? row.entity_id : null)),
  );
  return rows.map((row) => ({
    ...row,
    actorName:
      row.actor_id === null
        ? null
        : row.actor_type === 'user'
          ? (users.get(row.actor_id) ?? null)
          : row.actor_type === 'api_token'
            ? (tokens.get(row.actor_id) ?? null)
            : null,
    entityName:
      row.entity_id === null
        ? null
        : row.entity_type === 'person'
          ? (people.get(row.entity_id) ?? null)
          : row.entity_type === 'user'
            ? (users.get(row.entity_id) ?? null)
            : null,
  }));
}
