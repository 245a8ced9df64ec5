import { readFileSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';

/**
 * An embedded PGlite database is a folder that one process reads into its own memory and writes
 * back: two processes on one folder overwrite each other's pages and corrupt it, and PGlite does
 * not stop the second (its postmaster.pid holds no real process id). This lock file does. It
 * names the holder; a holder that no longer runs (a crash, a killed container) leaves a stale
 * file that the next process takes over.
 */
export class DataDirInUseError extends Error {
  constructor(
    readonly dataDir: string,
    readonly holder: LockHolder,
  ) {
    super(
      `DATA_DIR ${dataDir} is in use by process ${holder.pid} on ${holder.host} (since ${holder.since}). ` +
        'The embedded database can be opened by one process at a time: stop that process first, ' +
        'or set DATABASE_URL to share a PostgreSQL between processes. If no such process runs, ' +
        `delete ${join(dataDir, LOCK_FILE)}.`,
    );
    this.name = 'DataDirInUseError';
  }
}

interface LockHolder {
  pid: number;
  host: string;
  since: string;
}

const LOCK_FILE = 'rendezvous.lock';

/** Takes the folder for this process; the returned function gives it back. */
export function lockDataDir(dataDir: string): () => void {
  const path = join(dataDir, LOCK_FILE);
  const mine: LockHolder = { pid: process.pid, host: hostname(), since: new Date().toISOString() };
  const content = JSON.stringify(mine);
  // Two tries: the second after removing a stale lock. Exclusive creation makes the race
  // between two starting processes safe: one of them gets EEXIST.
  for (let attempt = 0; attempt < 2; attempt += 1) {
    try {
      writeFileSync(path, content, { flag: 'wx' });
      return () => {
        // Only our own lock: never delete one another process took over.
        if (readHolder(path) === content) unlinkSync(path);
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const existing = readHolder(path);
    const holder = parseHolder(existing) ?? (isFresh(path) ? unknownHolder : undefined);
    if (holder && isRunning(holder)) throw new DataDirInUseError(dataDir, holder);
    removeIfUnchanged(path, existing);
  }
  throw new DataDirInUseError(dataDir, parseHolder(readHolder(path)) ?? unknownHolder);
}

/** The holder of a lock file still being written, or rewritten under our feet. */
const unknownHolder: LockHolder = { pid: 0, host: 'unknown', since: 'just now' };

/** A file without a holder is being written by a process that just created it — or was left by one that died. */
function isFresh(path: string): boolean {
  try {
    return Date.now() - statSync(path).mtimeMs < 10_000;
  } catch {
    return false;
  }
}

function readHolder(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
}

function parseHolder(content: string | undefined): LockHolder | undefined {
  try {
    const value = JSON.parse(content ?? '') as Partial<LockHolder>;
    return typeof value.pid === 'number' && typeof value.host === 'string'
      ? { pid: value.pid, host: value.host, since: String(value.since) }
      : undefined;
  } catch {
    // An empty or half-written file (see isFresh).
    return undefined;
  }
}

/**
 * A holder on another host (a folder on a network share) cannot be checked, so it counts as
 * running. On this host, our own pid is a previous life of this process's container.
 */
function isRunning(holder: LockHolder): boolean {
  if (holder === unknownHolder || holder.host !== hostname()) return true;
  if (holder.pid === process.pid) return false;
  try {
    process.kill(holder.pid, 0);
    return true;
  } catch (error) {
    // EPERM: it runs, under another user.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function removeIfUnchanged(path: string, seen: string | undefined) {
  if (readHolder(path) !== seen) return;
  try {
    unlinkSync(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
}
