/** Tokens as a provider returns them, normalised. */
export interface TokenSet {
  accessToken: string;
  /** Absent when the provider keeps the previous one (Google refresh responses). */
  refreshToken?: string;
  expiresAt: Date;
  scope?: string;
}

/** Refresh this long before expiry, so a token never expires in the middle of a sync. */
export const refreshMarginMs = 5 * 60 * 1000;

export function expiresAtFrom(expiresInSeconds: number | undefined, now = Date.now()): Date {
  return new Date(now + (expiresInSeconds ?? 3600) * 1000);
}
