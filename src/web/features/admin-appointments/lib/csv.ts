/**
 * CSV as spreadsheets read it (RFC 4180): every field quoted, quotes doubled, CRLF line ends,
 * and a UTF-8 byte-order mark so Excel opens accents (é, ü, ñ) right instead of guessing a code page.
 * The separator follows the reader's spreadsheet: Excel in French (and most of Europe, where the
 * comma is the decimal mark) splits columns on semicolons.
 * Fields starting with = + - @ are prefixed with an apostrophe so a spreadsheet never runs them
 * as formulas (CSV injection: a client could name themselves "=HYPERLINK(...)").
 */
export function toCsv(
  rows: readonly (readonly (string | number | null | undefined)[])[],
  separator: ',' | ';' = ',',
): string {
  const bom = '\uFEFF';
  const body = rows.map((row) => row.map(csvField).join(separator)).join('\r\n');
  return `${bom}${body}\r\n`;
}

function csvField(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return '""';
  let text = String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return `"${text.replace(/"/g, '""')}"`;
}
