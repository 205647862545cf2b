import { createHash } from 'node:crypto';
import canonicalize from 'canonicalize';
import type { AuditEventRow } from './audit.table.ts';
import { leafHash } from './merkle.ts';

export const GENESIS_HASH = '0'.repeat(64);

/**
 * The bytes an entry's hash covers, independent of the database driver: every field of the
 * entry, timestamps as ISO-8601 UTC strings, in RFC 8785 canonical JSON.
 */
export function canonicalEntry(event: AuditEventRow): string {
  const fields: Record<string, unknown> = {
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
  };
  const encoded = encodeEntry(fields) ?? canonicalize(fields);
  if (encoded === undefined) throw new Error(`Audit entry ${event.id} cannot be encoded`);
  return encoded;
}

/** Every field of an entry that its hash covers: all of them but the sealing order. */
export const hashedEntryFields = [
  'org_id',
  'id',
  'occurred_at',
  'actor_type',
  'actor_id',
  'actor_role',
  'action',
  'entity_type',
  'entity_id',
  'changed_fields',
  'outcome',
  'request_id',
  'ip',
  'details',
] as const satisfies readonly (keyof AuditEventRow)[];

// The sealer encodes every entry once and the verifier every entry again, so the flat top level
// is written directly; anything unusual (nested details, a lone surrogate) goes to canonicalize,
// so the bytes are exactly canonicalize's (a property test holds the two together).
const ENTRY_KEYS = [...hashedEntryFields]
  // RFC 8785 orders members by their names' UTF-16 code units, which is what sort() compares.
  .sort()
  .map((key) => ({ key, prefix: `${JSON.stringify(key)}:` }));

const SURROGATE = /[\uD800-\uDFFF]/;

function encodeEntry(fields: Record<string, unknown>): string | undefined {
  let encoded = '';
  for (const { key, prefix } of ENTRY_KEYS) {
    const value = fields[key];
    if (value === undefined) continue;
    const member = encodeValue(value);
    if (member === undefined) return undefined;
    encoded += encoded === '' ? `{${prefix}${member}` : `,${prefix}${member}`;
  }
  return encoded === '' ? '{}' : `${encoded}}`;
}

function encodeValue(value: unknown): string | undefined {
  if (value === null) return 'null';
  if (typeof value === 'string') return SURROGATE.test(value) ? undefined : JSON.stringify(value);
  if (typeof value === 'number') return Number.isFinite(value) ? JSON.stringify(value) : undefined;
  if (Array.isArray(value) && value.every((item) => typeof item === 'string' && !SURROGATE.test(item))) {
    return `[${value.map((item) => JSON.stringify(item)).join(',')}]`;
  }
  return canonicalize(value);
}

/** entry_hash = SHA-256(0x00 ‖ previous hash ‖ seq as 8 bytes big-endian ‖ canonical entry). */
export function chainHash(previousHash: string, seq: number, event: AuditEventRow): string {
  const canonical = canonicalEntry(event);
  // One buffer and one update: the sequencer hashes every entry, the verifier every entry again.
  const input = Buffer.allocUnsafe(41 + Buffer.byteLength(canonical, 'utf8'));
  input[0] = 0;
  if (input.write(previousHash, 1, 'hex') !== 32) throw new Error('A chain hash is 32 bytes of hex');
  input.writeBigUInt64BE(BigInt(seq), 33);
  input.write(canonical, 41, 'utf8');
  return createHash('sha256').update(input).digest('hex');
}

/** The entry's leaf in its organisation's Merkle tree: SHA-256(0x00 ‖ canonical entry). */
export function entryLeafHash(event: AuditEventRow): Buffer {
  return leafHash(canonicalEntry(event));
}
