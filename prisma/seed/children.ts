/**
 * 300 children aged 2–17, looked after now or until lately: who they are (name, birth,
 * legal status, SEN, time in care). What happens to them (absence, PEPs, exclusions,
 * leaving care) is decided in traits.ts and the modules after it.
 */
import { addSchoolDays } from "../../core/calendar/school-days.js";
import { addDays, addMonths, daysBetween, type IsoDate, maxDate, minDate } from "../../core/platform/dates.js";
import type { SeedContext } from "./context.js";
import { NAMED_CHILDREN, type NamedKey, TYLER_SCHOOL_DAYS_IN_CARE } from "./named.js";
import { BOYS_NAMES, GIRLS_NAMES, SURNAMES } from "./names.js";
import type { Rng } from "./random.js";
import type { ChildPlan } from "./types.js";

export const CHILD_COUNT = 300;

/** The last few children drawn are two years old: below the PEP age, in no setting. */
const TODDLERS = 5;

/** A child with the facts the later modules need to stay consistent with each other. */
export type ChildDraft = ChildPlan & {
  index: number;
  /** Year group in the seeded school year: -2 two-year-olds, -1 nursery age, 0 Reception … 13. */
  yearOffset: number;
  named: NamedKey | null;
};

/** Relative frequency of each year group offset, -1 (nursery age) to 13: older children dominate care. */
const YEAR_WEIGHTS = [2, 3, 3, 3, 3, 4, 4, 4, 5, 6, 7, 8, 8, 8, 6];

const LEGAL_STATUSES: readonly (readonly [string, number])[] = [
  ["C2", 55],
  ["C1", 10],
  ["V2", 22],
  ["E1", 8],
  ["J2", 2],
];

const SEN: readonly (readonly [ChildPlan["senStatus"], number])[] = [
  ["none", 60],
  ["sen_support", 25],
  ["ehcp", 15],
];

/** The year group as the census writes it: "N1", "N2" (nursery), "R" (Reception), else the year ("7"). */
export const yearGroupLabel = (offset: number): string =>
  offset < 0 ? `N${Math.max(1, 3 + offset)}` : offset === 0 ? "R" : String(offset);

/** A date of birth in the cohort of `offset` that makes the child 3–17 on `today`. */
function dateOfBirth(rng: Rng, ctx: SeedContext, offset: number): IsoDate {
  const cohort = ctx.attendanceYear - 4 - offset;
  const from = maxDate(`${cohort - 1}-09-01`, addDays(addMonths(ctx.today, -18 * 12), 1));
  const to = minDate(`${cohort}-08-31`, addMonths(ctx.today, -3 * 12));
  return addDays(from, rng.int(0, Math.max(0, daysBetween(from, to))));
}

/** A two-year-old's date of birth: between their second and third birthdays on `today`. */
function toddlerBirth(rng: Rng, ctx: SeedContext): IsoDate {
  return addDays(addMonths(ctx.today, -3 * 12), rng.int(1, 360));
}

/**
 * Days since care began: as in the national figures, over a third of the children looked
 * after on a day came into care in the year before it; the rest spread over six years.
 */
function daysInCare(rng: Rng, toddler: boolean): number {
  if (toddler) return rng.int(22, 700);
  return rng.chance(0.25) ? rng.int(22, 365) : rng.int(22, 6 * 365);
}

/** Start of care: never before birth, at least 22 days ago. */
function lookedAfterSince(ctx: SeedContext, dob: IsoDate, daysAgo: number): IsoDate {
  const latest = addDays(ctx.today, -22);
  const earliest = minDate(addDays(dob, 14), latest);
  return maxDate(earliest, minDate(latest, addDays(ctx.today, -daysAgo)));
}

export function planChildren(rng: Rng, ctx: SeedContext): ChildDraft[] {
  const drafts: ChildDraft[] = NAMED_CHILDREN.map((named, index) => {
    const dob = dateOfBirth(rng, ctx, named.yearOffset);
    const since =
      named.key === "tylerBrooks"
        ? (addSchoolDays(ctx.cal, ctx.today, -TYLER_SCHOOL_DAYS_IN_CARE) ?? addDays(ctx.today, -70))
        : lookedAfterSince(ctx, dob, named.daysInCare);
    return {
      ...blank(ctx, index),
      firstName: named.firstName,
      lastName: named.lastName,
      sex: named.sex,
      dateOfBirth: dob,
      legalStatus: named.legalStatus,
      lookedAfterSince: since,
      senStatus: named.senStatus,
      yearOffset: named.yearOffset,
      named: named.key,
    };
  });
  const reserved = new Set(NAMED_CHILDREN.flatMap((n) => [n.firstName, n.lastName]));
  const usedNames = new Set<string>();
  while (drafts.length < CHILD_COUNT) {
    const index = drafts.length;
    const sex = rng.chance(0.56) ? "M" : "F";
    const firstName = rng.pick(sex === "M" ? BOYS_NAMES : GIRLS_NAMES);
    const lastName = rng.pick(SURNAMES);
    if (reserved.has(firstName) || reserved.has(lastName) || usedNames.has(`${firstName} ${lastName}`)) continue;
    usedNames.add(`${firstName} ${lastName}`);
    const toddler = drafts.length >= CHILD_COUNT - TODDLERS;
    const yearOffset = toddler ? -2 : rng.weighted(YEAR_WEIGHTS.map((w, i) => [i - 1, w] as const));
    const dob = toddler ? toddlerBirth(rng, ctx) : dateOfBirth(rng, ctx, yearOffset);
    drafts.push({
      ...blank(ctx, index),
      firstName,
      lastName,
      sex,
      dateOfBirth: dob,
      legalStatus: rng.weighted(LEGAL_STATUSES),
      lookedAfterSince: lookedAfterSince(ctx, dob, daysInCare(rng, toddler)),
      senStatus: yearOffset < 0 && rng.chance(0.8) ? "none" : rng.weighted(SEN),
      yearOffset,
      named: null,
    });
  }
  return drafts;
}

function blank(ctx: SeedContext, index: number): ChildDraft {
  return {
    index,
    localId: `DB${String(index + 1).padStart(4, "0")}`,
    upn: null,
    upnIssue: null,
    firstName: "",
    lastName: "",
    dateOfBirth: ctx.today,
    sex: "M",
    legalStatus: "C2",
    lookedAfterSince: ctx.today,
    careStartKnown: true,
    ceasedLookedAfter: null,
    ceasedReason: null,
    placingAuthority: ctx.laCode,
    senStatus: "none",
    yearOffset: 0,
    named: null,
  };
}
