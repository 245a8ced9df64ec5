import type { ExternalEvent } from '../provider.ts';

const nul = '\u0000';
const clean = <T extends string | null>(text: T): T =>
  (text?.includes(nul) ? text.replaceAll(nul, '') : text) as T;

/**
 * The event with U+0000 removed from its text and metadata. PostgreSQL text cannot hold that
 * character: kept, one such event upstream would fail every pull of its calendar.
 */
export function withoutNul(event: ExternalEvent): ExternalEvent {
  const metadata = Object.entries(event.metadata);
  const texts = [event.id, event.summary, event.description, event.location, event.timeZone, event.version];
  if (!texts.some((t) => t?.includes(nul)) && !metadata.some(([k, v]) => k.includes(nul) || v?.includes(nul)))
    return event;
  return {
    ...event,
    id: clean(event.id),
    summary: clean(event.summary),
    description: clean(event.description),
    location: clean(event.location),
    timeZone: clean(event.timeZone),
    version: clean(event.version),
    metadata: Object.fromEntries(metadata.map(([k, v]) => [clean(k), clean(v)])),
  };
}
