import type { RequestContext } from '../context.ts';
import type { DbTransaction } from '../db/database.ts';
import * as sharingRepository from './sharing.repository.ts';
import type { BasisRecordType } from './sharing.table.ts';

/**
 * When a record a share rests on ends — a consent withdrawn or past its review, a safeguarding
 * authorisation revoked or expired, a best-interests decision past its review — what was shared
 * on it through Liaison's own links closes, and what has not yet left is held. The gate already
 * refuses from that instant; this is what tells people. Features that disclose through their own
 * links register what they do here (a line in `src/app.ts`), and it runs once per record, in the
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
