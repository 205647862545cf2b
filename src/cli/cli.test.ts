import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createDatabase } from '../db/create-db.ts';
import { runCli } from './cli.ts';

// The command opens the database its environment names: here an embedded one of its own.
const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'liaison-cli-'));
const saved = { ...process.env };

beforeAll(() => {
  delete process.env.DATABASE_URL;
  process.env.DATA_DIR = path.join(directory, 'data');
  process.env.AUDIT_CHECKPOINT_DIR = path.join(directory, 'checkpoints');
  process.env.AUDIT_CHECKPOINT_KEY_FILE = path.join(directory, 'key.pem');
});
afterEach(() => {
  process.exitCode = undefined;
  vi.restoreAllMocks();
});
afterAll(() => {
  process.env = saved;
  fs.rmSync(directory, { recursive: true, force: true });
});

/** Runs one command; answers what it printed and its exit code. */
async function liaison(...args: string[]) {
  const printed: string[] = [];
  vi.spyOn(console, 'log').mockImplementation((line: unknown) => void printed.push(String(line)));
  vi.spyOn(console, 'error').mockImplementation((line: unknown) => void printed.push(String(line)));
  await runCli(['node', 'liaison', ...args]);
  const exitCode = process.exitCode ?? 0;
  process.exitCode = undefined;
  vi.restoreAllMocks();
  return { output: printed.join('\n'), exitCode };
}

describe('the liaison command', () => {
  it('names organisations in the audit report, not by id alone', { timeout: 60_000 }, async () => {
    const created = await liaison('org', 'create', '--name', 'Sunrise Care');
    expect(created.exitCode).toBe(0);
    const verified = await liaison('audit', 'verify');
    expect(verified.exitCode).toBe(0);
    expect(verified.output).toMatch(/^ok {6}Sunrise Care: \d+ entries verify/m);
    expect(verified.output).not.toContain(created.output.trim());
    const json = JSON.parse((await liaison('audit', 'verify', '--json')).output);
    expect(json[0]).toMatchObject({ orgName: 'Sunrise Care', orgId: created.output.trim(), verified: true });
  });

  it('refuses an email address the API would refuse, naming the option', { timeout: 60_000 }, async () => {
    const refused = await liaison(
      'user',
      'add',
      '--org',
      'Sunrise Care',
      '--email',
      'x@y',
      '--name',
      'Ada Brown',
      '--role',
      'care_worker',
    );
    expect(refused.exitCode).toBe(1);
    expect(refused.output).toMatch(/^--email: /);
    const added = await liaison(
      'user',
      'add',
      '--org',
      'Sunrise Care',
      '--email',
      'ada.brown@example.org',
      '--name',
      'Ada Brown',
      '--role',
      'care_worker',
    );
    expect(added.exitCode).toBe(0);
    expect(added.output).toContain('Added Ada Brown <ada.brown@example.org> as care_worker');
  });

  it('names the option in other refusals too', async () => {
    const refused = await liaison(
      'org',
      'create',
      '--name',
      'Elm House',
      '--registration-number',
      'x'.repeat(51),
    );
    expect(refused.exitCode).toBe(1);
    expect(refused.output).toMatch(/^--registration-number: /);
  });

  it('writes inclusion and consistency proofs that anyone can check with the checkpoint files and the public key alone', {
    timeout: 120_000,
  }, async () => {
    expect((await liaison('org', 'create', '--name', 'Proof Care')).exitCode).toBe(0);
    const first = await liaison('audit', 'checkpoint', '--org', 'Proof Care');
    expect(first.output).toMatch(/^signed/);
    const firstSize = Number(/: (\d+) entries/.exec(first.output)?.[1]);
    const entryId = await firstEntryId('Proof Care');
    const proofFile = path.join(directory, 'entry-proof.json');
    const written = await liaison(
      'audit',
      'proof',
      '--org',
      'Proof Care',
      '--entry',
      String(entryId),
      '--out',
      proofFile,
    );
    expect(written.exitCode).toBe(0);
    expect(written.output).toContain(`of ${firstSize} (signed checkpoint`);
    const publicKey = `${process.env.AUDIT_CHECKPOINT_KEY_FILE}.pub`;
    const check = (proof: string, ...checkpoints: string[]) =>
      liaison(
        'audit',
        'verify-proof',
        '--proof',
        proof,
        ...checkpoints.flatMap((file) => ['--checkpoint', file]),
        '--public-key',
        publicKey,
      );
    const checked = await check(proofFile, `${proofFile}.checkpoint.json`);
    expect(checked).toMatchObject({ exitCode: 0 });
    expect(checked.output).toMatch(/^ok {6}Entry \d+ is entry 1 of/);

    // An entry changed in the proof no longer matches its leaf; a path changed no longer leads to the signed head.
    const proof = JSON.parse(fs.readFileSync(proofFile, 'utf8'));
    const altered = path.join(directory, 'altered-proof.json');
    fs.writeFileSync(
      altered,
      JSON.stringify({ ...proof, entry: proof.entry.replace('organisation.create', 'x.y') }),
    );
    expect(await check(altered, `${proofFile}.checkpoint.json`)).toMatchObject({ exitCode: 1 });
    fs.writeFileSync(altered, JSON.stringify({ ...proof, seq: proof.seq + 1 }));
    expect((await check(altered, `${proofFile}.checkpoint.json`)).output).toMatch(/^FAILED/);
    // Without a checkpoint of its size, a proof proves nothing.
    expect((await check(proofFile)).output).toMatch(/No checkpoint of \d+ entries/);

    await liaison(
      'user',
      'add',
      '--org',
      'Proof Care',
      '--email',
      'proof.manager@example.org',
      '--name',
      'Ann Proof',
      '--role',
      'manager',
    );
    const second = await liaison('audit', 'checkpoint', '--org', 'Proof Care');
    const secondSize = Number(/: (\d+) entries/.exec(second.output)?.[1]);
    expect(secondSize).toBeGreaterThan(firstSize);
    const consistencyFile = path.join(directory, 'consistency-proof.json');
    await liaison(
      'audit',
      'consistency',
      '--org',
      'Proof Care',
      '--from',
      String(firstSize),
      '--to',
      String(secondSize),
      '--out',
      consistencyFile,
    );
    const consistent = await check(
      consistencyFile,
      `${consistencyFile}.checkpoint-1.json`,
      `${consistencyFile}.checkpoint-2.json`,
    );
    expect(consistent).toMatchObject({ exitCode: 0 });
    expect(consistent.output).toMatch(/^ok/);
    // The newer checkpoint alone does not vouch for the older tree head.
    expect((await check(consistencyFile, `${consistencyFile}.checkpoint-2.json`)).exitCode).toBe(1);
  });
});

/** The id of the organisation's first audit entry, read from the command's embedded database. */
async function firstEntryId(name: string): Promise<number> {
  const handle = await createDatabase({ backend: 'pglite', dataDir: process.env.DATA_DIR! });
  try {
    const row = await handle.db
      .selectFrom('audit_events')
      .innerJoin('organisations', 'organisations.id', 'audit_events.org_id')
      .select('audit_events.id')
      .where('organisations.name', '=', name)
      .orderBy('audit_events.id')
      .executeTakeFirstOrThrow();
    return row.id;
  } finally {
    await handle.close();
  }
}
