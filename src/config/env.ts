import { z } from 'zod';

/**
 * The whole environment of DESIGN §3, validated once at start-up. A bad value stops the
 * process with a message naming the variable, instead of failing later in some request.
 */
const booleanFlag = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'], { message: 'expected true or false' })
  .transform((v) => v === 'true' || v === '1' || v === 'yes');

const url = z.url({ message: 'expected an absolute URL' });
const optionalText = z.string().trim().min(1).optional();

/** The payment providers a Lago customer can be linked to (lago-openapi CustomerBillingConfiguration). */
export const lagoPaymentProviders = [
  'stripe',
  'adyen',
  'gocardless',
  'cashfree',
  'flutterwave',
  'moneyhash',
] as const;

export const envSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  DATA_DIR: z.string().min(1).default('./data'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, { message: 'expected a postgres:// or postgresql:// URL' })
    .optional(),
  /** Off for a proxy that does not keep prepared statements (src/db/client.ts). */
  DATABASE_PREPARED_STATEMENTS: booleanFlag.default(true),
  PORT: z.coerce
    .number({ message: 'expected a port number' })
    .int({ message: 'expected a whole port number' })
    .min(0)
    .max(65535)
    .default(3000),
  HOST: z.string().min(1).default('0.0.0.0'),
  /** Unset: http://localhost:<PORT>, so that changing only the port keeps sign-in and OAuth working. */
  PUBLIC_URL: url.optional(),
  ENCRYPTION_KEY: z
    .string()
    .refine((v) => Buffer.from(v, 'base64').length === 32, { message: 'expected 32 bytes, base64-encoded' })
    .optional(),
  /** Former keys, comma-separated, still accepted for decryption while data is re-encrypted. */
  ENCRYPTION_KEY_PREVIOUS: z
    .string()
    .refine(
      (v) =>
        v
          .split(',')
          .filter(Boolean)
          .every((k) => Buffer.from(k.trim(), 'base64').length === 32),
      { message: 'expected comma-separated 32-byte base64 keys' },
    )
    .optional(),
  GOOGLE_CLIENT_ID: optionalText,
  GOOGLE_CLIENT_SECRET: optionalText,
  GOOGLE_REDIRECT_URI: url.optional(),
  GOOGLE_AUTH_URL: url.default('https://accounts.google.com/o/oauth2/v2/auth'),
  GOOGLE_TOKEN_URL: url.default('https://oauth2.googleapis.com/token'),
  GOOGLE_API_BASE_URL: url.default('https://www.googleapis.com'),
  GOOGLE_CALENDAR_ID: optionalText,
  GOOGLE_SERVICE_ACCOUNT_JSON: z
    .string()
    .refine(
      (v) => {
        try {
          const parsed = JSON.parse(v) as Record<string, unknown>;
          return typeof parsed.client_email === 'string' && typeof parsed.private_key === 'string';
        } catch {
          return false;
        }
      },
      { message: 'expected the JSON of a service-account key file (client_email, private_key)' },
    )
    .optional(),
  /**
   * The practice the service-account calendar belongs to: its id or its slug (GET /api/me's
   * `tenant`). Unset: the server's first practice, the usual single-practice self-hosting.
   */
  GOOGLE_SERVICE_ACCOUNT_PRACTICE: optionalText,
  MICROSOFT_CLIENT_ID: optionalText,
  MICROSOFT_CLIENT_SECRET: optionalText,
  MICROSOFT_REDIRECT_URI: url.optional(),
  MICROSOFT_TENANT: z.string().min(1).default('common'),
  MICROSOFT_AUTHORITY_URL: url.default('https://login.microsoftonline.com'),
  MICROSOFT_GRAPH_BASE_URL: url.default('https://graph.microsoft.com/v1.0'),
  /**
   * The bearer token a Prometheus scraper sends for /metrics. Unset: /metrics is off, since it
   * tells anyone who asks the routes, their traffic and the process's state.
   */
  METRICS_TOKEN: z.string().trim().min(16, { message: 'Use at least 16 characters' }).optional(),
  LAGO_API_URL: url.default('https://api.getlago.com/api/v1'),
  LAGO_API_KEY: optionalText,
  LAGO_WEBHOOK_SECRET: optionalText,
  /**
   * The payment provider Lago links new customers to (its type, and the code of its connection in
   * Lago when there are several): clients then get a checkout link to pay their invoice.
   */
  LAGO_PAYMENT_PROVIDER: z.enum(lagoPaymentProviders).optional(),
  LAGO_PAYMENT_PROVIDER_CODE: optionalText,
  AUTO_SYNC_ENABLED: booleanFlag.default(true),
  AUTO_SYNC_INTERVAL: z.coerce
    .number({ message: 'expected a number of seconds' })
    .int()
    .min(10, { message: 'must be at least 10 seconds' })
    .default(300),
  /** Comma-separated origins allowed by CORS and the CSRF check, besides PUBLIC_URL itself. */
  ALLOWED_ORIGINS: z
    .string()
    .default('')
    .transform((v) =>
      v
        .split(',')
        .map((o) => o.trim())
        .filter(Boolean),
    )
    .pipe(z.array(url)),
  /** `all` (default): API, web app and workers in one process; `api` or `worker` to scale out. */
  PROCESS_ROLE: z.enum(['all', 'api', 'worker']).default('all'),
});

export type Env = z.infer<typeof envSchema> & { PUBLIC_URL: string };

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** Parses an environment (process.env by default); throws ConfigError naming each bad variable. */
export function parseEnv(source: Record<string, string | undefined> = process.env): Env {
  // An empty variable means "not set": `.env` files often carry `NAME=` lines.
  const present = Object.fromEntries(Object.entries(source).filter(([, v]) => v !== undefined && v !== ''));
  const result = envSchema.safeParse(present);
  if (!result.success) {
    throw new ConfigError(result.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`));
  }
  if (result.data.PROCESS_ROLE !== 'all' && !result.data.DATABASE_URL) {
    // An api process without a worker beside it on the same database would queue jobs nobody runs.
    throw new ConfigError([
      `PROCESS_ROLE: '${result.data.PROCESS_ROLE}' shares its database with other processes; set DATABASE_URL (the embedded PGlite belongs to one process)`,
    ]);
  }
  if (result.data.LAGO_PAYMENT_PROVIDER_CODE && !result.data.LAGO_PAYMENT_PROVIDER) {
    throw new ConfigError([
      'LAGO_PAYMENT_PROVIDER_CODE: names a connection of LAGO_PAYMENT_PROVIDER, which is not set (stripe, adyen, …)',
    ]);
  }
  if (
    result.data.GOOGLE_SERVICE_ACCOUNT_PRACTICE &&
    !(result.data.GOOGLE_SERVICE_ACCOUNT_JSON && result.data.GOOGLE_CALENDAR_ID)
  ) {
    throw new ConfigError([
      'GOOGLE_SERVICE_ACCOUNT_PRACTICE: names the practice of the service-account calendar, which is not set up (GOOGLE_SERVICE_ACCOUNT_JSON and GOOGLE_CALENDAR_ID)',
    ]);
  }
  return { ...result.data, PUBLIC_URL: result.data.PUBLIC_URL ?? `http://localhost:${result.data.PORT}` };
}
