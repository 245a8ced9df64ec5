import type { EventMetadata } from '../provider.ts';
import { metadataKeys } from '../sync/assistant-booking.ts';

/**
 * Our metadata on Outlook events: the same names as Google's private extended properties
 * (spec 000), each carried in a single-value extended property of type String in our own
 * property set (singlevaluelegacyextendedproperty-get.md @028b8e35, PROVIDERS.md §B):
 *
 *   String {058e0de0-500f-46d5-a070-701b74cad903} Name <name>
 *
 * | name                        | written by          | meaning                                        |
 * | --------------------------- | ------------------- | ---------------------------------------------- |
 * | `booked_by`                 | assistant, us       | `assistant` (imported as a booking) or `rendezvous` |
 * | `assistant_id`              | assistant, us       | the Rendezvous assistant that booked it        |
 * | `email`, `phone`            | assistant, us       | the attendee's contact details                 |
 * | `service`, `patient_type`   | assistant, us       | spec 000's booking fields                      |
 * | `name`                      | assistant, us       | the attendee's name, when not in the subject   |
 * | `rendezvous_appointment_id` | us                  | the appointment an event we pushed belongs to  |
 * | `rendezvous_idempotency_key`| us, on create       | finds an event whose creation answer was lost  |
 *
 * A voice assistant writing to Outlook sets, for example,
 * `{"id": "String {058e0de0-500f-46d5-a070-701b74cad903} Name booked_by", "value": "assistant"}`.
 * One GUID of ours, never changed, so events written years ago still read back; a private set
 * (not PS_PUBLIC_STRINGS) so that names as common as `email` cannot collide with another app's.
 * The set's GUID and `String` compare case-insensitively, the name case-sensitively.
 */
export const rendezvousPropertySet = '{058e0de0-500f-46d5-a070-701b74cad903}';

/** Set on events we create, holding the idempotency key. */
export const idempotencyKeyProperty = 'rendezvous_idempotency_key';

/** The names read back from Graph: spec 000's assistant metadata and our own. */
export const readableKeys: string[] = Object.values(metadataKeys);

export const propertyId = (name: string) => `String ${rendezvousPropertySet} Name ${name}`;

const propertyIdPattern = /^String\s+(\{[0-9a-f-]+\})\s+Name\s+(.+)$/i;

/**
 * `$expand` that brings our properties along: Graph leaves extended properties out of every
 * read that does not name them, one `id eq` per property.
 */
export const expandOurProperties = `singleValueExtendedProperties($filter=${readableKeys
  .map((key) => `id eq '${propertyId(key)}'`)
  .join(' or ')})`;

/** The `$filter` Graph accepts on an extended property: events whose property `name` equals `value`. */
export function propertyEquals(name: string, value: string): string {
  return `singleValueExtendedProperties/Any(ep: ep/id eq '${propertyId(name)}' and ep/value eq '${value.replaceAll("'", "''")}')`;
}

interface WithProperties {
  singleValueExtendedProperties?: { id: string; value?: string | null }[] | null;
}

/** Our metadata from an event's expanded properties; other property sets and empty values are not ours. */
export function metadataOf(event: WithProperties): EventMetadata {
  const metadata: EventMetadata = {};
  for (const property of event.singleValueExtendedProperties ?? []) {
    const m = propertyIdPattern.exec(property.id.trim());
    if (!m || m[1]!.toLowerCase() !== rendezvousPropertySet || !property.value) continue;
    if (m[2] === idempotencyKeyProperty) continue;
    metadata[m[2]!] = property.value;
  }
  return metadata;
}
