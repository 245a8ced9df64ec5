import type { EmulatorClock } from '../shared/clock.ts';
import { GraphError, notFound } from './errors.ts';
import { type EventInput, type ExtendedProperty, sameExtendedPropertyId } from './event-input.ts';
import { newChangeKey, newEventId, newGuid } from './ids.ts';

export interface StoredEvent {
  id: string;
  userId: string;
  /** Position in the owner's change sequence; delta tokens remember the last one they saw. */
  seq: number;
  createdMs: number;
  lastModifiedMs: number;
  changeKey: string;
  iCalUId: string;
  transactionId: string | null;
  startMs: number;
  endMs: number;
  startZone: string;
  endZone: string;
  isDeleted: boolean;
  fields: Record<string, unknown>;
  extendedProperties: ExtendedProperty[];
}

export type ChangeType = 'created' | 'updated' | 'deleted';
export type ChangeListener = (event: StoredEvent, changeType: ChangeType) => void;

interface Calendar {
  events: Map<string, StoredEvent>;
  byTransactionId: Map<string, string>;
}

const VALIDATION_FAILED = () =>
  new GraphError(400, 'ErrorPropertyValidationFailure', 'At least one property failed validation.');

/** Every user's calendar. Deleted events stay as tombstones so delta can report `@removed`. */
export class EventStore {
  private calendars = new Map<string, Calendar>();
  private seq = 0;
  private listeners: ChangeListener[] = [];

  constructor(private readonly clock: EmulatorClock) {}

  onChange(listener: ChangeListener): void {
    this.listeners.push(listener);
  }

  reset(): void {
    this.calendars.clear();
  }

  get currentSeq(): number {
    return this.seq;
  }

  private calendar(userId: string): Calendar {
    let calendar = this.calendars.get(userId);
    if (!calendar) {
      calendar = { events: new Map(), byTransactionId: new Map() };
      this.calendars.set(userId, calendar);
    }
    return calendar;
  }

  /** Live (not deleted) events, or all including tombstones. */
  list(userId: string, includeDeleted = false): StoredEvent[] {
    const all = [...this.calendar(userId).events.values()];
    return includeDeleted ? all : all.filter((e) => !e.isDeleted);
  }

  count(): number {
    let n = 0;
    for (const c of this.calendars.values()) for (const e of c.events.values()) if (!e.isDeleted) n++;
    return n;
  }

  /** The event or its tombstone, without throwing. */
  peek(userId: string, eventId: string): StoredEvent | undefined {
    return this.calendar(userId).events.get(eventId);
  }

  get(userId: string, eventId: string): StoredEvent {
    const event = this.calendar(userId).events.get(eventId);
    if (!event || event.isDeleted) throw notFound();
    return event;
  }

  /**
   * Creates an event. A repeated `transactionId` returns the event it created before instead of a
   * duplicate (event.md "transactionId"); reusing it for a different event is ErrorDuplicateTransactionId
   * (message as reported in alcionai/corso#2490).
   */
  create(userId: string, input: EventInput, options: { silent?: boolean } = {}) {
    const calendar = this.calendar(userId);
    if (input.transactionId) {
      const existing = calendar.events.get(calendar.byTransactionId.get(input.transactionId) ?? '');
      if (existing && !existing.isDeleted) {
        const same =
          existing.startMs === input.start!.ms &&
          existing.endMs === input.end!.ms &&
          (existing.fields.subject ?? '') === (input.fields.subject ?? '');
        if (same) return { event: existing, isNew: false };
        throw new GraphError(
          400,
          'ErrorDuplicateTransactionId',
          "Your request can't be completed. The TransactionId specified in the request has already been used to create a different event.",
        );
      }
    }
    if (input.end!.ms < input.start!.ms) throw VALIDATION_FAILED();
    const now = this.clock.now();
    const event: StoredEvent = {
      id: newEventId(),
      userId,
      seq: ++this.seq,
      createdMs: now,
      lastModifiedMs: now,
      changeKey: newChangeKey(),
      iCalUId: `040000008200E00074C5B7101A82E00800000000${newGuid().replaceAll('-', '').toUpperCase()}`,
      transactionId: input.transactionId ?? null,
      startMs: input.start!.ms,
      endMs: input.end!.ms,
      startZone: input.start!.zone,
      endZone: input.end!.zone,
      isDeleted: false,
      fields: { ...input.fields },
      extendedProperties: input.extendedProperties ?? [],
    };
    calendar.events.set(event.id, event);
    if (event.transactionId) calendar.byTransactionId.set(event.transactionId, event.id);
    if (!options.silent) this.emit(event, 'created');
    return { event, isNew: true };
  }

  /** PATCH semantics: only the given properties change; extended properties merge by id. */
  update(userId: string, eventId: string, input: EventInput): StoredEvent {
    const event = this.get(userId, eventId);
    const startMs = input.start?.ms ?? event.startMs;
    const endMs = input.end?.ms ?? event.endMs;
    if (endMs < startMs) throw VALIDATION_FAILED();
    Object.assign(event.fields, input.fields);
    event.startMs = startMs;
    event.endMs = endMs;
    if (input.start) event.startZone = input.start.zone;
    if (input.end) event.endZone = input.end.zone;
    for (const prop of input.extendedProperties ?? []) {
      const existing = event.extendedProperties.find((p) => sameExtendedPropertyId(p.id, prop.id));
      if (existing) existing.value = prop.value;
      else event.extendedProperties.push(prop);
    }
    this.touch(event);
    this.emit(event, 'updated');
    return event;
  }

  delete(userId: string, eventId: string): void {
    const event = this.get(userId, eventId);
    event.isDeleted = true;
    this.touch(event);
    this.emit(event, 'deleted');
  }

  private touch(event: StoredEvent): void {
    event.seq = ++this.seq;
    event.changeKey = newChangeKey();
    event.lastModifiedMs = Math.max(this.clock.now(), event.lastModifiedMs + 1);
  }

  private emit(event: StoredEvent, changeType: ChangeType): void {
    for (const listener of this.listeners) listener(event, changeType);
  }
}
