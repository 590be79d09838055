/**
 * School places. Every child of school age has a current enrolment (to date open) with a
 * year group matching their age, except those the demo needs without a place. Some
 * changed school this year or earlier, and one was permanently excluded last year and is
 * now on roll at a pupil referral unit. Most 3- and 4-year-olds have a nursery place
 * (two-year-olds none); most 16- and 17-year-olds went from Year 11 to a college or a
 * sixth form, and a few to neither (past compulsory school age: not "without a place").
 */
import { addSchoolDays } from "../../core/calendar/school-days.js";
import { addDays, type IsoDate } from "../../core/platform/dates.js";
import { yearGroupLabel } from "./children.js";
import type { SeedContext } from "./context.js";
import type { Rng } from "./random.js";
import { phasesFor } from "./schools.js";
import type { SeedChild } from "./traits.js";
import type { EnrolmentPlan, SchoolPlan } from "./types.js";

/** School days since a no-place child's last school let them go (well past the 20-day duty). */
export const NO_PLACE_SCHOOL_DAYS = 35;

type Ctx = { rng: Rng; ctx: SeedContext; schools: readonly SchoolPlan[] };

/** A school index suitable for a child of year group `offset` (a college from Year 12 when `college`). */
function chooseSchool(
  { rng, schools }: Ctx,
  child: SeedChild,
  offset: number,
  outOfArea: boolean,
  avoid = -1,
  college = false,
): number {
  const phases = phasesFor(offset, college);
  const special = child.senStatus === "ehcp" && rng.chance(0.45);
  const fits = (s: SchoolPlan, i: number) =>
    i !== avoid &&
    phases.includes(s.phase) &&
    (s.phase === "special") === special &&
    (outOfArea ? s.outOfArea : !s.outOfArea);
  let candidates = schools.flatMap((s, i) => (fits(s, i) ? [i] : []));
  if (candidates.length === 0) {
    candidates = schools.flatMap((s, i) => (i !== avoid && !s.outOfArea && phases.includes(s.phase) ? [i] : []));
  }
  return rng.pick(candidates);
}

/** How many school years a child could have been at a school of this phase. */
function yearsAtSchool(school: SchoolPlan, offset: number): number {
  if (school.phase === "secondary") return Math.max(0, offset - 7);
  if (school.phase === "alternative_provision") return 0;
  return Math.min(offset, 6);
}

export function planEnrolments(c: Ctx, children: readonly SeedChild[]): EnrolmentPlan[] {
  const { rng, ctx, schools } = c;
  const year = ctx.attendanceYear;
  const out: EnrolmentPlan[] = [];
  const add = (child: SeedChild, school: number, fromDate: IsoDate, toDate: IsoDate | null, offset: number) =>
    out.push({ child: child.index, school, fromDate, toDate, yearGroup: yearGroupLabel(offset) });
  const awayChance = (child: SeedChild) => child.traits.placedOutOfArea && rng.chance(0.7);

  for (const child of children) {
    const t = child.traits;
    const offset = child.yearOffset;
    if (t.noPlace === "never" || t.earlyYears === "none") continue;
    if (offset < 0) {
      add(child, chooseSchool(c, child, offset, awayChance(child)), `${year}-09-01`, null, offset);
      continue;
    }
    if (t.post16 === "college" || t.post16 === "not_in_education") {
      // Year 11 ended with the summer term; a college place began the September after.
      const year11 = year - (offset - 11);
      const left = ctx.cal.terms.find((term) => term.name === `${year11}-summer`)?.end ?? `${year11 + 1}-07-19`;
      add(child, chooseSchool(c, child, 11, false), `${year11 - 4}-09-01`, left, 11);
      if (t.post16 === "college") {
        add(child, chooseSchool(c, child, offset, awayChance(child), -1, true), `${year11 + 1}-09-01`, null, offset);
      }
      continue;
    }
    if (t.noPlace === "ended") {
      const ended = addSchoolDays(ctx.cal, ctx.today, -NO_PLACE_SCHOOL_DAYS) ?? addDays(ctx.today, -60);
      add(child, chooseSchool(c, child, offset, false), `${year - 1}-09-01`, ended, offset);
      continue;
    }
    if (t.permanentlyExcluded) {
      const excludedOn = permanentExclusionDate(ctx);
      const from = addSchoolDays(ctx.cal, excludedOn, 12) ?? excludedOn;
      const before = chooseSchool(c, child, offset - 1, false);
      add(child, before, `${year - 1 - Math.max(0, offset - 8)}-09-01`, excludedOn, offset - 1);
      add(child, alternativeProvision(rng, schools), from, null, offset);
      continue;
    }
    const current = child.named ? 0 : chooseSchool(c, child, offset, awayChance(child));
    const days = ctx.registerDays;
    if (t.mover === "this_year" && days.length >= 10) {
      const moveDay = days[Math.floor(days.length * rng.between(0.15, 0.85))] ?? days[0] ?? ctx.today;
      const before = chooseSchool(c, child, offset, false, current);
      add(child, before, `${year - rng.int(1, 3)}-09-01`, addDays(moveDay, -1), offset);
      add(child, current, moveDay, null, offset);
      continue;
    }
    if (t.mover === "earlier") {
      const k = rng.int(0, Math.min(2, offset - 1));
      const before = chooseSchool(c, child, offset - k - 1, false, current);
      add(child, before, `${year - k - 2}-09-01`, `${year - k}-07-19`, offset - k - 1);
      add(child, current, `${year - k}-09-01`, null, offset);
      continue;
    }
    const stayed = rng.int(0, yearsAtSchool(schools[current] as SchoolPlan, offset));
    add(child, current, `${year - stayed}-09-01`, null, offset);
  }
  return out;
}

/** A school day in the spring term of the year before the seeded one. */
export function permanentExclusionDate(ctx: SeedContext): IsoDate {
  const spring = ctx.cal.terms.find((t) => t.name === `${ctx.attendanceYear - 1}-spring`);
  return addSchoolDays(ctx.cal, spring?.start ?? `${ctx.attendanceYear}-03-01`, 25) ?? `${ctx.attendanceYear}-03-10`;
}

function alternativeProvision(rng: Rng, schools: readonly SchoolPlan[]): number {
  return rng.pick(schools.flatMap((s, i) => (s.phase === "alternative_provision" ? [i] : [])));
}
