/**
 * A bound on the provider requests in flight at once, shared by every connection of an
 * auto-sync cycle. It bounds what the provider sees (rate limits count requests in flight),
 * not the database work a connection does between its requests, which overlaps the others'
 * waits instead. A request holds its slot until its answer's headers arrive.
 */
export interface RequestSlots {
  /** Runs `request` in a slot, waiting for one first; waiting callers are served in arrival order. */
  run<T>(request: () => Promise<T>): Promise<T>;
}

/** `fetch`, each call waiting for a slot when `slots` are given. */
export function fetchInSlots(slots: RequestSlots | undefined): typeof fetch {
  if (!slots) return fetch;
  return (input, init) => slots.run(() => fetch(input, init));
}

export function requestSlots(limit: number): RequestSlots {
  let free = Math.max(1, limit);
  const waiting: (() => void)[] = [];
  const take = async () => {
    if (free > 0) {
      free -= 1;
      return;
    }
    await new Promise<void>((resolve) => waiting.push(resolve));
  };
  // A slot given back goes straight to the longest waiter, so none is overtaken.
  const give = () => {
    const next = waiting.shift();
    if (next) next();
    else free += 1;
  };
  return {
    run: async (request) => {
      await take();
      try {
        return await request();
      } finally {
        give();
      }
    },
  };
}
