import { describe, expect, it } from 'vitest';
import { greetingName, initials, nameBesideTitle } from '../../src/web/lib/person-name.ts';

describe('the parts of a display name', () => {
  it('greets by the given name, past a title', () => {
    expect(greetingName('Dr Claire Dubois')).toBe('Claire');
    expect(greetingName('Dr. Claire Dubois')).toBe('Claire');
    expect(greetingName('Mme Amina Haddad')).toBe('Amina');
    expect(greetingName('Prof Dr Hans Weber')).toBe('Hans');
    expect(greetingName('Jean Dupont')).toBe('Jean');
  });

  it('keeps the whole name when it holds no given name', () => {
    expect(greetingName('Dr Dubois')).toBe('Dr Dubois');
    expect(greetingName('Dr')).toBe('Dr');
    expect(greetingName('  Cher  ')).toBe('Cher');
  });

  it('takes the initials of the first and last names, not of the title', () => {
    expect(initials('Dr Claire Dubois')).toBe('CD');
    expect(initials('Jean Pierre Dupont')).toBe('JD');
    expect(initials('Dr Dubois')).toBe('D');
    expect(initials('amina')).toBe('A');
    expect(initials('Dr')).toBe('D');
  });

  it('shows a client’s name after a title only when the title does not already say it', () => {
    expect(nameBesideTitle('Follow-up visit', 'Lucas Bernard')).toBe('Lucas Bernard');
    expect(nameBesideTitle('Follow-up visit - Lucas Bernard', 'Lucas Bernard')).toBeNull();
    expect(nameBesideTitle('Bilan – CHLOÉ PETIT', ' Chloé Petit ')).toBeNull();
    expect(nameBesideTitle('Follow-up visit', '  ')).toBeNull();
    expect(nameBesideTitle('Follow-up visit', null)).toBeNull();
  });
});
