import type { EventStore, StoredEvent } from './event-store.ts';
import { newOpaqueToken } from './ids.ts';

/**
 * calendarView delta (event-delta.md, delta-query-events.md). The window lives in the tokens, so
 * follow-ups carry only `$skiptoken` or `$deltatoken`. A delta token remembers the change sequence it
 * was issued at and which events the client holds, so an event that leaves the window (or is deleted)
 * comes back as `@removed`.
 */
export interface DeltaWindow {
  userId: string;
  startMs: number;
  endMs: number;
}

interface SyncState {
  window: DeltaWindow;
  sinceSeq: number;
  known: Set<string>;
  generation: number;
}

export interface DeltaItem {
  id: string;
  isRemoved: boolean;
}

interface Round {
  window: DeltaWindow;
  items: DeltaItem[];
  nextState: SyncState;
}

export interface DeltaPage {
  window: DeltaWindow;
  items: DeltaItem[];
  skipToken?: string;
  deltaToken?: string;
}

export class StaleSyncStateError extends Error {
  constructor(
    readonly generation: number,
    readonly highest: number,
  ) {
    super('sync state not found');
  }
}

const overlaps = (e: StoredEvent, w: DeltaWindow) =>
  !e.isDeleted && e.startMs < w.endMs && e.endMs > w.startMs;

export class DeltaSync {
  private states = new Map<string, SyncState>();
  private rounds = new Map<string, { round: Round; offset: number }>();
  private generation = 0;

  constructor(private readonly events: EventStore) {}

  reset(): void {
    this.states.clear();
    this.rounds.clear();
  }

  /** Forgets every issued token, as Exchange does when its sync-state cache evicts them. */
  expireAll(): number {
    const count = this.states.size + this.rounds.size;
    this.reset();
    return count;
  }

  /** First round: every event in the window, earliest first. */
  start(window: DeltaWindow, pageSize: number): DeltaPage {
    const inWindow = this.events
      .list(window.userId)
      .filter((e) => overlaps(e, window))
      .sort((a, b) => a.startMs - b.startMs);
    const nextState = this.newState(window, new Set(inWindow.map((e) => e.id)));
    return this.page(
      { window, items: inWindow.map((e) => ({ id: e.id, isRemoved: false })), nextState },
      0,
      pageSize,
    );
  }

  /** Following a deltaLink: only what changed since, in change order. */
  resume(deltaToken: string, pageSize: number): DeltaPage {
    const state = this.states.get(deltaToken);
    if (!state) throw new StaleSyncStateError(this.generation - 1, this.generation);
    const { window } = state;
    const known = new Set(state.known);
    const items: DeltaItem[] = [];
    const changed = this.events
      .list(window.userId, true)
      .filter((e) => e.seq > state.sinceSeq)
      .sort((a, b) => a.seq - b.seq);
    for (const event of changed) {
      if (overlaps(event, window)) {
        items.push({ id: event.id, isRemoved: false });
        known.add(event.id);
      } else if (known.delete(event.id)) {
        items.push({ id: event.id, isRemoved: true });
      }
    }
    return this.page({ window, items, nextState: this.newState(window, known) }, 0, pageSize);
  }

  /** Following a nextLink within a round. Skip tokens can be replayed (Graph allows replays). */
  next(skipToken: string, pageSize: number): DeltaPage {
    const cursor = this.rounds.get(skipToken);
    if (!cursor) throw new StaleSyncStateError(this.generation - 1, this.generation);
    return this.page(cursor.round, cursor.offset, pageSize);
  }

  private newState(window: DeltaWindow, known: Set<string>): SyncState {
    return { window, sinceSeq: this.events.currentSeq, known, generation: ++this.generation };
  }

  private page(round: Round, offset: number, pageSize: number): DeltaPage {
    const items = round.items.slice(offset, offset + pageSize);
    if (offset + pageSize < round.items.length) {
      const skipToken = newOpaqueToken(24);
      this.rounds.set(skipToken, { round, offset: offset + pageSize });
      return { window: round.window, items, skipToken };
    }
    const deltaToken = newOpaqueToken(24);
    this.states.set(deltaToken, round.nextState);
    return { window: round.window, items, deltaToken };
  }
}
