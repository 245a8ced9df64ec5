import { randomBytes } from 'node:crypto';
import type { SecretBox } from '../security/secret-box.ts';
import type { CalendarProviderName } from './provider.ts';

/** How long a user may take on the provider's consent screen. */
export const oauthStateTtlMs = 10 * 60 * 1000;
const associatedData = 'oauth-state';

export interface OAuthStateData {
  userId: string;
  tenantId: string;
  provider: CalendarProviderName;
  issuedAt: number;
}

/**
 * The OAuth `state`: sealed with AES-256-GCM, it binds the flow to the user, the tenant, the
 * provider and the time it started, so a callback cannot be replayed later, forged, or used to
 * attach someone else's calendar to this account (the callback also checks the signed-in user).
 */
export function createOAuthState(
  box: SecretBox,
  data: Omit<OAuthStateData, 'issuedAt'>,
  now = Date.now(),
): string {
  const payload: OAuthStateData & { nonce: string } = {
    ...data,
    issuedAt: now,
    nonce: randomBytes(8).toString('hex'),
  };
  return box.seal(JSON.stringify(payload), associatedData);
}

export type OAuthStateResult =
  | { ok: true; data: OAuthStateData }
  | { ok: false; error: 'invalid_state' | 'state_expired' };

export function readOAuthState(
  box: SecretBox,
  state: string | undefined,
  now = Date.now(),
): OAuthStateResult {
  if (!state) return { ok: false, error: 'invalid_state' };
  let data: OAuthStateData;
  try {
    data = JSON.parse(box.open(state, associatedData)) as OAuthStateData;
  } catch {
    return { ok: false, error: 'invalid_state' };
  }
  if (
    typeof data.issuedAt !== 'number' ||
    now - data.issuedAt > oauthStateTtlMs ||
    data.issuedAt > now + 60_000
  ) {
    return { ok: false, error: 'state_expired' };
  }
  return { ok: true, data };
}
