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
type Moved = { real: DateConstructor; offset: number };
const KEY = Symbol.for("virtual-school.moved-date");
const g = globalThis as typeof globalThis & { [KEY]?: Moved };

/** Moves the system date to `at` (an ISO instant), or back to the real one when undefined. */
export function setSystemDate(at: string | undefined): void {
  if (at === undefined) {
    if (g[KEY]) g[KEY].offset = 0;
    return;
  }
  const state = g[KEY] ?? install();
  const target = state.real.parse(at);
  if (Number.isNaN(target)) throw new Error(`TEST_SYSTEM_DATE is not a date: ${at}`);
  state.offset = target - state.real.now();
}

function install(): Moved {
  const RealDate = globalThis.Date;
  const state: Moved = { real: RealDate, offset: 0 };
  class MovedDate extends RealDate {
    constructor(...args: unknown[]) {
      if (args.length === 0) super(RealDate.now() + state.offset);
      else super(...(args as [string | number | Date]));
    }
    static override now(): number {
      return RealDate.now() + state.offset;
    }
    /** Dates made before the move, or by Node itself, are still dates. */
    static override [Symbol.hasInstance](value: unknown): boolean {
      return value instanceof RealDate;
    }
  }
  globalThis.Date = MovedDate as DateConstructor;
  g[KEY] = state;
  return state;
}
