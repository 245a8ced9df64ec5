import { GraphError } from './errors.ts';
import { sameExtendedPropertyId } from './event-input.ts';
import type { StoredEvent } from './event-store.ts';

/** OData string literal: single quotes, a quote inside doubled. */
const LITERAL = "'((?:[^']|'')*)'";
const unquote = (s: string) => s.replaceAll("''", "'");

const invalidFilter = () =>
  new GraphError(400, 'ErrorInvalidUrlQueryFilter', 'The query filter contains one or more invalid nodes.');

/**
 * `$expand=singleValueExtendedProperties($filter=id eq '...')` (singlevaluelegacyextendedproperty-get.md).
 * Returns a predicate on property ids, or undefined when nothing is expanded.
 */
export function parseExtendedExpand(expand: string | undefined): ((id: string) => boolean) | undefined {
  if (!expand) return undefined;
  const m = /^\s*singleValueExtendedProperties\s*(?:\(\s*\$filter\s*=\s*(.*)\))?\s*$/i.exec(expand);
  if (!m) {
    throw new GraphError(
      400,
      'BadRequest',
      `Parsing OData Select and Expand failed: Could not find a property named '${expand.split('(')[0]}' on type 'microsoft.graph.event'.`,
    );
  }
  if (!m[1]) return () => true;
  const ids = m[1].split(/\s+or\s+/i).map((clause) => {
    const idMatch = new RegExp(`^\\s*id\\s+eq\\s+${LITERAL}\\s*$`, 'i').exec(clause);
    if (!idMatch) throw invalidFilter();
    return unquote(idMatch[1]);
  });
  return (id) => ids.some((wanted) => sameExtendedPropertyId(id, wanted));
}

/**
 * `$filter=singleValueExtendedProperties/Any(ep: ep/id eq '...' and ep/value eq '...')` — the only
 * filter the emulator understands. Value compares case-insensitively (PROVIDERS.md §B).
 */
export function parseExtendedFilter(
  filter: string | undefined,
): ((event: StoredEvent) => boolean) | undefined {
  if (!filter) return undefined;
  const pattern = new RegExp(
    `^\\s*singleValueExtendedProperties/any\\(\\s*(\\w+)\\s*:\\s*\\1/id\\s+eq\\s+${LITERAL}\\s+and\\s+\\1/value\\s+eq\\s+${LITERAL}\\s*\\)\\s*$`,
    'i',
  );
  const m = pattern.exec(filter);
  if (!m) throw invalidFilter();
  const [id, value] = [unquote(m[2]), unquote(m[3]).toLowerCase()];
  return (event) =>
    event.extendedProperties.some((p) => sameExtendedPropertyId(p.id, id) && p.value.toLowerCase() === value);
}

export function parseSelect(select: string | undefined): string[] | undefined {
  return select ? select.split(',').map((s) => s.trim()) : undefined;
}
