/**
 * The parts of a person's display name the app shows on its own: the name to greet and the
 * avatar's initials. A practitioner's name often starts with a title ("Dr Claire Dubois"), which
 * is neither their given name nor an initial.
 */

/** Titles that may open a name, in English and French, compared without case or a final dot. */
const titles = new Set([
  'dr',
  'doctor',
  'docteur',
  'prof',
  'professor',
  'professeur',
  'pr',
  'mr',
  'mrs',
  'ms',
  'miss',
  'mx',
  'm',
  'mme',
  'mlle',
]);

function words(name: string): string[] {
  return name.trim().split(/\s+/).filter(Boolean);
}

/** The words of the name after any leading titles. */
function withoutTitles(name: string): string[] {
  const parts = words(name);
  let first = 0;
  while (first < parts.length && titles.has(parts[first]!.toLowerCase().replace(/\.$/, ''))) first += 1;
  return parts.slice(first);
}

/**
 * The name to greet someone by: their given name ("Claire" for "Dr Claire Dubois"), or the whole
 * name when it holds no given name ("Dr Dubois").
 */
export function greetingName(name: string): string {
  const parts = withoutTitles(name);
  return parts.length > 1 ? parts[0]! : name.trim();
}

/** Up to two initials of a person's name, for avatars: first and last name, titles left out. */
export function initials(name: string): string {
  const parts = withoutTitles(name);
  const named = parts.length > 0 ? parts : words(name);
  const letters = named.length > 1 ? [named[0], named[named.length - 1]] : named;
  return letters
    .map((part) => part?.[0] ?? '')
    .join('')
    .toUpperCase();
}

/**
 * The client's name to show after an appointment's title, or null when the title already says
 * it: assistants write titles such as "Follow-up visit - Lucas Bernard", and "· Lucas Bernard"
 * after it would only repeat it.
 */
export function nameBesideTitle(title: string, name: string | null | undefined): string | null {
  const trimmed = name?.trim();
  if (!trimmed) return null;
  return title.toLocaleLowerCase().includes(trimmed.toLocaleLowerCase()) ? null : trimmed;
}
