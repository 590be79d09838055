/**
 * Places absence events (runs of illness, unauthorised days, holidays in term time…)
 * on a child's register until a target number of absent sessions is reached, so each
 * child's absence rate is what their profile says whatever the length of the register.
 */
import type { Rng } from "./random.js";

/** One child's register: a code per school day for each session. */
export type Register = { am: string[]; pm: string[] };

export type AbsenceEvent = {
  code: string;
  /** Length in school days, [min, max]. */
  days: readonly [number, number];
  session: "AM" | "PM" | "both";
};

const PRESENT = new Set(["/", "\\", "L"]);

export function placeAbsences(
  rng: Rng,
  reg: Register,
  quota: number,
  menu: readonly (readonly [AbsenceEvent, number])[],
): void {
  const n = reg.am.length;
  let absent = 0;
  // Bounded: a register too full of activities to reach the quota must still finish.
  for (let attempt = 0; absent < quota && attempt < quota * 20 + 20; attempt++) {
    const event = rng.weighted(menu);
    const start = rng.int(0, n - 1);
    const length = rng.int(event.days[0], event.days[1]);
    for (let i = start; i < Math.min(n, start + length) && absent < quota; i++) {
      if (event.session !== "PM" && PRESENT.has(reg.am[i] ?? "")) {
        reg.am[i] = event.code;
        absent++;
      }
      if (event.session !== "AM" && absent < quota && PRESENT.has(reg.pm[i] ?? "")) {
        reg.pm[i] = event.code;
        absent++;
      }
    }
  }
}
