import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { SecretBox } from '../../src/security/secret-box.ts';

const newKey = () => randomBytes(32).toString('base64');

describe('SecretBox', () => {
  it('round-trips a secret and never shows it in the sealed form', () => {
    const box = new SecretBox(newKey());
    const sealed = box.seal('ya29.refresh-token-value');
    expect(sealed).not.toContain('refresh-token-value');
    expect(sealed.startsWith(`v1.${box.currentKeyId}.`)).toBe(true);
    expect(box.open(sealed)).toBe('ya29.refresh-token-value');
  });

  it('seals the same value differently each time', () => {
    const box = new SecretBox(newKey());
    expect(box.seal('same')).not.toBe(box.seal('same'));
  });

  it('refuses a tampered value and a value bound to another context', () => {
    const box = new SecretBox(newKey());
    const sealed = box.seal('token', 'connection:1');
    const parts = sealed.split('.');
    parts[3] = Buffer.from('forged').toString('base64url');
    expect(() => box.open(parts.join('.'))).toThrow();
    expect(() => box.open(sealed, 'connection:2')).toThrow();
    expect(box.open(sealed, 'connection:1')).toBe('token');
  });

  it('opens values sealed with a previous key after a rotation, and seals new ones with the current key', () => {
    const oldKey = newKey();
    const before = new SecretBox(oldKey).seal('kept across rotation');
    const after = new SecretBox(newKey(), [oldKey]);
    expect(after.open(before)).toBe('kept across rotation');
    expect(SecretBox.keyIdOfSealed(after.seal('x'))).toBe(after.currentKeyId);
    expect(SecretBox.keyIdOfSealed(before)).not.toBe(after.currentKeyId);
    expect(() => new SecretBox(newKey()).open(before)).toThrow(/unknown key/);
  });

  it('derives different keys for different purposes from one master key', () => {
    const master = newKey();
    const sealed = new SecretBox(master, [], 'tokens').seal('x');
    expect(() => new SecretBox(master, [], 'oauth-state').open(sealed)).toThrow();
  });
});
