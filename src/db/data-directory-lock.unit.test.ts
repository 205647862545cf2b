import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { lockDataDirectory, processIdentity } from './data-directory-lock.ts';

// Another running process, standing for whatever now has the id a crashed Liaison had.
let stranger: ChildProcess;
let dataDir: string;
const lockPath = () => path.join(dataDir, 'liaison.lock');

beforeAll(async () => {
  stranger = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { stdio: 'ignore' });
  await new Promise((resolve) => stranger.once('spawn', resolve));
});
afterAll(() => {
  stranger.kill();
});
beforeEach(() => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'liaison-lock-'));
});

describe('the embedded database directory lock', () => {
  it.runIf(process.platform === 'linux')(
    'takes over a lock whose process id now belongs to another process',
    () => {
      const pid = stranger.pid!;
      fs.writeFileSync(lockPath(), JSON.stringify({ pid, process: 'an-earlier-boot/12345' }));
      const release = lockDataDirectory(dataDir);
      expect(JSON.parse(fs.readFileSync(lockPath(), 'utf8')).pid).toBe(process.pid);
      release();
      expect(fs.existsSync(lockPath())).toBe(false);
    },
  );

  // Process identities come from /proc: elsewhere a running id is taken as the owner.
  it.runIf(process.platform === 'linux')(
    'refuses a lock held by the process that wrote it, while it runs',
    () => {
      const pid = stranger.pid!;
      const identity = processIdentity(pid);
      expect(identity).not.toBeNull();
      fs.writeFileSync(lockPath(), JSON.stringify({ pid, process: identity }));
      expect(() => lockDataDirectory(dataDir)).toThrow(`in use by process ${pid}`);
      expect(JSON.parse(fs.readFileSync(lockPath(), 'utf8')).pid).toBe(pid);
    },
  );

  it('reads a lock written with the bare process id: refused while that id runs, taken over once not', async () => {
    const ended = spawn(process.execPath, ['-e', ''], { stdio: 'ignore' });
    await new Promise((resolve) => ended.once('exit', resolve));
    fs.writeFileSync(lockPath(), String(stranger.pid));
    expect(() => lockDataDirectory(dataDir)).toThrow('in use');
    fs.writeFileSync(lockPath(), String(ended.pid));
    lockDataDirectory(dataDir)();
  });

  it('takes over an unreadable lock, and a lock of its own process', () => {
    fs.writeFileSync(lockPath(), 'not a lock');
    lockDataDirectory(dataDir)();
    fs.writeFileSync(lockPath(), JSON.stringify({ pid: process.pid, process: processIdentity(process.pid) }));
    lockDataDirectory(dataDir)();
  });

  it.runIf(process.platform === 'linux')('knows this process, and that another one is not it', () => {
    expect(processIdentity(process.pid)).toMatch(/^[0-9a-f-]+\/\d+$/);
    expect(processIdentity(stranger.pid!)).not.toBe(processIdentity(process.pid));
  });
});
