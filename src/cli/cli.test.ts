import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
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
});
