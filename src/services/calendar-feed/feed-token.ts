import { createHash, randomBytes } from 'node:crypto';

/** 32 random bytes, base64url: the whole secret of a feed address. */
const tokenPattern = /^[A-Za-z0-9_-]{43}$/;

export function generateFeedToken(): { token: string; hash: string } {
  const token = randomBytes(32).toString('base64url');
  return { token, hash: hashFeedToken(token) };
}

/**
 * Only this digest is stored, and feeds are looked up by it: no comparison runs on the secret
 * itself, so timing reveals nothing about it. A high-entropy token needs no slow hash.
 */
export function hashFeedToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export function isFeedToken(value: string): boolean {
  return tokenPattern.test(value);
}

/** Where a calendar app fetches the feed; the path is the one routes/calendar-feed.ts serves. */
export function feedUrls(publicUrl: string, token: string): { url: string; webcalUrl: string } {
  const url = `${publicUrl.replace(/\/+$/, '')}/api/calendar-feed/${token}.ics`;
  return { url, webcalUrl: url.replace(/^https?:/, 'webcal:') };
}
