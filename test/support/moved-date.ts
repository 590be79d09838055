/**
 * Moves this process's system date: `Date.now()` and `new Date()` read `at` plus the real
 * time elapsed since the move, so timers, timeouts and elapsed times behave as before and
 * only the calendar is elsewhere. The product must not care (every date it shows or uses
 * comes from its Clock); the "moved" test projects prove it on a Sunday, a bank holiday,
 * the first day of a term and 31 December (see vitest.config.ts).
 *
 * A constant offset rather than vitest's fake Date: that one moves in steps of its
 * advance interval and is undone by any test that calls vi.useRealTimers().
 */
const RealDate = globalThis.Date;
const MOVED = Symbol.for("virtual-school.moved-date");

export function moveSystemDate(at: string): void {
  const target = RealDate.parse(at);
  if (Number.isNaN(target)) throw new Error(`TEST_SYSTEM_DATE is not a date: ${at}`);
  const g = globalThis as typeof globalThis & { [MOVED]?: number };
  if (g[MOVED] !== undefined) return;
  const offset = target - RealDate.now();
  g[MOVED] = offset;

  class MovedDate extends RealDate {
    constructor(...args: unknown[]) {
      if (args.length === 0) super(RealDate.now() + offset);
      else super(...(args as [string | number | Date]));
    }
    static override now(): number {
      return RealDate.now() + offset;
    }
    /** Dates made before the move, or by Node itself, are still dates. */
    static override [Symbol.hasInstance](value: unknown): boolean {
      return value instanceof RealDate;
    }
  }
  globalThis.Date = MovedDate as DateConstructor;
}
