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

/** Measures the CPU that some local processes use from now on: `elapsed()` answers it in ms. */
export interface CpuMeter {
  /** null where /proc cannot tell (not Linux, or a remote server). */
  elapsed: () => number | null;
}

/**
 * The CPU of every local process named `postgres` (the server and its backends). A benchmark
 * prints the server's share next to its own. A backend that exits meanwhile (an idle pooled
 * connection closed) takes its share with it: the figure can fall short, never below zero.
 */
export function postgresCpu(): CpuMeter {
  return cpuMeter((name) => name === 'postgres');
}

/** The CPU of one local process (e.g. an emulator the benchmark started). */
export function processCpu(pid: number): CpuMeter {
  return cpuMeter((_name, processId) => processId === String(pid));
}

function cpuMeter(matches: (name: string, pid: string) => boolean): CpuMeter {
  const start = cpuTicks(matches);
  return {
    elapsed: () => {
      const now = cpuTicks(matches);
      if (!start || !now) return null;
      let ticks = 0;
      for (const [pid, used] of now) ticks += used - (start.get(pid) ?? 0);
      return ticks * 10; // USER_HZ is 100 on Linux: a tick is 10 ms
    },
  };
}

/** CPU ticks used so far by each matching process, by pid. */
function cpuTicks(matches: (name: string, pid: string) => boolean): Map<string, number> | null {
  if (!existsSync('/proc/self/stat')) return null;
  const ticks = new Map<string, number>();
  for (const pid of readdirSync('/proc')) {
    if (!/^\d+$/.test(pid)) continue;
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const name = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
      if (!matches(name, pid)) continue;
      // After the name: state is field 3; utime and stime are fields 14 and 15 (proc(5)).
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      ticks.set(pid, Number(fields[11]) + Number(fields[12]));
    } catch {
      // The process ended meanwhile.
    }
  }
  return ticks;
}
