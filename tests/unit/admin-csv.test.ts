import { describe, expect, it } from 'vitest';
import { toCsv } from '../../src/web/features/admin-appointments/lib/csv.ts';

describe('the CSV of the admin appointments export', () => {
  it('starts with a UTF-8 byte-order mark and ends lines with CRLF, as Excel expects', () => {
    expect(
      toCsv([
        ['a', 'b'],
        ['c', 'd'],
      ]),
    ).toBe('\uFEFF"a","b"\r\n"c","d"\r\n');
  });

  it('quotes every field and doubles quotes, so commas, quotes and line breaks stay in their cell', () => {
    expect(toCsv([['Bilan "posture", épaule', 'two\nlines']])).toBe(
      '\uFEFF"Bilan ""posture"", épaule","two\nlines"\r\n',
    );
  });

  it('writes empty cells for missing values and numbers as they are', () => {
    expect(toCsv([[null, undefined, 42]])).toBe('\uFEFF"","","42"\r\n');
  });

  it('separates with semicolons for spreadsheets whose decimal mark is the comma', () => {
    expect(toCsv([['49,90', 'EUR']], ';')).toBe('\uFEFF"49,90";"EUR"\r\n');
  });

  it('keeps a spreadsheet from running a cell as a formula', () => {
    expect(toCsv([['=HYPERLINK("http://evil")', '+33 6 12', '-', '@x']])).toBe(
      '\uFEFF"\'=HYPERLINK(""http://evil"")","\'+33 6 12","\'-","\'@x"\r\n',
    );
  });
});
