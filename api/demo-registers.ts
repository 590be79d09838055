/**
 * The demo's registers close on time. The seed writes no mark for a register still open
 * (prisma/seed/registers-later.ts), so a demo started at 08:15 would show every child
 * unmarked once 09:30 passes, and the 10:30 scan would alert on all of them. On the day the
 * demo was seeded, this writes each session's marks as its register closes, as a school's
 * feed would. Demo only: a real authority's marks arrive by import.
 */
import { msOfDay } from "../core/attendance/registers.js";
import type { Clock } from "../core/platform/clock.js";
import { type IsoDate, londonInstant } from "../core/platform/dates.js";
import type { Db } from "../core/platform/db.js";
import type { Policy } from "../core/policy.js";
import { writeClosedRegisters } from "../prisma/seed/registers-later.js";

type Options = { db: Db; clock: Clock; policy: Policy; laCode: string; today: IsoDate; onWritten(n: number): void };

/** Schedules the writes still to come today; returns a function that cancels them. */
export function scheduleDemoRegisters(opts: Options): () => void {
  const { db, clock, policy, laCode, today } = opts;
  const timers = [policy.registerMorningClosesAt, policy.registerAfternoonClosesAt]
    .map((time) => londonInstant(today, msOfDay(time)).getTime() - clock.now().getTime())
    .filter((wait) => wait > 0)
    .map((wait) =>
      setTimeout(() => {
        writeClosedRegisters(db, { today, laCode, now: clock.now(), policy }).then(opts.onWritten, () => undefined);
      }, wait).unref(),
    );
  return () => {
    for (const timer of timers) clearTimeout(timer);
  };
}
