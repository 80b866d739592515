import { readFileSync, rmSync } from 'node:fs';
import { open, readFile, rm } from 'node:fs/promises';
import path from 'node:path';

export class DataDirLockedError extends Error {
  constructor(
    readonly dataDir: string,
    readonly pid: number,
  ) {
    super(
      `another execops process (pid ${pid}) is already using the data folder ${dataDir}; ` +
        `stop it first, or start this one with another --data-dir`,
    );
    this.name = 'DataDirLockedError';
  }
}

export function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export interface DataDirLock {
  /** True when the previous owner died without releasing the lock (its PostgreSQL may still run). */
  readonly recoveredStale: boolean;
  release(): Promise<void>;
}

/** Folders this process holds: its own pid in a lock file is only stale when the folder is not among them. */
const heldByThisProcess = new Set<string>();

/** Takes `<dataDir>/server.lock` for this process; a lock left by a dead process is taken over. */
export async function lockDataDir(dataDir: string): Promise<DataDirLock> {
  const lockPath = path.join(dataDir, 'server.lock');
  if (heldByThisProcess.has(lockPath)) throw new DataDirLockedError(dataDir, process.pid);
  let recoveredStale = false;
  for (;;) {
    try {
      const handle = await open(lockPath, 'wx');
      await handle.writeFile(JSON.stringify({ pid: process.pid, startedAt: new Date().toISOString() }));
      await handle.close();
      heldByThisProcess.add(lockPath);
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const owner = await readLockOwner(lockPath);
      if (owner !== null && owner !== process.pid && isProcessAlive(owner)) throw new DataDirLockedError(dataDir, owner);
      await rm(lockPath, { force: true });
      recoveredStale = true;
    }
  }
  let released = false;
  // A process that exits without release() (an uncaught error, process.exit elsewhere) still unlocks.
  const releaseOnExit = () => {
    if (lockOwnerSync(lockPath) === process.pid) rmSync(lockPath, { force: true });
  };
  process.once('exit', releaseOnExit);
  return {
    recoveredStale,
    async release() {
      if (released) return;
      released = true;
      process.removeListener('exit', releaseOnExit);
      heldByThisProcess.delete(lockPath);
      if ((await readLockOwner(lockPath)) === process.pid) await rm(lockPath, { force: true });
    },
  };
}

async function readLockOwner(lockPath: string): Promise<number | null> {
  return parseLockOwner(await readFile(lockPath, 'utf8').catch(() => ''));
}

function lockOwnerSync(lockPath: string): number | null {
  try {
    return parseLockOwner(readFileSync(lockPath, 'utf8'));
  } catch {
    return null;
  }
}

function parseLockOwner(text: string): number | null {
  try {
    const pid = (JSON.parse(text) as { pid?: unknown }).pid;
    return typeof pid === 'number' ? pid : null;
  } catch {
    return null;
  }
}
