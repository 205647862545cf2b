import { randomUUID } from 'node:crypto';
import { recordAudit } from '../audit/audit.service.ts';
import { inLondon } from '../calendar/london-time.ts';
import type { Clock } from '../clock.ts';
import type { RequestContext } from '../context.ts';
import type { Db, Executor } from '../db/database.ts';
import { AppError, invalid, notFound } from '../errors.ts';
import { endSharingOn, formatLondon } from '../sharing/basis-endings.ts';
import {
  checkScope,
  type Names,
  namesFor,
  presentScope,
  requirePerson,
  scopeRow,
  staffUserId,
  userName,
} from '../sharing/basis-records.ts';
import * as safeguardingRepository from './safeguarding-authorisations.repository.ts';
import type { CreateSafeguardingAuthorisationInput } from './safeguarding-authorisations.schemas.ts';
import type { SafeguardingAuthorisationRow } from './safeguarding-authorisations.table.ts';

const DAY_MS = 86_400_000;
/** A safeguarding authorisation lasts a week unless the manager says otherwise, and never more than 30 days. */
const SAFEGUARDING_DEFAULT_DAYS = 7;
const SAFEGUARDING_MAX_DAYS = 30;

function safeguardingStatus(authorisation: SafeguardingAuthorisationRow, now: Date) {
  if (authorisation.revoked_at !== null && authorisation.revoked_at <= now) return 'revoked' as const;
  if (authorisation.expires_at <= now) return 'expired' as const;
  if (authorisation.authorised_at > now) return 'not_yet' as const;
  return 'in_force' as const;
}

export function presentSafeguarding(authorisation: SafeguardingAuthorisationRow, names: Names, now: Date) {
  return {
    id: authorisation.id,
    scope: presentScope(authorisation, names),
    categories: authorisation.categories,
    rationale: authorisation.rationale,
    authorisedBy: userName(names, authorisation.authorised_by) ?? '',
    authorisedAt: authorisation.authorised_at.toISOString(),
    expiresAt: authorisation.expires_at.toISOString(),
    revokedAt: authorisation.revoked_at?.toISOString() ?? null,
    revokedBy: userName(names, authorisation.revoked_by),
    revokedReason: authorisation.revoked_reason,
    status: safeguardingStatus(authorisation, now),
  };
}

/** A manager's written authorisation to share for safeguarding without consent, limited to what it names. */
export async function authoriseSafeguardingShare(
  db: Db,
  context: RequestContext,
  personId: string,
  input: CreateSafeguardingAuthorisationInput,
  clock: Clock,
) {
  const now = clock.now();
  const authorisedBy = staffUserId(context, 'A safeguarding authorisation');
  const expiresAt = input.expiresAt
    ? new Date(input.expiresAt)
    : new Date(now.getTime() + SAFEGUARDING_DEFAULT_DAYS * DAY_MS);
  if (expiresAt <= now) throw invalid('expiresAt', 'The authorisation must end in the future.');
  // Up to the end of the London day 30 days from now, so "ends on" a date 30 days ahead is allowed.
  const latest = inLondon(now).plus({ days: SAFEGUARDING_MAX_DAYS }).endOf('day').toJSDate();
  if (expiresAt > latest) {
    throw invalid(
      'expiresAt',
      `A safeguarding authorisation can last at most ${SAFEGUARDING_MAX_DAYS} days; authorise again if sharing must continue.`,
    );
  }
  return db.transaction().execute(async (trx) => {
    await requirePerson(trx, context, { personId, mode: 'update' });
    await checkScope(trx, context, input);
    const authorisation = await safeguardingRepository.insertSafeguardingAuthorisation(trx, {
      org_id: context.orgId,
      id: randomUUID(),
      person_id: personId,
      ...scopeRow(input),
      categories: input.categories,
      rationale: input.rationale,
      authorised_by: authorisedBy,
      authorised_at: now,
      expires_at: expiresAt,
      revoked_at: null,
      revoked_by: null,
      revoked_reason: null,
    });
    await recordAudit(trx, context, now, {
      action: 'safeguarding_authorisation.grant',
      entityType: 'safeguarding_authorisation',
      entityId: authorisation.id,
      changedFields: Object.keys(authorisation),
      details: { personId, categories: authorisation.categories },
    });
    const names = await namesFor(trx, context, { scopes: [authorisation], userIds: [authorisedBy] });
    return presentSafeguarding(authorisation, names, now);
  });
}

/** Revokes an authorisation at once; shares queued on it are held and what was shared on it closes. */
export async function revokeSafeguardingAuthorisation(
  db: Db,
  context: RequestContext,
  personId: string,
  authorisationId: string,
  reason: string,
  clock: Clock,
) {
  const now = clock.now();
  const revokedBy = staffUserId(context, 'Revoking a safeguarding authorisation');
  return db.transaction().execute(async (trx) => {
    await requirePerson(trx, context, { personId, mode: 'update' });
    const existing = await safeguardingRepository.findSafeguardingAuthorisation(
      trx,
      context.orgId,
      personId,
      authorisationId,
    );
    if (!existing) throw notFound('The safeguarding authorisation');
    const revoked = await safeguardingRepository.revokeSafeguardingAuthorisation(
      trx,
      context.orgId,
      authorisationId,
      {
        revoked_at: now,
        revoked_by: revokedBy,
        revoked_reason: reason,
      },
    );
    if (!revoked) throw new AppError('conflict', 'This authorisation has already been revoked.');
    await recordAudit(trx, context, now, {
      action: 'safeguarding_authorisation.revoke',
      entityType: 'safeguarding_authorisation',
      entityId: authorisationId,
      changedFields: ['revoked_at', 'revoked_by', 'revoked_reason'],
      details: { personId },
    });
    await endSharingOn(
      trx,
      context,
      {
        recordId: authorisationId,
        recordType: 'safeguarding_authorisation',
        reason: `Safeguarding authorisation revoked on ${formatLondon(now)}`,
        endedAt: now,
      },
      now,
    );
    const names = await namesFor(trx, context, {
      scopes: [revoked],
      userIds: [revoked.authorised_by, revokedBy],
    });
    return presentSafeguarding(revoked, names, now);
  });
}

/**
 * Authorisations to share for safeguarding that end between `from` and `to` and are not renewed:
 * how many, and the first `limit`, the first to end first. Reads only: the caller audits the view.
 */
export async function authorisationsEnding(
  executor: Executor,
  context: RequestContext,
  options: { from: Date; to: Date; limit: number },
) {
  return {
    count: await safeguardingRepository.countAuthorisationsEnding(executor, context.orgId, options),
    authorisations: await safeguardingRepository.listAuthorisationsEnding(executor, context.orgId, options),
  };
}
