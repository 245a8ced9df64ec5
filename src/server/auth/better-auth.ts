import { randomUUID } from 'node:crypto';
import { betterAuth } from 'better-auth';
import { drizzleAdapter } from 'better-auth/adapters/drizzle';
import { organization } from 'better-auth/plugins';
import { createAccessControl } from 'better-auth/plugins/access';
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

export function createAuth(db: Database, config: AppConfig) {
  const isHttps = config.PUBLIC_URL.startsWith('https://');
  return betterAuth({
    appName: 'Rendezvous',
    baseURL: config.PUBLIC_URL,
    basePath: '/api/auth',
    secret: deriveKey(config.encryptionKey, 'auth-secret').toString('base64'),
    trustedOrigins: config.trustedOrigins,
    telemetry: { enabled: false },
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
