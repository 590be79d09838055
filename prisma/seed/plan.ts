/**
 * The whole demo authority as data, built without touching a database: pure apart from
 * hashing e-mails, and the same for the same `today`, LA code and `now`.
 */
import type { IsoDate } from "../../core/platform/dates.js";
import type { Policy } from "../../core/policy.js";
import { planActions } from "./actions.js";
import { planAllocations } from "./allocations.js";
import { planMarks } from "./attendance.js";
import { demoCalendarRows, demoTermDates } from "./calendar.js";
import { planChildren } from "./children.js";
import { calendarYears, makeContext } from "./context.js";
import { planEnrolments } from "./enrolments.js";
import { planExclusions } from "./exclusions.js";
import { stoppedFeed } from "./feed.js";
import { planPartTime } from "./part-time.js";
import { planPeps } from "./peps.js";
import { planPlacements } from "./placements.js";
import { planProfessionals } from "./professionals.js";
import { enrolmentsByChild, type RegisterDay, registerOf } from "./register.js";
import { planReviews } from "./reviews.js";
import { planSchools } from "./schools.js";
import { assignTraits } from "./traits.js";
import type { ChildPlan, EnrolmentPlan, SchoolPlan, SeedPlan } from "./types.js";
import { assignUpns } from "./upns.js";

/**
 * `now` is the instant the seed runs (the Clock's): today's registers that have not closed
 * by then get no marks. Without it the whole of `today` has passed.
 */
export function planDemo(today: IsoDate, laCode: string, opts: { now?: Date; policy?: Policy } = {}): SeedPlan {
  const ctx = makeContext(today, laCode, opts);
  const rng = (label: string) => ctx.rng.fork(label);

  const schools = planSchools(rng("schools"), laCode);
  const professionals = planProfessionals(rng("professionals"), schools);
  const children = assignTraits(rng("traits"), ctx, planChildren(rng("children"), ctx));
  assignUpns(rng("upns"), ctx, children, schools);

  const enrolments = planEnrolments({ rng: rng("enrolments"), ctx, schools }, children);
  const byChild = enrolmentsByChild(enrolments);
  const registers = new Map<number, RegisterDay[]>();
  for (const [child, rows] of byChild) registers.set(child, registerOf(ctx, rows, schools));

  const reviews = planReviews(rng("reviews"), ctx, children);
  const allocations = planAllocations(rng("allocations"), ctx, children);
  const { exclusions, suspendedDays } = planExclusions(rng("exclusions"), ctx, children, registers, byChild);

  return {
    calendar: demoTermDates(laCode).flatMap(({ laCode: la, variant }) =>
      calendarYears(ctx).flatMap((year) => demoCalendarRows(year, la, variant)),
    ),
    schools,
    professionals,
    children: children.map(toChildRow),
    enrolments,
    placements: planPlacements(rng("placements"), ctx, children, enrolments),
    allocations,
    peps: planPeps(rng("peps"), ctx, children, reviews, schoolAuthorities(enrolments, schools)),
    reviews,
    marks: planMarks(
      rng("marks"),
      ctx,
      children,
      registers,
      suspendedDays,
      stoppedFeed(ctx, schools, enrolments, children),
    ),
    exclusions,
    partTime: planPartTime(rng("part-time"), ctx, children, registers),
    actions: planActions(rng("actions"), ctx, children, allocations, enrolments),
  };
}

/**
 * The authority of each child's latest school (their PEPs are held on its calendar);
 * children with none are left out and take the home authority's.
 */
function schoolAuthorities(enrolments: readonly EnrolmentPlan[], schools: readonly SchoolPlan[]): Map<number, string> {
  const latest = new Map<number, EnrolmentPlan>();
  for (const e of enrolments) if (e.fromDate >= (latest.get(e.child)?.fromDate ?? "")) latest.set(e.child, e);
  const authorities = new Map<number, string>();
  for (const [child, e] of latest) {
    const la = schools[e.school]?.localAuthority;
    if (la) authorities.set(child, la);
  }
  return authorities;
}

/** Only the columns of Child: the traits stay in the plan. */
function toChildRow(c: ChildPlan): ChildPlan {
  return {
    localId: c.localId,
    upn: c.upn,
    upnIssue: c.upnIssue,
    firstName: c.firstName,
    lastName: c.lastName,
    dateOfBirth: c.dateOfBirth,
    sex: c.sex,
    legalStatus: c.legalStatus,
    lookedAfterSince: c.lookedAfterSince,
    careStartKnown: c.careStartKnown,
    ceasedLookedAfter: c.ceasedLookedAfter,
    ceasedReason: c.ceasedReason,
    placingAuthority: c.placingAuthority,
    senStatus: c.senStatus,
  };
}
