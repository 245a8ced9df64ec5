import { randomUUID } from 'node:crypto';
import { betterAuth } from 'better-auth';
import { drizzleAdapter } from 'better-auth/adapters/drizzle';
import { organization } from 'better-auth/plugins';
import { createAccessControl } from 'better-auth/plugins/access';
import type { FastifyBaseLogger } from 'fastify';
import type { AppConfig } from '../../config/index.ts';
import type { Database } from '../../db/client.ts';
import {
  accounts,
  invitations,
  members,
  organizations,
  sessions,
  users,
  verifications,
} from '../../db/schema/index.ts';
import { deriveKey } from '../../security/derive-key.ts';
import { hashPassword, verifyPassword } from '../../security/password.ts';

/**
 * Roles of a tenant. Better Auth's organization plugin stores them on `members.role`; what each
 * role may do in Rendezvous is decided by src/domain/permissions.ts, not by these statements,
 * which only gate the plugin's own member management.
 */
const accessControl = createAccessControl({
  organization: ['update', 'delete'],
  member: ['create', 'update', 'delete'],
  invitation: ['create', 'cancel'],
} as const);

const tenantRoles = {
  owner: accessControl.newRole({
    organization: ['update', 'delete'],
    member: ['create', 'update', 'delete'],
    invitation: ['create', 'cancel'],
  }),
  admin: accessControl.newRole({
    organization: ['update'],
    member: ['create', 'update'],
    invitation: ['create'],
  }),
  client: accessControl.newRole({}),
};

/**
 * Better Auth's own log lines, into the server's log. Only its message is kept: the values it
 * passes along are errors carrying the failed SQL with its parameters (a person's name and email
 * when two sign-ups race for one address), which a log must not hold. A database error is
 * summed up by its code and constraint instead.
 */
function authLogger(log: Pick<FastifyBaseLogger, 'debug' | 'info' | 'warn' | 'error'>) {
  return {
    level: 'warn' as const,
    log(level: 'debug' | 'info' | 'success' | 'warn' | 'error', message: string, ...args: unknown[]) {
      const cause = args
        .map((arg) => (arg as { cause?: { code?: unknown; constraint?: unknown } } | null)?.cause)
        .find((c) => c && typeof c.code === 'string');
      const context = {
        component: 'better-auth',
        ...(cause ? { db: { code: cause.code, constraint: cause.constraint } } : {}),
      };
      log[level === 'success' ? 'info' : level](context, message);
    },
  };
}

export function createAuth(
  db: Database,
  config: AppConfig,
  log: Pick<FastifyBaseLogger, 'debug' | 'info' | 'warn' | 'error'>,
) {
  const isHttps = config.PUBLIC_URL.startsWith('https://');
  return betterAuth({
    appName: 'Rendezvous',
    baseURL: config.PUBLIC_URL,
    basePath: '/api/auth',
    secret: deriveKey(config.encryptionKey, 'auth-secret').toString('base64'),
    trustedOrigins: config.trustedOrigins,
    telemetry: { enabled: false },
    logger: authLogger(log),
    database: drizzleAdapter(db, {
      provider: 'pg',
      schema: {
        user: users,
        session: sessions,
        account: accounts,
        verification: verifications,
        organization: organizations,
        member: members,
        invitation: invitations,
      },
    }),
    emailAndPassword: {
      enabled: true,
      minPasswordLength: 8,
      maxPasswordLength: 128,
      password: { hash: hashPassword, verify: verifyPassword },
    },
    user: {
      additionalFields: {
        phone: { type: 'string', required: false, input: true },
        locale: { type: 'string', required: false, input: true },
      },
    },
    session: {
      expiresIn: 60 * 60 * 24 * 7,
      updateAge: 60 * 60 * 24,
    },
    // @fastify/rate-limit guards the auth routes (see routes/auth.ts); one limiter, one policy.
    rateLimit: { enabled: false },
    advanced: {
      database: { generateId: () => randomUUID() },
      useSecureCookies: isHttps,
      defaultCookieAttributes: { httpOnly: true, sameSite: 'lax', secure: isHttps },
    },
    plugins: [
      organization({
        ac: accessControl,
        roles: tenantRoles,
        creatorRole: 'owner',
        allowUserToCreateOrganization: false,
      }),
    ],
  });
}

export type Auth = ReturnType<typeof createAuth>;
