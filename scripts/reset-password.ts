import 'dotenv/config';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { ConfigError, loadConfig } from '../src/config/index.ts';
import { openDatabase } from '../src/db/client.ts';
import { DataDirInUseError } from '../src/db/data-dir-lock.ts';
import { AppError } from '../src/domain/errors.ts';
import { resetPasswordByEmail } from '../src/services/tenancy/members.ts';

/**
 * `npm run reset-password -- <email>`: a new password for an account, for whoever runs the
 * server — the way back in for an owner who lost theirs. Same configuration as the server
 * (DATA_DIR or DATABASE_URL); on the embedded database, the server must be stopped first.
 */
async function resetPassword(email: string | undefined) {
  if (!email) throw new UsageError('Usage: npm run reset-password -- <email>');
  const config = loadConfig();
  const embedded = !config.DATABASE_URL;
  if (embedded && !existsSync(join(config.DATA_DIR, 'PG_VERSION'))) {
    throw new UsageError(
      `No database in DATA_DIR ${config.DATA_DIR}: run this where the server runs, with its DATA_DIR or DATABASE_URL.`,
    );
  }
  const database = await openDatabase({ databaseUrl: config.DATABASE_URL, dataDir: config.DATA_DIR });
  try {
    const { password, name, practices } = await resetPasswordByEmail(database.db, email);
    console.log(
      [
        `New password for ${name} <${email.trim().toLowerCase()}>${practices.length ? ` (${practices.join(', ')})` : ''}:`,
        '',
        `    ${password}`,
        '',
        'Their sessions have ended. Hand the password over; they can change it on their Profile page.',
      ].join('\n'),
    );
  } finally {
    await database.close();
  }
}

class UsageError extends Error {}

resetPassword(process.argv[2]).catch((error: unknown) => {
  const explained =
    error instanceof UsageError ||
    error instanceof ConfigError ||
    error instanceof DataDirInUseError ||
    error instanceof AppError;
  console.error(explained ? (error as Error).message : error);
  process.exit(1);
});
