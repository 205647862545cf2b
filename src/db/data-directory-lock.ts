import fs from 'node:fs';
import path from 'node:path';

/**
 * Who holds the lock: the process id, and on Linux which process that was (the boot it ran in
 * and when it started, in clock ticks since boot). A process id is reused once its process has
 * ended, so the id alone can name a stranger; the pair cannot.
 */
type LockOwner = { pid: number; process: string | null };

/** A process's identity on this machine (Linux), or null where the system does not say. */
export function processIdentity(pid: number): string | null {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) may hold spaces and parentheses: count fields after its last ')'.
    const startTicks = stat
      .slice(stat.lastIndexOf(')') + 2)
      .split(' ')
      .at(22 - 3);
    const bootId = fs.readFileSync('/proc/sys/kernel/random/boot_id', 'utf8').trim();
    return startTicks ? `${bootId}/${startTicks}` : null;
  } catch {
    return null;
  }
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** What a lock file says; a file from before identities were recorded holds the bare id. */
function readOwner(text: string): LockOwner | null {
  try {
    const parsed: unknown = JSON.parse(text);
    if (typeof parsed === 'number') return { pid: parsed, process: null };
    const { pid, process: identity } = parsed as { pid?: unknown; process?: unknown };
    if (typeof pid !== 'number') return null;
    return { pid, process: typeof identity === 'string' ? identity : null };
  } catch {
    return null;
  }
}

/** Whether the process that wrote the lock is still running (and is not this one). */
export function isHeldByAnother(owner: LockOwner): boolean {
  if (!Number.isInteger(owner.pid) || owner.pid <= 0 || owner.pid === process.pid) return false;
  if (!isRunning(owner.pid)) return false;
  if (owner.process === null) return true;
  const now = processIdentity(owner.pid);
  // Where the system cannot say which process has the id, assume the owner (never risk two).
  return now === null || now === owner.process;
}

/**
 * The embedded database must only ever be opened by one process: two would corrupt it. A lock
 * file naming the owner guards the directory. A lock left by a process that no longer runs is
 * taken over, also when its process id now belongs to another process (after a crash and a
 * restart, the id is often reused, by the next Liaison in a container or by anything else).
 */
export function lockDataDirectory(dataDir: string): () => void {
  fs.mkdirSync(dataDir, { recursive: true });
  const lockPath = path.join(dataDir, 'liaison.lock');
  const content = JSON.stringify({ pid: process.pid, process: processIdentity(process.pid) });
  for (let attempt = 0; attempt < 2; attempt += 1) {
    try {
      fs.writeFileSync(lockPath, content, { flag: 'wx' });
      const release = () => fs.rmSync(lockPath, { force: true });
      process.once('exit', release);
      return release;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const owner = readOwner(fs.readFileSync(lockPath, 'utf8'));
      if (owner && isHeldByAnother(owner)) {
        throw new Error(
          `The embedded database in ${dataDir} is in use by process ${owner.pid}. Stop that Liaison first, or set DATABASE_URL to use a PostgreSQL server that several processes can share.`,
        );
      }
      fs.rmSync(lockPath, { force: true });
    }
  }
  throw new Error(`Could not lock the embedded database in ${dataDir}`);
}
