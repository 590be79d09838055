/**
 * The whole demo authority as data, built without touching a database: pure apart from
 * hashing e-mails, and the same for the same `today` and LA code.
 */
import type { IsoDate } from "../../core/platform/dates.js";
import { planActions } from "./actions.js";
import { planAllocations } from "./allocations.js";
import { planMarks } from "./attendance.js";
import { demoCalendarRows } from "./calendar.js";
import { planChildren } from "./children.js";
import { calendarYears, makeContext } from "./context.js";
import { planEnrolments } from "./enrolments.js";
import { planExclusions } from "./exclusions.js";
import { planPartTime } from "./part-time.js";
import { planPeps } from "./peps.js";
import { planPlacements } from "./placements.js";
import { planProfessionals } from "./professionals.js";
import { enrolmentsByChild, type RegisterDay, registerOf } from "./register.js";
import { planReviews } from "./reviews.js";
import { planSchools } from "./schools.js";
import { assignTraits } from "./traits.js";
import type { ChildPlan, SeedPlan } from "./types.js";
import { assignUpns } from "./upns.js";

export function planDemo(today: IsoDate, laCode: string): SeedPlan {
  const ctx = makeContext(today, laCode);
  const rng = (label: string) => ctx.rng.fork(label);

  const schools = planSchools(rng("schools"), laCode);
  const professionals = planProfessionals(rng("professionals"), schools);
  const children = assignTraits(rng("traits"), ctx, planChildren(rng("children"), ctx));
  assignUpns(rng("upns"), ctx, children, schools);

  const enrolments = planEnrolments({ rng: rng("enrolments"), ctx, schools }, children);
  const byChild = enrolmentsByChild(enrolments);
  const registers = new Map<number, RegisterDay[]>();
  for (const [child, rows] of byChild) registers.set(child, registerOf(ctx, rows));

  const reviews = planReviews(rng("reviews"), ctx, children);
  const allocations = planAllocations(rng("allocations"), ctx, children);
  const { exclusions, suspendedDays } = planExclusions(rng("exclusions"), ctx, children, registers, byChild);

  return {
    calendar: calendarYears(ctx).flatMap((year) => demoCalendarRows(year, laCode)),
    schools,
    professionals,
    children: children.map(toChildRow),
    enrolments,
    placements: planPlacements(rng("placements"), ctx, children, enrolments),
    allocations,
    peps: planPeps(rng("peps"), ctx, children, reviews),
    reviews,
    marks: planMarks(rng("marks"), ctx, children, registers, suspendedDays),
    exclusions,
    partTime: planPartTime(rng("part-time"), ctx, children, registers),
    actions: planActions(rng("actions"), ctx, children, allocations, enrolments),
  };
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
    placingAuthority: c.placingAuthority,
    senStatus: c.senStatus,
  };
}
