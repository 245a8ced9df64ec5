import { createHmac, type KeyObject, timingSafeEqual, verify } from 'node:crypto';
import { AppError } from '../domain/errors.ts';
import type { BillingContext } from './billing-context.ts';
import { LagoFailure } from './lago-failure.ts';

export interface LagoSignatureHeaders {
  /** X-Lago-Signature */
  signature?: string;
  /** X-Lago-Signature-Algorithm: `hmac` or `jwt`, as set on Lago's webhook endpoint. */
  algorithm?: string;
}

const refuse = (reason: string) =>
  new AppError('INVALID_SIGNATURE', `Lago webhook refused: ${reason}`, { reason });

/**
 * Authenticates a Lago webhook on the exact bytes received (lago-webhook-signature-reference.txt,
 * lago-api app/models/webhook.rb); re-serialising the parsed JSON would not give Lago's bytes.
 * - hmac: Base64(HMAC-SHA256(LAGO_WEBHOOK_SECRET, raw body)), compared in constant time;
 * - jwt: an RS256 token signed with Lago's key (GET /webhooks/public_key), whose `iss` is Lago's
 *   URL and whose `data` claim is the raw body itself.
 * Any other algorithm, a missing header or a secret we do not have is refused (INVALID_SIGNATURE).
 */
export async function verifyLagoSignature(
  billing: BillingContext,
  rawBody: Buffer,
  headers: LagoSignatureHeaders,
): Promise<void> {
  const { signature, algorithm } = headers;
  if (!signature) throw refuse('no X-Lago-Signature header');
  if (algorithm === 'hmac') return verifyHmac(billing, rawBody, signature);
  if (algorithm === 'jwt') return verifyJwtSignature(billing, rawBody, signature);
  throw refuse(
    algorithm
      ? `unknown signature algorithm "${algorithm.slice(0, 20)}"`
      : 'no X-Lago-Signature-Algorithm header',
  );
}

function verifyHmac(billing: BillingContext, rawBody: Buffer, signature: string): void {
  if (!billing.webhookHmacKey) throw refuse('HMAC signatures need LAGO_WEBHOOK_SECRET, which is not set');
  const expected = createHmac('sha256', billing.webhookHmacKey).update(rawBody).digest();
  const given = Buffer.from(signature, 'base64');
  // Base64 that does not round-trip is not a signature Lago made.
  const isCanonical = given.toString('base64') === signature;
  if (!isCanonical || given.length !== expected.length || !timingSafeEqual(given, expected)) {
    throw refuse('the HMAC signature does not match the body');
  }
}

async function verifyJwtSignature(billing: BillingContext, rawBody: Buffer, token: string): Promise<void> {
  const publicKey = billing.webhookPublicKey;
  if (!publicKey)
    throw refuse('JWT signatures need LAGO_API_KEY to fetch Lago’s public key, which is not set');
  const key = await fetchingKey(() => publicKey.get());
  let problem = checkJwt(token, key, rawBody, billing.webhookIssuer, billing.now());
  if (problem === 'the JWT signature does not verify') {
    const fresh = await fetchingKey(() => publicKey.refreshed());
    if (fresh) problem = checkJwt(token, fresh, rawBody, billing.webhookIssuer, billing.now());
  }
  if (problem) throw refuse(problem);
}

/** Without Lago's key nothing can be verified: Lago will deliver the webhook again later. */
async function fetchingKey<T>(fetchKey: () => Promise<T>): Promise<T> {
  try {
    return await fetchKey();
  } catch (error) {
    if (error instanceof LagoFailure) {
      throw new AppError(
        'PAYMENT_PROVIDER_UNAVAILABLE',
        'Cannot verify the webhook: Lago’s public key could not be fetched',
      );
    }
    throw error;
  }
}

function decodeJson(part: string): Record<string, unknown> | null {
  try {
    const value = JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
    return typeof value === 'object' && value !== null ? value : null;
  } catch {
    return null;
  }
}

/** The reason a token is not Lago's signature of this body, or null when it is. */
function checkJwt(token: string, key: KeyObject, rawBody: Buffer, issuer: string, now: Date): string | null {
  const parts = token.split('.');
  if (parts.length !== 3) return 'the signature is not a JWT';
  const [headerPart, claimsPart, signaturePart] = parts as [string, string, string];
  const header = decodeJson(headerPart);
  // Only RS256: a token naming `none` or HS256 must not choose how it is checked.
  if (header?.alg !== 'RS256') return 'the JWT is not signed with RS256';
  const isSigned = verify(
    'RSA-SHA256',
    Buffer.from(`${headerPart}.${claimsPart}`),
    key,
    Buffer.from(signaturePart, 'base64url'),
  );
  if (!isSigned) return 'the JWT signature does not verify';
  const claims = decodeJson(claimsPart);
  if (!claims) return 'the JWT claims are unreadable';
  if (claims.iss !== issuer)
    return `the JWT was issued by "${String(claims.iss).slice(0, 100)}", not ${issuer}`;
  if (typeof claims.exp === 'number' && claims.exp * 1000 < now.getTime()) return 'the JWT has expired';
  if (typeof claims.data !== 'string' || !Buffer.from(claims.data, 'utf8').equals(rawBody)) {
    return 'the JWT was signed for another body';
  }
  return null;
}
