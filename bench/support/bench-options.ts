import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { startEmbeddedPostgres } from '../../tests/support/postgres-global-setup.ts';

/** A benchmark's command-line options: `--name=value`, `--name value`, or a bare `--flag` (`'true'`). */
export function benchOptions(argv = process.argv.slice(2)): Record<string, string> {
  const options: Record<string, string> = {};
  for (let i = 0; i < argv.length; i++) {
    const match = /^--([a-z-]+)(?:=(.*))?$/.exec(argv[i]!);
    if (!match) continue;
    const next = argv[i + 1];
    if (match[2] !== undefined) options[match[1]!] = match[2];
    else if (next !== undefined && !next.startsWith('--')) options[match[1]!] = argv[++i]!;
    else options[match[1]!] = 'true';
  }
  return options;
}

/**
 * The PostgreSQL a benchmark measures: DATABASE_URL when set, else an embedded server. `durable`
 * keeps PostgreSQL's default settings (fsync on), as a production server runs; otherwise the
 * test suite's (fsync off), where the disk is not what is measured.
 */
export async function benchPostgres(options: { durable?: boolean } = {}) {
  if (process.env.DATABASE_URL) return { url: process.env.DATABASE_URL, stop: async () => {} };
  return startEmbeddedPostgres({ durable: options.durable });
}

/**
 * CPU time used so far by every local process named `postgres` (the server and its backends),
 * in ms; null where /proc cannot tell (not Linux, or a remote server). A benchmark reads it
 * before and after a phase to print the server's share next to its own.
 */
export function postgresCpuMs(): number | null {
  return cpuMsOf((name) => name === 'postgres');
}

/** CPU time used so far by one local process (e.g. an emulator the benchmark started), in ms. */
export function processCpuMs(pid: number): number | null {
  return cpuMsOf((_name, processId) => processId === String(pid));
}

function cpuMsOf(matches: (name: string, pid: string) => boolean): number | null {
  if (!existsSync('/proc/self/stat')) return null;
  const ticksPerMs = 100 / 1000; // USER_HZ is 100 on Linux
  let ticks = 0;
  for (const pid of readdirSync('/proc')) {
    if (!/^\d+$/.test(pid)) continue;
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const name = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
      if (!matches(name, pid)) continue;
      // After the name: state is field 3; utime and stime are fields 14 and 15 (proc(5)).
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      ticks += Number(fields[11]) + Number(fields[12]);
    } catch {
      // The process ended meanwhile.
    }
  }
  return ticks / ticksPerMs;
}
