import { EventGoneError } from '../errors.ts';
import type { ExternalEvent } from '../provider.ts';
import { metadataKeys } from '../sync/assistant-booking.ts';
import { type GraphClient, graphFetch, preferUtc } from './graph-request.ts';
import { fromGraphEvent, type GraphEvent, graphEventSchema } from './microsoft-event-mapping.ts';
import { expandOurProperties, metadataOf, propertyEquals } from './microsoft-metadata.ts';

/**
 * Delta pages never carry extended properties (delta has no $expand), so our metadata is read
 * separately. Two ways, the cheaper one chosen per page:
 * - few events: one `GET /me/events/{id}?$expand=…` each, a few at a time;
 * - many events: an index of every event that carries metadata, read with the one filter Graph
 *   allows on extended properties (`booked_by` equal to each value we and the assistant write),
 *   `$select=id,changeKey` and our properties expanded, 1,000 a page. An event in the index with
 *   the changeKey of the delta item gets the index's metadata; with another changeKey it changed
 *   in between and is read on its own; absent from an index read after the page, it carried no
 *   metadata in the version the page shows (gaining some would have changed its changeKey).
 * A `@removed` item is confirmed with a GET: only a 404 means deleted; an event that merely left
 * the delta window (moved far ahead, say) comes back live.
 */
const bookedByValues = ['assistant', 'rendezvous'];
const perEventConcurrency = 8;

export interface MetadataReader {
  enrich(page: GraphEvent[]): Promise<ExternalEvent[]>;
}

export function metadataReader(client: GraphClient): MetadataReader {
  // Requests one index costs, learnt from the last one built; per-event reads win below it.
  let indexCost = 2;
  return {
    async enrich(page) {
      const removed = page.filter((e) => e['@removed']);
      const live = page.filter((e) => !e['@removed']);
      const individually = new Set(removed.map((e) => e.id));
      const fromIndex = new Map<string, ExternalEvent>();
      if (live.length <= Math.max(4, indexCost)) {
        for (const event of live) individually.add(event.id);
      } else {
        const before = client.requests;
        const index = await readMetadataIndex(client);
        indexCost = client.requests - before;
        for (const event of live) {
          const entry = index.get(event.id);
          if (entry && entry.changeKey !== event.changeKey) individually.add(event.id);
          else fromIndex.set(event.id, { ...fromGraphEvent(event), metadata: entry?.metadata ?? {} });
        }
      }
      const fetched = new Map<string, ExternalEvent>();
      await forEachLimited([...individually], perEventConcurrency, async (id) => {
        fetched.set(id, await readEventOrGone(client, id));
      });
      return page.map((event) => fetched.get(event.id) ?? fromIndex.get(event.id)!);
    },
  };
}

/** One event with our metadata, UTC times and a text body. */
export async function readMicrosoftEvent(client: GraphClient, eventId: string): Promise<ExternalEvent> {
  const data = await graphFetch<unknown>(client, {
    path: `/me/events/${encodeURIComponent(eventId)}`,
    query: { $expand: expandOurProperties },
    headers: { prefer: readPreferences },
  });
  return fromGraphEvent(graphEventSchema.parse(data));
}

/** Reads are in UTC (no zone guessing) and bodies in plain text (no HTML in appointment descriptions). */
export const readPreferences = `${preferUtc}, outlook.body-content-type="text"`;

async function readEventOrGone(client: GraphClient, id: string): Promise<ExternalEvent> {
  try {
    return await readMicrosoftEvent(client, id);
  } catch (error) {
    if (!(error instanceof EventGoneError)) throw error;
    return fromGraphEvent({ id, '@removed': { reason: 'deleted' } });
  }
}

interface IndexEntry {
  changeKey: string | null | undefined;
  metadata: Record<string, string>;
}

async function readMetadataIndex(client: GraphClient): Promise<Map<string, IndexEntry>> {
  const index = new Map<string, IndexEntry>();
  for (const value of bookedByValues) {
    let next: string | undefined = '/me/events';
    let query: Record<string, string> | undefined = {
      $filter: propertyEquals(metadataKeys.bookedBy, value),
      $expand: expandOurProperties,
      $select: 'id,changeKey',
      $top: '1000',
    };
    while (next) {
      const page: { value?: unknown[]; '@odata.nextLink'?: string } = await graphFetch(client, {
        path: next,
        query,
      });
      for (const item of page.value ?? []) {
        const event = graphEventSchema.parse(item);
        index.set(event.id, { changeKey: event.changeKey, metadata: metadataOf(event) });
      }
      next = page['@odata.nextLink'];
      query = undefined;
    }
  }
  return index;
}

async function forEachLimited<T>(items: T[], limit: number, work: (item: T) => Promise<void>) {
  let cursor = 0;
  const worker = async () => {
    while (cursor < items.length) await work(items[cursor++]!);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}
