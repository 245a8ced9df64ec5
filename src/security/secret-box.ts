import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import { deriveKey } from './derive-key.ts';

/**
 * Encrypts secrets at rest (calendar tokens, channel secrets, OAuth state) with AES-256-GCM.
 * A sealed value is `v1.<keyId>.<iv>.<ciphertext>.<tag>` (base64url parts): the key id names the
 * master key it was sealed with, so after a rotation old values still open with the previous key
 * (ENCRYPTION_KEY_PREVIOUS) while new ones are sealed with the current key.
 */
export class SecretBox {
  private readonly keys = new Map<string, Buffer>();
  readonly currentKeyId: string;

  constructor(currentMasterKey: string, previousMasterKeys: string[] = [], purpose = 'secrets') {
    this.currentKeyId = SecretBox.keyIdOf(currentMasterKey);
    for (const master of [currentMasterKey, ...previousMasterKeys]) {
      this.keys.set(SecretBox.keyIdOf(master), deriveKey(master, purpose));
    }
  }

  /** A short public fingerprint of a master key; never the key itself. */
  static keyIdOf(masterKey: string): string {
    return createHash('sha256').update(`rendezvous-key-id:${masterKey}`).digest('hex').slice(0, 12);
  }

  seal(plaintext: string, associatedData = ''): string {
    const key = this.keys.get(this.currentKeyId)!;
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', key, iv);
    cipher.setAAD(Buffer.from(associatedData));
    const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    const parts = [iv, ciphertext, cipher.getAuthTag()].map((b) => b.toString('base64url'));
    return ['v1', this.currentKeyId, ...parts].join('.');
  }

  /** Opens a sealed value; throws on tampering, a wrong associated value or an unknown key. */
  open(sealed: string, associatedData = ''): string {
    const [version, keyId, iv, ciphertext, tag] = sealed.split('.');
    if (version !== 'v1' || !keyId || !iv || ciphertext === undefined || !tag) {
      throw new Error('not a sealed value');
    }
    const key = this.keys.get(keyId);
    if (!key) throw new Error(`sealed with an unknown key (${keyId})`);
    const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
    decipher.setAAD(Buffer.from(associatedData));
    decipher.setAuthTag(Buffer.from(tag, 'base64url'));
    return Buffer.concat([decipher.update(Buffer.from(ciphertext, 'base64url')), decipher.final()]).toString(
      'utf8',
    );
  }

  /** The key id a sealed value was made with (to find values that need re-encryption). */
  static keyIdOfSealed(sealed: string): string | undefined {
    return sealed.split('.')[1];
  }
}
