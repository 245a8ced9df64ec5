import { randomBytes } from 'node:crypto';

/** A URL-safe, unique-enough tenant slug: the name's words plus a short random suffix. */
export function tenantSlug(name: string): string {
  const base = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40);
  return `${base || 'practice'}-${randomBytes(3).toString('hex')}`;
}
