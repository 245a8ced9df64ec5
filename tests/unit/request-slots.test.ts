import { describe, expect, it } from 'vitest';
import { requestSlots } from '../../src/calendar/request-slots.ts';

/** A request that answers when the test says so. */
function pendingRequest() {
  let answer!: () => void;
  const answered = new Promise<void>((resolve) => {
    answer = resolve;
  });
  return { answer, request: () => answered };
}

const settle = () => new Promise((resolve) => setImmediate(resolve));

describe('requestSlots', () => {
  it('lets at most `limit` requests run at once and the waiting ones in arrival order', async () => {
    const slots = requestSlots(2);
    const started: number[] = [];
    const requests = Array.from({ length: 5 }, () => pendingRequest());
    const runs = requests.map((r, i) =>
      slots.run(() => {
        started.push(i);
        return r.request();
      }),
    );
    await settle();
    expect(started).toEqual([0, 1]);
    requests[1]!.answer();
    await settle();
    expect(started).toEqual([0, 1, 2]);
    requests[0]!.answer();
    requests[2]!.answer();
    await settle();
    expect(started).toEqual([0, 1, 2, 3, 4]);
    requests[3]!.answer();
    requests[4]!.answer();
    await Promise.all(runs);
  });

  it('gives the slot back when a request fails', async () => {
    const slots = requestSlots(1);
    await expect(slots.run(() => Promise.reject(new Error('refused')))).rejects.toThrow('refused');
    expect(await slots.run(async () => 'next')).toBe('next');
  });
});
