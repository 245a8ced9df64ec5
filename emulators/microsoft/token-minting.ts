import { createHash } from 'node:crypto';
import { newGuid, newOpaqueToken } from './ids.ts';
import type { EmulatedUser } from './users.ts';

const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

/**
 * JWT-shaped tokens with a random signature: Microsoft says Graph access tokens are opaque to clients,
 * so the product must never parse them; the claims are here only to help a human debugging.
 */
export function mintAccessToken(
  user: EmulatedUser,
  clientId: string,
  permissions: string[],
  now: number,
  lifetimeSeconds: number,
): string {
  return [
    b64({ typ: 'JWT', alg: 'RS256', kid: 'emulator' }),
    b64({
      aud: 'https://graph.microsoft.com',
      iss: `https://sts.windows.net/${user.tenantId}/`,
      iat: Math.floor(now / 1000),
      exp: Math.floor(now / 1000) + lifetimeSeconds,
      appid: clientId,
      oid: user.id,
      tid: user.tenantId,
      upn: user.mail,
      scp: permissions.join(' '),
      uti: newOpaqueToken(8),
    }),
    newOpaqueToken(32),
  ].join('.');
}

/** id_token for `openid` (claims per id-token-claims-reference: oid, tid, preferred_username...). */
export function mintIdToken(
  user: EmulatedUser,
  clientId: string,
  now: number,
  lifetimeSeconds: number,
): string {
  return [
    b64({ typ: 'JWT', alg: 'none' }),
    b64({
      aud: clientId,
      iss: `https://login.microsoftonline.com/${user.tenantId}/v2.0`,
      iat: Math.floor(now / 1000),
      exp: Math.floor(now / 1000) + lifetimeSeconds,
      oid: user.id,
      tid: user.tenantId,
      sub: newGuid(),
      name: user.displayName,
      preferred_username: user.mail,
      email: user.mail,
    }),
    '',
  ].join('.');
}

/** PKCE (RFC 7636): S256 compares base64url(sha256(verifier)), plain compares as is. */
export function verifierMatches(
  challenge: string,
  method: string | undefined,
  verifier: string | undefined,
): boolean {
  if (!verifier) return false;
  if ((method ?? 'plain').toUpperCase() === 'S256') {
    return createHash('sha256').update(verifier).digest('base64url') === challenge;
  }
  return verifier === challenge;
}
