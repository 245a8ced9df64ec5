/**
 * The emulators' notion of "now". Tests move it forward instead of sleeping, so token expiry,
 * channel expiry and sync-token ageing are deterministic.
 */
export class EmulatorClock {
  private offsetMs = 0;

  now(): number {
    return Date.now() + this.offsetMs;
  }

  date(): Date {
    return new Date(this.now());
  }

  advance(ms: number): void {
    this.offsetMs += ms;
  }

  reset(): void {
    this.offsetMs = 0;
  }
}
