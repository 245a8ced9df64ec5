import { createHmac, timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import { and, asc, eq, isNull, or, sql } from 'drizzle-orm';
import type { Database } from '../../db/client.ts';
import { members, sessions, users } from '../../db/schema/index.ts';
import type { Auth } from './better-auth.ts';

/** A signed-in member as one statement reads them: session, user and membership. */
export interface SessionMember {
  userId: string;
  email: string;
  name: string;
  /** Null when the user has no membership in the session's tenant. */
  tenantId: string | null;
  role: string | null;
}

/** The value of one cookie in a `Cookie` header, decoded; null when absent or malformed. */
function readCookie(header: string | undefined, name: string): string | null {
  if (!header) return null;
  for (const part of header.split(';')) {
    const separator = part.indexOf('=');
    if (separator < 0 || part.slice(0, separator).trim() !== name) continue;
    try {
      return decodeURIComponent(part.slice(separator + 1).trim());
    } catch {
      return null;
    }
  }
  return null;
}

/** The token of a cookie signed as Better Auth signs it (`token.base64(HMAC-SHA256)`), if genuine. */
function verifiedToken(cookie: string, secret: string): string | null {
  const dot = cookie.lastIndexOf('.');
  if (dot < 1) return null;
  const token = cookie.slice(0, dot);
  const encoded = cookie.slice(dot + 1);
  // Padded base64 of 32 bytes, as Better Auth writes and requires it; Node's decoder alone would
  // also take other spellings of the same bytes.
  if (encoded.length !== 44 || !encoded.endsWith('=')) return null;
  const signature = Buffer.from(encoded, 'base64');
  const expected = createHmac('sha256', secret).update(token).digest();
  return signature.length === expected.length && timingSafeEqual(signature, expected) ? token : null;
}

/**
 * Reads a signed-in request's session, user and membership in one statement, where Better Auth
 * takes two and the membership a third. It trusts no more than Better Auth would: the cookie's
 * signature must be genuine and the session row must exist and be live, so a revoked session
 * stops working at once. It writes nothing: a session that is due to be extended (or expired,
 * unknown, or badly signed) reads as null, for the caller to hand to Better Auth.
 */
export function createSessionReader(auth: Auth, db: Database) {
  const settings = auth.$context.then((context) => ({
    cookieName: context.authCookies.sessionToken.name,
    secret: context.secret,
    // A session is extended once its expiry is nearer than this; until then it is read as is.
    extendWithinMs: (context.sessionConfig.expiresIn - context.sessionConfig.updateAge) * 1000,
  }));

  /** `dueForExtension: 'accept'` once Better Auth has had its say on the session. */
  return async function readSessionMember(
    headers: IncomingHttpHeaders,
    dueForExtension: 'refuse' | 'accept' = 'refuse',
  ): Promise<SessionMember | null> {
    const { cookieName, secret, extendWithinMs } = await settings;
    const cookie = readCookie(headers.cookie, cookieName);
    const token = cookie && verifiedToken(cookie, secret);
    if (!token) return null;

    // The session's tenant, or the oldest membership when the session names none.
    const membership = db
      .select({ tenantId: members.organizationId, role: members.role })
      .from(members)
      .where(
        and(
          eq(members.userId, sessions.userId),
          or(
            isNull(sessions.activeOrganizationId),
            eq(members.organizationId, sessions.activeOrganizationId),
          ),
        ),
      )
      .orderBy(asc(members.createdAt))
      .limit(1)
      .as('membership');
    const [row] = await db
      .select({
        expiresAt: sessions.expiresAt,
        userId: users.id,
        email: users.email,
        name: users.name,
        tenantId: membership.tenantId,
        role: membership.role,
      })
      .from(sessions)
      .innerJoin(users, eq(users.id, sessions.userId))
      .leftJoinLateral(membership, sql`true`)
      .where(eq(sessions.token, token))
      .limit(1);
    if (!row) return null;
    const remainingMs = row.expiresAt.getTime() - Date.now();
    if (remainingMs <= (dueForExtension === 'refuse' ? Math.max(0, extendWithinMs) : 0)) return null;
    const { expiresAt: _, ...member } = row;
    return member;
  };
}

export type SessionReader = ReturnType<typeof createSessionReader>;
