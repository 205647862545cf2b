import canonicalize from 'canonicalize';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { AuditEventRow } from './audit.table.ts';
import { canonicalEntry } from './audit-hash.ts';

/** What the hash has always covered: canonicalize over these fields. */
function canonicalizeEntry(event: AuditEventRow): string | undefined {
  return canonicalize({
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
}

// Any UTF-16 code units, lone surrogates included, and plain ASCII.
const text = fc.oneof(fc.string(), fc.string({ unit: 'binary' }), fc.string({ unit: 'grapheme' }));

const auditEvent: fc.Arbitrary<AuditEventRow> = fc.record({
  org_id: fc.uuid(),
  id: fc.oneof(fc.nat(), fc.maxSafeNat()),
  occurred_at: fc.date({ noInvalidDate: true, min: new Date(0), max: new Date('2200-01-01') }),
  actor_type: fc.constantFrom('user', 'api_token', 'partner', 'system'),
  actor_id: fc.option(text),
  actor_role: fc.option(text),
  action: text,
  entity_type: text,
  entity_id: fc.option(text),
  changed_fields: fc.array(text, { maxLength: 6 }),
  outcome: fc.constantFrom('success', 'denied', 'failed'),
  request_id: fc.option(text),
  ip: fc.option(text),
  details: fc.dictionary(text, fc.jsonValue({ maxDepth: 3 }), { maxKeys: 5 }) as fc.Arbitrary<
    Record<string, unknown>
  >,
});

describe('the canonical form of an audit entry', () => {
  it('is byte for byte what canonicalize gives, or fails where canonicalize fails', () => {
    fc.assert(
      fc.property(auditEvent, (event) => {
        let expected: string | undefined;
        try {
          expected = canonicalizeEntry(event);
        } catch {
          expect(() => canonicalEntry(event)).toThrow();
          return;
        }
        expect(canonicalEntry(event)).toBe(expected);
      }),
      { numRuns: 3_000 },
    );
  });

  it('orders members by name and writes no spaces', () => {
    const entry = canonicalEntry({
      org_id: '8f9b7c1e-3d2a-4b5c-9e8f-7a6b5c4d3e2f',
      id: 7,
      occurred_at: new Date('2026-11-21T09:00:00.000Z'),
      actor_type: 'api_token',
      actor_id: 'token-1',
      actor_role: 'manager',
      action: 'partner_organisation.create',
      entity_type: 'partner_organisation',
      entity_id: 'p-1',
      changed_fields: ['name', 'type'],
      outcome: 'success',
      request_id: 'r-1',
      ip: '127.0.0.1',
      details: { z: 1, a: [true, null, 'é'] },
    });
    expect(entry).toBe(
      '{"action":"partner_organisation.create","actor_id":"token-1","actor_role":"manager","actor_type":"api_token",' +
        '"changed_fields":["name","type"],"details":{"a":[true,null,"é"],"z":1},"entity_id":"p-1",' +
        '"entity_type":"partner_organisation","id":7,"ip":"127.0.0.1","occurred_at":"2026-11-21T09:00:00.000Z",' +
        '"org_id":"8f9b7c1e-3d2a-4b5c-9e8f-7a6b5c4d3e2f","outcome":"success","request_id":"r-1"}',
    );
  });
});
