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
