import fc from 'fast-check';
import ICAL from 'ical.js';
import { describe, expect, it } from 'vitest';
import { escapeText, foldLine, renderCalendar } from '../../src/services/calendar-feed/ical-format.ts';

const event = (summary: string, description: string) => ({
  uid: 'a@rendezvous',
  stamp: new Date('2030-01-01T00:00:00Z'),
  created: new Date('2030-01-01T00:00:00Z'),
  sequence: 0,
  start: new Date('2030-01-08T08:00:00Z'),
  end: new Date('2030-01-08T09:00:00Z'),
  summary,
  description,
  status: 'CONFIRMED' as const,
});

/** Text as RFC 5545 can carry it: no control characters but tab and line feed. */
const isCalendarChar = (c: string) => {
  const code = c.codePointAt(0)!;
  return code === 9 || code === 10 || (code >= 32 && code !== 127);
};
const calendarText = fc
  .string({ unit: 'grapheme', maxLength: 300 })
  .map((s) => [...s].filter(isCalendarChar).join(''));

describe('iCalendar text', () => {
  it('escapes backslash, semicolon, comma and line breaks (RFC 5545 §3.3.11)', () => {
    expect(escapeText('a\\b;c,d\ne\r\nf')).toBe('a\\\\b\\;c\\,d\\ne\\nf');
  });

  it('folds at 75 octets without splitting a multi-octet character', () => {
    const folded = foldLine(`SUMMARY:${'é'.repeat(60)}`);
    const lines = folded.split('\r\n');
    expect(lines.length).toBe(2);
    for (const line of lines) expect(Buffer.byteLength(line)).toBeLessThanOrEqual(75);
    expect(lines[1].startsWith(' é')).toBe(true);
    expect(folded.replace(/\r\n /g, '')).toBe(`SUMMARY:${'é'.repeat(60)}`);
  });

  it('round-trips any text through ical.js, every physical line at most 75 octets', () => {
    fc.assert(
      fc.property(calendarText, calendarText, (summary, description) => {
        const body = renderCalendar({
          name: 'Test',
          refreshMinutes: 15,
          events: [event(summary || 'x', description)],
        });
        for (const line of body.split('\r\n')) expect(Buffer.byteLength(line)).toBeLessThanOrEqual(75);
        const vevent = new ICAL.Component(ICAL.parse(body)).getFirstSubcomponent('vevent')!;
        expect(vevent.getFirstPropertyValue('summary')).toBe(summary || 'x');
        if (description) expect(vevent.getFirstPropertyValue('description')).toBe(description);
      }),
      { numRuns: 300 },
    );
  });
});
