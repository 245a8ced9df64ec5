import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/client.ts';
import { DataDirInUseError, lockDataDir } from '../../src/db/data-dir-lock.ts';

const freshDir = () => mkdtempSync(path.join(tmpdir(), 'lock-'));
const lockFile = (dir: string) => path.join(dir, 'rendezvous.lock');

/** A real other process that stays alive until killed. */
function otherProcess() {
  const child = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { stdio: 'ignore' });
  return { pid: child.pid!, stop: () => child.kill() };
}

describe('the embedded database folder lock', () => {
  it('is held by one process: a second opener is refused, naming the holder, until it is given back', () => {
    const dir = freshDir();
    const other = otherProcess();
    try {
      writeFileSync(
        lockFile(dir),
        JSON.stringify({ pid: other.pid, host: hostname(), since: '2026-12-01T10:00:00Z' }),
      );
      let refusal: unknown;
      try {
        lockDataDir(dir);
      } catch (error) {
        refusal = error;
      }
      expect(refusal).toBeInstanceOf(DataDirInUseError);
      expect((refusal as Error).message).toContain(`in use by process ${other.pid}`);
      expect((refusal as Error).message).toContain('set DATABASE_URL');
      // Refused, it left the holder's file alone.
      expect(JSON.parse(readFileSync(lockFile(dir), 'utf8')).pid).toBe(other.pid);
    } finally {
      other.stop();
    }
  });

  it('is taken over from a holder that no longer runs, and removed when given back', async () => {
    const dir = freshDir();
    const other = otherProcess();
    writeFileSync(
      lockFile(dir),
      JSON.stringify({ pid: other.pid, host: hostname(), since: '2026-12-01T10:00:00Z' }),
    );
    other.stop();
    await new Promise((resolve) => setTimeout(resolve, 200));
    const unlock = lockDataDir(dir);
    expect(JSON.parse(readFileSync(lockFile(dir), 'utf8')).pid).toBe(process.pid);
    unlock();
    expect(existsSync(lockFile(dir))).toBe(false);
  });

  it('takes over a lock naming its own pid: a restarted container whose process got the same id', () => {
    const dir = freshDir();
    writeFileSync(
      lockFile(dir),
      JSON.stringify({ pid: process.pid, host: hostname(), since: '2026-11-30T08:00:00Z' }),
    );
    const unlock = lockDataDir(dir);
    expect(JSON.parse(readFileSync(lockFile(dir), 'utf8')).since).not.toBe('2026-11-30T08:00:00Z');
    unlock();
    expect(existsSync(lockFile(dir))).toBe(false);
  });

  it('counts a holder on another host as running (a shared folder), and an empty file just written as in use', () => {
    const dir = freshDir();
    writeFileSync(lockFile(dir), JSON.stringify({ pid: 1, host: 'elsewhere', since: 'x' }));
    expect(() => lockDataDir(dir)).toThrow(/process 1 on elsewhere/);
    const other = freshDir();
    writeFileSync(lockFile(other), '');
    expect(() => lockDataDir(other)).toThrow(DataDirInUseError);
  });
});

describe('a second server on one embedded database', () => {
  it('stops at start-up with the reason, and the first one keeps its database', async () => {
    const dir = freshDir();
    const first = await openDatabase({ dataDir: dir });
    try {
      const second = spawn(
        process.execPath,
        ['--import', 'tsx', fileURLToPath(new URL('../../src/server/main.ts', import.meta.url))],
        {
          env: {
            ...process.env,
            DATA_DIR: dir,
            DATABASE_URL: '',
            PROCESS_ROLE: '',
            PORT: '0',
            LOG_LEVEL: 'silent',
            NODE_ENV: 'development',
          },
        },
      );
      let stderr = '';
      second.stderr.on('data', (chunk) => {
        stderr += chunk;
      });
      const code = await new Promise<number | null>((resolve) => second.on('exit', resolve));
      expect(code).toBe(1);
      expect(stderr).toContain(`DATA_DIR ${dir} is in use by process ${process.pid}`);
      expect(stderr).not.toContain('    at '); // the operator's to fix: no stack trace
      expect((await first.query('select 1 as one')).rows).toEqual([{ one: 1 }]);
    } finally {
      await first.close();
    }
    expect(existsSync(lockFile(dir))).toBe(false);
  }, 30_000);
});
