import { DateTime } from 'luxon';
import type { Clock } from '../clock.ts';
import type { RequestContext } from '../context.ts';
import type { Db, Executor } from '../db/database.ts';
import { AppError } from '../errors.ts';
import { staffNames } from '../users/users.service.ts';
import { roleLabels } from '../users/users.table.ts';
import type { AccessFilter, VisitRow } from './access-history.repository.ts';
import * as accessHistoryRepository from './access-history.repository.ts';
import type { AccessHistoryQuery } from './access-history.schemas.ts';
import { recordAudit } from './audit.service.ts';
import {
  actionLabel,
  actionPhrase,
  fieldPhrase,
  listInWords,
  partPhrase,
  readActions,
  readObject,
} from './audit-labels.ts';

/** One visit in words: who, what, to which record, when. */
export type AccessVisit = VisitRow & {
  /** The visit's main action: viewing the record, if the record itself was opened. */
  action: string;
  actorName: string | null;
  /** "Priya Shah (Care worker)", "Dr Helena Marchbank (Riverside Medical Practice)". */
  actorDescription: string;
  entityName: string | null;
  label: string;
  sentence: string;
  /** "Their circle of support and their representatives", "Date of birth and address". */
  detail: string | null;
};

export type AccessHistorySubject = {
  kind: 'entity' | 'actor';
  type: string;
  id: string;
  name: string | null;
};

export type AccessHistory = { subject: AccessHistorySubject; visits: AccessVisit[] };

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Who accessed a record (entityType + entityId), or what a staff member, API token or partner
 * accessed (actorId), or both, as visits, newest first, from the audit trail; narrowed by action
 * and by dates (UK). The look-up is itself recorded, in the same transaction as the read, against
 * the record or actor asked about.
 */
export async function viewAccessHistory(
  db: Db,
  context: RequestContext,
  query: AccessHistoryQuery,
  clock: Clock,
): Promise<AccessHistory> {
  const page = { limit: query.limit, offset: query.offset };
  const entity =
    query.entityType !== undefined && query.entityId !== undefined
      ? { type: query.entityType, id: query.entityId }
      : undefined;
  const filter: AccessFilter = {
    ...(entity ? { entity } : {}),
    ...(query.actorId !== undefined ? { actorId: query.actorId } : {}),
    ...(query.action !== undefined ? { action: query.action } : {}),
    ...(query.from !== undefined ? { from: startOfLondonDay(query.from) } : {}),
    ...(query.to !== undefined ? { to: startOfLondonDay(query.to, 1) } : {}),
  };
  return db.transaction().execute(async (trx) => {
    const subject = entity
      ? await findEntity(trx, context.orgId, entity)
      : await findActor(trx, context.orgId, query.actorId ?? '');
    if (entity && query.actorId !== undefined) await findActor(trx, context.orgId, query.actorId);
    const rows = await accessHistoryRepository.listVisits(trx, context.orgId, filter, page, readActions);
    const visits = await inWords(trx, context.orgId, rows);
    await recordAudit(trx, context, clock.now(), {
      action: 'audit.access_history',
      entityType: subject.type,
      entityId: subject.id,
      details: {
        by: subject.kind,
        results: rows.length,
        limit: page.limit,
        offset: page.offset,
        ...(entity && query.actorId !== undefined ? { actorId: query.actorId } : {}),
        ...(query.action !== undefined ? { action: query.action } : {}),
        ...(query.from !== undefined ? { from: query.from } : {}),
        ...(query.to !== undefined ? { to: query.to } : {}),
      },
    });
    return { subject, visits };
  });
}

/**
 * Every visit to the person's record and the records kept about them, newest first, in words:
 * their access log, for a subject access request. Not audited: the caller's export is.
 */
export async function accessLogOfPerson(
  executor: Executor,
  context: Pick<RequestContext, 'orgId'>,
  personId: string,
  most: number,
): Promise<AccessVisit[]> {
  const rows = await accessHistoryRepository.listVisits(
    executor,
    context.orgId,
    { entity: { type: 'person', id: personId } },
    { limit: most, offset: 0 },
    readActions,
  );
  return inWords(executor, context.orgId, rows);
}

function startOfLondonDay(date: string, plusDays = 0): Date {
  return DateTime.fromISO(date, { zone: 'Europe/London' }).plus({ days: plusDays }).startOf('day').toJSDate();
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
    const name = (await staffNames(executor, { orgId }, [entity.id])).get(entity.id);
    if (name === undefined) throw new AppError('not_found', 'The staff member was not found.');
    return { ...subject, name };
  }
  return subject;
}

/** Actors may be staff, API tokens, partners' links, or jobs with no record of their own ('cli'). */
async function findActor(executor: Executor, orgId: string, actorId: string): Promise<AccessHistorySubject> {
  if (uuidPattern.test(actorId)) {
    const userName = (await staffNames(executor, { orgId }, [actorId])).get(actorId);
    if (userName !== undefined) return { kind: 'actor', type: 'user', id: actorId, name: userName };
    const tokenName = (await accessHistoryRepository.findApiTokenNames(executor, orgId, [actorId])).get(
      actorId,
    );
    if (tokenName !== undefined) return { kind: 'actor', type: 'api_token', id: actorId, name: tokenName };
    const partner = (await accessHistoryRepository.findPartnerLinkHolders(executor, orgId, [actorId])).get(
      actorId,
    );
    if (partner !== undefined) return { kind: 'actor', type: 'partner', id: actorId, name: partner.name };
  }
  return { kind: 'actor', type: 'actor', id: actorId, name: null };
}

const systemActorNames: Record<string, string> = {
  cli: 'An administrator, at the command line',
};

async function inWords(executor: Executor, orgId: string, rows: VisitRow[]): Promise<AccessVisit[]> {
  const idsWhere = (pick: (row: VisitRow) => string | null) => [
    ...new Set(rows.map(pick).filter((id): id is string => id !== null && uuidPattern.test(id))),
  ];
  // One query per kind of name, one after another: a transaction is a single connection.
  const users = await staffNames(
    executor,
    { orgId },
    idsWhere((row) => (row.actor_type === 'user' ? row.actor_id : null)).concat(
      idsWhere((row) => (row.entity_type === 'user' ? row.entity_id : null)),
    ),
  );
  const tokens = await accessHistoryRepository.findApiTokenNames(
    executor,
    orgId,
    idsWhere((row) => (row.actor_type === 'api_token' ? row.actor_id : null)),
  );
  const partners = await accessHistoryRepository.findPartnerLinkHolders(
    executor,
    orgId,
    idsWhere((row) => (row.actor_type === 'partner' ? row.actor_id : null)),
  );
  const people = await accessHistoryRepository.findPersonNames(
    executor,
    orgId,
    idsWhere((row) => row.person_id ?? (row.entity_type === 'person' ? row.entity_id : null)),
  );
  return rows.map((row) => {
    const action = row.actions.includes('person.view') ? 'person.view' : (row.actions[0] ?? '');
    const isRead = readActions.includes(action);
    // A visit that read a person's records is about the person, whichever parts it opened.
    const entity =
      isRead && row.person_id !== null
        ? { type: 'person', id: row.person_id }
        : { type: row.entity_type, id: row.entity_id };
    const id = row.actor_id ?? '';
    let actorName: string | null = null;
    let actorDescription: string;
    switch (row.actor_type) {
      case 'user': {
        actorName = users.get(id) ?? null;
        const role =
          row.actor_role && row.actor_role in roleLabels
            ? roleLabels[row.actor_role as keyof typeof roleLabels]
            : null;
        actorDescription = `${actorName ?? 'A former member of staff'}${role ? ` (${role})` : ''}`;
        break;
      }
      case 'api_token':
        actorName = tokens.get(id) ?? null;
        actorDescription = actorName ? `The connected system “${actorName}”` : 'A connected system';
        break;
      case 'partner': {
        const holder = partners.get(id);
        actorName = holder?.name ?? null;
        actorDescription = holder ? `${holder.name} (${holder.organisationName})` : 'A partner';
        break;
      }
      case 'system':
        actorDescription = systemActorNames[id] ?? 'Liaison, automatically';
        break;
    }
    const entityName =
      entity.id === null
        ? null
        : entity.type === 'person'
          ? (people.get(entity.id) ?? null)
          : entity.type === 'user'
            ? (users.get(entity.id) ?? null)
            : null;
    // What a change changed says something; for a new record, every column is "changed": noise.
    const fields = action.endsWith('.update')
      ? [...new Set(row.changed_fields.flatMap((list) => list.split(',')))].map(fieldPhrase)
      : [];
    // The other things read on the visit: parts of the record, and the lists kept about the person.
    const parts = [
      ...row.parts.map(partPhrase),
      ...row.actions.filter((each) => each !== action).map(readObject),
    ];
    const pages = row.entries > 1 && isRead ? `${row.entries} pages` : null;
    const detail =
      [
        parts.length > 0 ? `including ${listInWords(parts)}` : null,
        fields.length > 0 ? listInWords(fields) : null,
        pages,
      ]
        .filter((each): each is string => each !== null)
        .map(capitalise)
        .join('; ') || null;
    const times = pages ? ` (${pages})` : '';
    return {
      ...row,
      action,
      entity_type: entity.type,
      entity_id: entity.id,
      actorName,
      actorDescription,
      entityName,
      label: actionLabel(action, row.outcome),
      sentence: `${actorName ?? actorDescription} ${actionPhrase(action)}${times}`,
      detail,
    };
  });
}

function capitalise(text: string): string {
  return `${text.charAt(0).toUpperCase()}${text.slice(1)}`;
}
