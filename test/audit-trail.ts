import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll } from 'vitest';
import * as auditRepository from '../src/audit/audit.repository.ts';
import { recordAudit } from '../src/audit/audit.service.ts';
import { entryLeafHash } from '../src/audit/audit-hash.ts';
import { buildBlock } from '../src/audit/audit-tree.service.ts';
import type { CheckpointSettings } from '../src/audit/checkpoint.ts';
import type { ManualClock } from '../src/clock.ts';
import { systemContext } from '../src/context.ts';
import type { Db } from '../src/db/database.ts';

// For the audit trail's tests: reading sealed positions, and tampering as an attacker would.

/**
 * A temporary directory for the test file, removed after its last test, and checkpoint settings
 * inside it: the checkpoints in `checkpoints/`, the signing key in `keys/`.
 */
export function checkpointDirectoryForFile(prefix: string): {
  workDirectory: string;
  settings: CheckpointSettings;
} {
  const workDirectory = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  afterAll(() => fs.rmSync(workDirectory, { recursive: true, force: true }));
  return {
    workDirectory,
    settings: {
      directory: path.join(workDirectory, 'checkpoints'),
      keyFile: path.join(workDirectory, 'keys', 'audit-checkpoint-key.pem'),
    },
  };
}

/** Records `count` entries for the organisation, a second apart; they wait to be sealed. */
export async function recordTestEntries(
  db: Db,
  clock: ManualClock,
  orgId: string,
  count: number,
): Promise<void> {
  for (let index = 0; index < count; index += 1) {
    await recordAudit(db, systemContext(orgId, 'test'), clock.now(), {
      action: 'test.write',
      entityType: 'test',
      entityId: String(index),
    });
    clock.advance(1000);
  }
}

/** The organisation's sealed entries' ids, in seq order (index 0 is seq 1). */
export async function sealedEventIds(db: Db, orgId: string): Promise<number[]> {
  const blocks = await db
    .selectFrom('audit_blocks')
    .select('event_ids')
    .where('org_id', '=', orgId)
    .orderBy('tree_size')
    .execute();
  return blocks.flatMap((block) => block.event_ids.map(Number));
}

export async function eventIdAt(db: Db, orgId: string, seq: number): Promise<number> {
  const id = (await sealedEventIds(db, orgId))[seq - 1];
  if (id === undefined) throw new Error(`No entry is sealed at ${seq}`);
  return id;
}

/** Tampering needs a superuser who switches the append-only triggers off, as an attacker would. */
export async function asSuperuser(
  db: Db,
  statements: ReturnType<typeof sql> | ReturnType<typeof sql>[],
): Promise<void> {
  const tables = ['audit_events', 'audit_blocks', 'audit_chain', 'audit_checkpoints'];
  await db.transaction().execute(async (trx) => {
    for (const table of tables) await sql`alter table ${sql.table(table)} disable trigger user`.execute(trx);
    for (const statement of [statements].flat()) await statement.execute(trx);
    for (const table of tables) await sql`alter table ${sql.table(table)} enable trigger user`.execute(trx);
  });
}

/** Puts entry `eventId` at position `seq` of the block holding it, as a superuser could. */
export function placeEntryAt(orgId: string, seq: number, eventId: number) {
  return sql`update audit_blocks set event_ids[${seq}::int - start_size] = ${eventId}
    where org_id = ${orgId} and start_size < ${seq} and tree_size >= ${seq}`;
}

/**
 * Replaces the organisation's blocks with one block over `eventIds` (by default those sealed now),
 * every hash recomputed from the entries as they are: what someone with full control of the
 * database could do to make a rewritten or shortened trail consistent with itself again.
 */
export async function rebuildTree(db: Db, orgId: string, eventIds?: number[]): Promise<void> {
  const ids = eventIds ?? (await sealedEventIds(db, orgId));
  const entries = await auditRepository.findEntriesByIds(db, orgId, ids);
  const block = buildBlock(
    orgId,
    null,
    entries.map((entry, index) => {
      if (!entry) throw new Error(`Entry ${ids[index]} does not exist`);
      return { eventId: entry.id, leaf: entryLeafHash(entry) };
    }),
  );
  await asSuperuser(db, [
    sql`delete from audit_blocks where org_id = ${orgId}`,
    sql`insert into audit_blocks (org_id, tree_size, start_size, event_ids, nodes, frontier, tree_head, previous_head, sealed_at)
        values (${orgId}, ${block.tree_size}, 0, ${block.event_ids}::bigint[], ${block.nodes}, ${block.frontier},
          ${block.tree_head}, ${block.previous_head}, now())`,
  ]);
}
