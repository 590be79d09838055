/**
 * Registers (AM and PM marks, DfE 2024 codes) for every school day of the seeded school
 * year up to the last school day on or before today, only while the child is on roll.
 * Absence is placed to a target rate per child so the profile is certain even a few
 * weeks into term: most children 93–99% present, about 10% persistently absent (≥10%),
 * about 2% severely absent (≥50%), one child missing education, one on a part-time
 * timetable, about 8 with unexplained absence on today's register and two who arrived
 * after it closed (U). Today's marks exist only for the registers that have closed, and
 * one school's feed stopped a few school days ago (see feed.ts). Nursery children in a
 * 15-hour place come in the mornings: their afternoons are X (not of compulsory school
 * age, not expected in).
 */
import type { IsoDate } from "../../core/platform/dates.js";
import { type AbsenceEvent, placeAbsences, type Register } from "./absence.js";
import type { SeedContext } from "./context.js";
import type { StoppedFeed } from "./feed.js";
import type { Rng } from "./random.js";
import type { RegisterDay } from "./register.js";
import type { AttendanceProfile, SeedChild } from "./traits.js";
import type { MarkPlan } from "./types.js";

/** Absence rate ranges (share of sessions) by profile. */
const RATES: Record<AttendanceProfile, readonly [number, number]> = {
  good: [0.01, 0.065],
  persistent: [0.13, 0.3],
  severe: [0.55, 0.75],
  part_time: [0.01, 0.04],
  missing_education: [0.02, 0.08],
};

const GOOD: readonly (readonly [AbsenceEvent, number])[] = [
  [{ code: "I", days: [1, 3], session: "both" }, 60],
  [{ code: "M", days: [1, 1], session: "AM" }, 20],
  [{ code: "C", days: [1, 1], session: "both" }, 5],
  [{ code: "O", days: [1, 1], session: "PM" }, 5],
  [{ code: "G", days: [2, 4], session: "both" }, 3],
];
const PERSISTENT: readonly (readonly [AbsenceEvent, number])[] = [
  [{ code: "I", days: [1, 3], session: "both" }, 30],
  [{ code: "O", days: [1, 2], session: "both" }, 25],
  [{ code: "U", days: [1, 1], session: "AM" }, 10],
  [{ code: "G", days: [3, 5], session: "both" }, 10],
  [{ code: "M", days: [1, 1], session: "AM" }, 10],
  [{ code: "C", days: [1, 1], session: "both" }, 5],
  [{ code: "N", days: [1, 2], session: "both" }, 10],
];
const SEVERE: readonly (readonly [AbsenceEvent, number])[] = [
  [{ code: "O", days: [2, 6], session: "both" }, 35],
  [{ code: "N", days: [1, 3], session: "both" }, 25],
  [{ code: "G", days: [3, 5], session: "both" }, 10],
  [{ code: "I", days: [1, 3], session: "both" }, 20],
  [{ code: "C", days: [1, 1], session: "both" }, 10],
];

/** Consecutive school days of O that make the child-missing-education case (policy: 10). */
const MISSING_RUN = 12;
/** Schools resolve N within 5 school days; older N marks have become O. */
const N_RESOLVED_AFTER = 5;

export function planMarks(
  rng: Rng,
  ctx: SeedContext,
  children: readonly SeedChild[],
  registers: ReadonlyMap<number, RegisterDay[]>,
  suspended: ReadonlyMap<number, Set<IsoDate>>,
  feed: StoppedFeed | null,
): MarkPlan[] {
  const marks: MarkPlan[] = [];
  for (const child of children) {
    const days = registers.get(child.index);
    if (!days || days.length === 0) continue;
    const t = child.traits;
    const n = days.length;
    const mornings = t.earlyYears === "mornings";
    const reg: Register = { am: Array(n).fill("/"), pm: Array(n).fill(mornings ? "X" : "\\") };
    sprinkleActivities(rng, reg, child.yearOffset);
    if (child.named === "jordanSmith") {
      // A fixed one-day-in-five pattern keeps Jordan persistently absent on any date.
      for (let i = n - 3; i >= 0; i -= 5) setDay(reg, i, i % 3 === 0 ? "I" : "O");
    } else {
      const [lo, hi] = t.exemplary ? [0.005, 0.02] : RATES[t.attendance];
      const menu = t.exemplary
        ? GOOD.slice(0, 2)
        : t.attendance === "severe"
          ? SEVERE
          : t.attendance === "persistent"
            ? PERSISTENT
            : GOOD;
      placeAbsences(rng, reg, Math.round(rng.between(lo, hi) * (mornings ? 1 : 2) * n), menu);
      const lateRate = t.attendance === "good" ? 0.02 : 0.07;
      for (let i = 0; i < n; i++) if (reg.am[i] === "/" && rng.chance(lateRate)) reg.am[i] = "L";
    }
    if (t.attendance === "part_time") reg.pm.fill("C2");
    for (let i = 0; i < n - N_RESOLVED_AFTER; i++) {
      if (reg.am[i] === "N") reg.am[i] = "O";
      if (reg.pm[i] === "N") reg.pm[i] = "O";
    }
    if (t.attendance === "missing_education")
      for (let i = Math.max(0, n - MISSING_RUN); i < n; i++) setDay(reg, i, "O");
    days.forEach((d, i) => {
      if (suspended.get(child.index)?.has(d.date)) setDay(reg, i, "E");
    });

    let dropToday = false;
    const last = n - 1;
    if (days[last]?.date === ctx.today) {
      if (t.todayMark === "no_mark") dropToday = true;
      else if (t.todayMark === "U") [reg.am[last], reg.pm[last]] = ["U", "\\"];
      else if (t.todayMark) setDay(reg, last, t.todayMark);
      else if (t.attendance !== "missing_education") explainToday(reg, last);
    }
    // A school sends a session's marks once its register has closed, and the stopped feed none since.
    const sent = (date: IsoDate, school: number, session: "am" | "pm") =>
      (date !== ctx.today || (ctx.registersClosed[session] && !dropToday)) &&
      !(feed && school === feed.school && date > feed.lastSent);
    days.forEach((d, i) => {
      if (sent(d.date, d.school, "am"))
        marks.push({ child: child.index, date: d.date, session: "AM", code: reg.am[i] ?? "/", school: d.school });
      if (sent(d.date, d.school, "pm"))
        marks.push({ child: child.index, date: d.date, session: "PM", code: reg.pm[i] ?? "\\", school: d.school });
    });
  }
  return marks;
}

function setDay(reg: Register, i: number, code: string): void {
  reg.am[i] = code;
  reg.pm[i] = code;
}

/**
 * Only the children chosen for it are unexplained today, so the morning's alert list is
 * the demo's ~8; anyone else absent today is off sick.
 */
function explainToday(reg: Register, i: number): void {
  for (const session of [reg.am, reg.pm]) if (["N", "O", "G", "U"].includes(session[i] ?? "")) session[i] = "I";
}

/** Trips (B) and, for older pupils, interviews (J1): approved or authorised, and realistic. */
function sprinkleActivities(rng: Rng, reg: Register, yearOffset: number): void {
  for (let i = 0; i < reg.am.length; i++) {
    if (rng.chance(0.004)) {
      reg.am[i] = "B";
      reg.pm[i] = "B";
    } else if (yearOffset >= 11 && rng.chance(0.003)) reg.pm[i] = "J1";
  }
}
