/**
 * Money as people type it ("50", "49.90", "49,90", "1 250,00") to whole cents, and back for an
 * input's initial value. Null when the text is not an amount.
 */
export function parseMoneyInput(text: string): number | null {
  const compact = text.replace(/[\s\u00a0\u202f]/g, '');
  if (!/^\d+(?:[.,]\d{1,2})?$/.test(compact)) return null;
  const [units, decimals = ''] = compact.split(/[.,]/);
  return Number(units) * 100 + Number(decimals.padEnd(2, '0'));
}

/** Cents as the plain decimal an input shows: 4990 → "49.90" (no symbol, no grouping). */
export function centsToInput(cents: number): string {
  return (cents / 100).toFixed(2);
}

/** Currencies offered in forms; the server accepts any ISO 4217 code. */
export const currencies = ['EUR', 'USD', 'GBP', 'CHF', 'CAD'] as const;
