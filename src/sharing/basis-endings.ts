import { inLondon, londonDateOf } from '../calendar/london-time.ts';
import type { Clock } from '../clock.ts';
import { type RequestContext, systemContext } from '../context.ts';
import type { Db, DbTransaction } from '../db/database.ts';
import * as sharingRepository from './sharing.repository.ts';
import { auditShareHeld } from './sharing.service.ts';
import type { BasisRecordType } from './sharing.table.ts';

/**
 * When a record a share rests on ends — a consent withdrawn or past its review, a safeguarding
 * authorisation revoked or expired, a best-interests decision past its review — what was shared
 * on it through Liaison's own links closes, and what has not yet left is held. The gate already
 * refuses from that instant; this is what tells people. Features that disclose through their own
 * links register what they do here (a line in `src/capabilities.ts`), and it runs once per record, in the
 * transaction that recorded the end or, for a lapse, in the sweep that noticed it.
 */
export type SharingBasisEnded = {
  recordId: string;
  recordType: BasisRecordType;
  /** In words, for staff and the share log: "Consent withdrawn on 3 December 2026, 2:10pm". */
  reason: string;
  endedAt: Date;
};

export type SharingEndedHandler = (
  trx: DbTransaction,
  context: RequestContext,
  ended: SharingBasisEnded,
  at: Date,
) => Promise<void>;

const handlers = new Set<SharingEndedHandler>();

export function whenSharingBasisEnds(handler: SharingEndedHandler): void {
  handlers.add(handler);
}

/** Records that a record's end is acted on, and runs the registered handlers; once per record. */
export async function actOnSharingBasisEnded(
  trx: DbTransaction,
  context: RequestContext,
  ended: SharingBasisEnded,
  at: Date,
): Promise<boolean> {
  const first = await sharingRepository.insertBasisEnding(trx, {
    org_id: context.orgId,
    record_id: ended.recordId,
    record_type: ended.recordType,
    ended_at: ended.endedAt,
    reason: ended.reason,
    noticed_at: at,
  });
  if (!first) return false;
  for (const handler of handlers) await handler(trx, context, ended, at);
  return true;
}

export function formatLondon(at: Date): string {
  return inLondon(at).toFormat('d MMMM yyyy, h:mma').replace('AM', 'am').replace('PM', 'pm');
}

/**
 * A record shares rest on has ended: every share still queued on it is held, and what was shared on
 * it through Liaison's links closes (the registered handlers). The gate refuses from this instant.
 */
export async function endSharingOn(
  trx: DbTransaction,
  context: RequestContext,
  ended: SharingBasisEnded,
  at: Date,
): Promise<string[]> {
  const held = await holdSharesRestingOn(trx, context, ended, at);
  await actOnSharingBasisEnded(trx, context, ended, at);
  return held;
}

async function holdSharesRestingOn(
  trx: DbTransaction,
  context: RequestContext,
  { recordId, reason }: SharingBasisEnded,
  at: Date,
): Promise<string[]> {
  const held = await sharingRepository.holdQueuedShares(trx, context.orgId, recordId, { reason, at });
  for (const shareId of held) {
    await auditShareHeld(trx, context, { shareId, at, details: { basisRecordId: recordId } });
  }
  return held;
}

export const NOTICE_LAPSED_SHARING_JOB = 'notice-lapsed-sharing';

const lapseWords: Record<BasisRecordType, string> = {
  consent_record: 'Consent lapsed after its review date',
  safeguarding_authorisation: 'Safeguarding authorisation expired',
  best_interests_decision: 'Best-interests decision lapsed after its review date',
};

/**
 * Acts on records that ended with time, with nobody recording anything: consents and
 * best-interests decisions past their review date, safeguarding authorisations past their expiry.
 * Each in its own transaction; bounded, the rest are taken on the next run.
 */
export async function noticeLapsedSharing(db: Db, clock: Clock, limit = 100): Promise<number> {
  const now = clock.now();
  const lapsed = await sharingRepository.findLapsedBases(db, { now, today: londonDateOf(now), limit });
  for (const record of lapsed) {
    const context = systemContext(record.org_id, NOTICE_LAPSED_SHARING_JOB);
    const reason = `${lapseWords[record.record_type]} (${inLondon(record.ended_at).toFormat('d MMMM yyyy')})`;
    await db
      .transaction()
      .execute((trx) =>
        endSharingOn(
          trx,
          context,
          { recordId: record.record_id, recordType: record.record_type, reason, endedAt: record.ended_at },
          now,
        ),
      );
  }
  return lapsed.length;
}
