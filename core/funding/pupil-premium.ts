/**
 * Pupil Premium Plus (PP+), as a Virtual School Head manages it. Pure: policy, dates and
 * figures in, pence out.
 *
 * - Eligible: looked after for at least one day of the school year (up to today) and aged
 *   4 to 15 on 31 August at its start (Reception to Year 11).
 * - Each eligible child's allocation for the year is the policy rate less the share the
 *   Virtual School keeps centrally (rounded down to the penny; the pennies stay central).
 * - Released to the school termly (a third at the start of each term: autumn from the
 *   start of the school year, spring and summer from their first day in the calendar) or
 *   all at once for the year.
 * - Requested: what PEPs held this school year ask for against their targets. Approved:
 *   what quality assurance released. Requests still waiting for a decision are pending.
 * - Remaining: released, less approved, less pending (never below zero). A request may not
 *   exceed it.
 */
import { ageOn } from "../peps/pep.rules.js";
import { type IsoDate, schoolYearBounds } from "../platform/dates.js";
import type { Policy } from "../policy.js";

export const PP_PLUS_MIN_AGE = 4;
export const PP_PLUS_MAX_AGE = 15;

/** The settings a report shows beside its figures. */
export type PpPlusSettings = {
  schoolYear: number;
  ratePence: number;
  retainedPercent: number;
  release: Policy["pupilPremiumPlusRelease"];
  /** What each eligible child's school may draw in the year. */
  perChildPence: number;
  /** What the Virtual School keeps of each eligible child's rate. */
  retainedPerChildPence: number;
  /** Thirds released so far this year (3 when released annually). */
  thirdsReleased: number;
};

export type PpPlusChild = {
  dateOfBirth: IsoDate;
  lookedAfterSince: IsoDate | null;
  ceasedLookedAfter: IsoDate | null;
};

/** The 31 August on which age is judged for school year `year` (named by its start). */
export const eligibilityAgeDate = (schoolYear: number): IsoDate => `${schoolYear}-08-31`;

/** Looked after on at least one day of school year `schoolYear` up to `today`, and aged 4–15 on its 31 August. */
export function isPpPlusEligible(child: PpPlusChild, schoolYear: number, today: IsoDate): boolean {
  const { start, end } = schoolYearBounds(schoolYear);
  const lastDay = today < end ? today : end;
  const since = child.lookedAfterSince;
  if (since === null || since > lastDay) return false;
  if (child.ceasedLookedAfter !== null && child.ceasedLookedAfter >= since && child.ceasedLookedAfter < start)
    return false;
  const age = ageOn(child.dateOfBirth, eligibilityAgeDate(schoolYear));
  return age >= PP_PLUS_MIN_AGE && age <= PP_PLUS_MAX_AGE;
}

/** One eligible child's year: the rate, what is kept centrally, what the school may draw. */
export function ppPlusAllocation(
  policy: Pick<Policy, "pupilPremiumPlusRatePence" | "pupilPremiumPlusRetainedPercent">,
) {
  const ratePence = policy.pupilPremiumPlusRatePence;
  const perChildPence = Math.floor((ratePence * (100 - policy.pupilPremiumPlusRetainedPercent)) / 100);
  return { ratePence, perChildPence, retainedPerChildPence: ratePence - perChildPence };
}

/**
 * When each third of school year `schoolYear` is released: the start of the year, then
 * the first term starting from 1 January (spring) and from 1 April (summer) among
 * `termStarts`, or 1 January and 1 April when the calendar has none.
 */
export function releaseDates(schoolYear: number, termStarts: readonly IsoDate[]): [IsoDate, IsoDate, IsoDate] {
  const { start, end } = schoolYearBounds(schoolYear);
  const firstFrom = (from: IsoDate, before: IsoDate) =>
    [...termStarts].sort().find((d) => d >= from && d < before) ?? from;
  const spring = `${schoolYear + 1}-01-01`;
  const summer = `${schoolYear + 1}-04-01`;
  return [start, firstFrom(spring, summer), firstFrom(summer, end)];
}

/** Thirds of the year's allocation released by `today` (all three when released annually). */
export function thirdsReleased(
  release: Policy["pupilPremiumPlusRelease"],
  schoolYear: number,
  today: IsoDate,
  termStarts: readonly IsoDate[],
): number {
  if (release === "annual") return today >= schoolYearBounds(schoolYear).start ? 3 : 0;
  return releaseDates(schoolYear, termStarts).filter((d) => d <= today).length;
}

/** `thirds` thirds of `pence`, rounded down, so that three thirds are the whole. */
export const thirdsOf = (pence: number, thirds: number): number => Math.floor((pence * thirds) / 3);

export function ppPlusSettings(
  policy: Policy,
  schoolYear: number,
  today: IsoDate,
  termStarts: readonly IsoDate[],
): PpPlusSettings {
  const { ratePence, perChildPence, retainedPerChildPence } = ppPlusAllocation(policy);
  return {
    schoolYear,
    ratePence,
    retainedPercent: policy.pupilPremiumPlusRetainedPercent,
    release: policy.pupilPremiumPlusRelease,
    perChildPence,
    retainedPerChildPence,
    thirdsReleased: thirdsReleased(policy.pupilPremiumPlusRelease, schoolYear, today, termStarts),
  };
}

/** A PEP as funding sees it: its state, what it asked for, and what was approved. */
export type PepFunding = {
  status: string;
  /** Pupil Premium Plus approved against the PEP (set at quality assurance, or imported). */
  ppPlusPence: number | null;
  /** The sum requested against its targets. */
  requestedPence: number;
};

export type PpPlusFigures = {
  allocated: number;
  released: number;
  requested: number;
  approved: number;
  /** Requested on PEPs not yet quality-assured. */
  pending: number;
  remaining: number;
};

/** A PEP's request is decided once it is quality-assured or carries an approved amount. */
const decided = (p: PepFunding): boolean => p.status === "quality_assured" || p.ppPlusPence !== null;

/** One child's figures for the year, from their eligibility and this year's held PEPs. */
export function childPpPlus(
  eligible: boolean,
  settings: Pick<PpPlusSettings, "perChildPence" | "thirdsReleased">,
  peps: readonly PepFunding[],
): PpPlusFigures {
  const allocated = eligible ? settings.perChildPence : 0;
  const released = thirdsOf(allocated, settings.thirdsReleased);
  const requested = peps.reduce((n, p) => n + p.requestedPence, 0);
  const approved = peps.reduce((n, p) => n + (decided(p) ? (p.ppPlusPence ?? 0) : 0), 0);
  const pending = peps.reduce((n, p) => n + (decided(p) ? 0 : p.requestedPence), 0);
  return { allocated, released, requested, approved, pending, remaining: Math.max(0, released - approved - pending) };
}

const ZERO: PpPlusFigures = { allocated: 0, released: 0, requested: 0, approved: 0, pending: 0, remaining: 0 };

/** Figures added up (a school's children, the Virtual School's). */
export function sumFigures(rows: readonly PpPlusFigures[]): PpPlusFigures {
  return rows.reduce(
    (sum, r) => ({
      allocated: sum.allocated + r.allocated,
      released: sum.released + r.released,
      requested: sum.requested + r.requested,
      approved: sum.approved + r.approved,
      pending: sum.pending + r.pending,
      remaining: sum.remaining + r.remaining,
    }),
    ZERO,
  );
}

export type PpPlusChildRow = PpPlusFigures & {
  childId: number;
  firstName: string;
  lastName: string;
  eligible: boolean;
  school: { id: number; name: string } | null;
};

/** A child's row without who they are (zeros when they were not looked after this year). */
export function figuresOf(row: PpPlusChildRow | undefined): PpPlusFigures & { eligible: boolean } {
  if (!row) return { eligible: false, ...ZERO };
  const { eligible, allocated, released, requested, approved, pending, remaining } = row;
  return { eligible, allocated, released, requested, approved, pending, remaining };
}

/**
 * The report: per child, per school (children without a place together, school null), and
 * the Virtual School (with what it keeps centrally for the eligible children).
 */
export function ppPlusReport(settings: PpPlusSettings, children: readonly PpPlusChildRow[]) {
  const bySchool = new Map<number | null, PpPlusChildRow[]>();
  for (const c of children) bySchool.set(c.school?.id ?? null, [...(bySchool.get(c.school?.id ?? null) ?? []), c]);
  const schools = [...bySchool.values()]
    .map((rows) => ({
      school: rows[0]?.school ?? null,
      eligibleChildren: rows.filter((r) => r.eligible).length,
      ...sumFigures(rows),
    }))
    .sort((a, b) => (a.school?.name ?? "\uffff").localeCompare(b.school?.name ?? "\uffff"));
  const eligibleChildren = children.filter((c) => c.eligible).length;
  return {
    settings,
    virtualSchool: {
      eligibleChildren,
      retainedCentrally: eligibleChildren * settings.retainedPerChildPence,
      ...sumFigures(children),
    },
    schools,
    children,
  };
}
export type PpPlusReport = ReturnType<typeof ppPlusReport>;
