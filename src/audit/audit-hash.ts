import { createHash } from 'node:crypto';
import canonicalize from 'canonicalize';
import type { AuditEventRow } from './audit.table.ts';

export const GENESIS_HASH = '0'.repeat(64);

/**
 * The bytes an entry's hash covers, independent of the database driver: every field of the
 * entry, timestamps as ISO-8601 UTC strings, in RFC 8785 canonical JSON.
 */
export function canonicalEntry(event: AuditEventRow): string {
  const encoded = canonicalize({
    org_id: event.org_id,
    id: event.id,
    occurred_at: event.occurred_at.toISOString(),
    actor_type: event.actor_type,
    actor_id: event.actor_id,
    actor_role: event.actor_role,
    action: event.action,
    entity_type: event.entity_type,
    entity_id: event.entity_id,
    changed_fields: event.changed_fields,
    outcome: event.outcome,
    request_id: event.request_id,
    ip: event.ip,
    details: event.details,
  });
  if (encoded === undefined) throw new Error(`Audit entry ${event.id} cannot be encoded`);
  return encoded;
}

/** entry_hash = SHA-256(0x00 ‖ previous hash ‖ seq as 8 bytes big-endian ‖ canonical entry). */
export function chainHash(previousHash: string, seq: number, event: AuditEventRow): string {
  const seqBytes = Buffer.alloc(8);
  seqBytes.writeBigUInt64BE(BigInt(seq));
  return createHash('sha256')
    .update(Buffer.from([0]))
    .update(Buffer.from(previousHash, 'hex'))
    .update(seqBytes)
    .update(canonicalEntry(event), 'utf8')
    .digest('hex');
}
