import { createHmac, createSign, generateKeyPairSync, type KeyObject } from 'node:crypto';

/**
 * How Lago signs outgoing webhooks (lago-webhook-signature-reference.txt, from lago-api
 * `app/models/webhook.rb`):
 * - hmac: Base64.strict_encode64(HMAC-SHA256(organization.hmac_key, payload.to_json))
 * - jwt:  JWT.encode({ data: payload.to_json, iss: ENV["LAGO_API_URL"] }, RsaPrivateKey, "RS256")
 */
export type SignatureAlgo = 'jwt' | 'hmac';

export interface WebhookKeys {
  privateKey: KeyObject;
  /** SPKI PEM, what `RsaPublicKey.to_s` prints. */
  publicKeyPem: string;
}

// One RSA key per process: generating one costs ~100 ms, and Lago keeps one key per install.
let processKeys: WebhookKeys | undefined;

export function webhookKeys(): WebhookKeys {
  if (!processKeys) {
    const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    processKeys = { privateKey, publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }).toString() };
  }
  return processKeys;
}

/**
 * Ruby's `Base64.encode64` (RFC 2045): lines of 60 characters, each ending in "\n". The public-key
 * endpoints answer with it (lago-api `webhooks_controller.rb`), so clients must tolerate the newlines.
 */
export function rubyEncode64(text: string): string {
  const flat = Buffer.from(text).toString('base64');
  return `${flat.match(/.{1,60}/g)?.join('\n') ?? ''}\n`;
}

/**
 * `payload.to_json` under Rails: ActiveSupport escapes <, >, &, U+2028 and U+2029 as \uXXXX
 * (`escape_html_entities_in_json`, on by default). A receiver that re-serialises the parsed body
 * instead of hashing the raw bytes breaks on "Smith & Co", exactly as it would against Lago.
 */
export function railsJson(value: unknown): string {
  return JSON.stringify(value).replace(/[<>&\u2028\u2029]/g, (char) => {
    return `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`;
  });
}

export function hmacSignature(rawBody: string, hmacKey: string): string {
  return createHmac('sha256', hmacKey).update(rawBody).digest('base64');
}

const base64Url = (input: string | Buffer) => Buffer.from(input).toString('base64url');

/** ruby-jwt's RS256 token: header `{"alg":"RS256"}`, no `iat`/`exp` (Lago adds none). */
export function jwtSignature(rawBody: string, issuer: string, privateKey: KeyObject): string {
  const header = base64Url(JSON.stringify({ alg: 'RS256' }));
  const claims = base64Url(JSON.stringify({ data: rawBody, iss: issuer }));
  const signature = createSign('RSA-SHA256').update(`${header}.${claims}`).sign(privateKey);
  return `${header}.${claims}.${base64Url(signature)}`;
}
