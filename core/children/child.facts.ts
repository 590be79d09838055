/**
 * Loads what the pure rules need about one child (ChildFacts) in one round of queries,
 * already filtered by the caller's scope. Marks are this school year's only.
 */

import type { Actor } from "../access/roles.js";
import { childScope } from "../access/scope.js";
import type { Session } from "../attendance/attendance.rules.js";
import { englandBankHolidays } from "../calendar/bank-holidays.js";
import type { CalendarRepo } from "../calendar/calendar.repo.js";
import type { PepRecord } from "../peps/pep.rules.js";
import { type IsoDate, schoolYearBounds, schoolYearOf } from "../platform/dates.js";
import type { Db } from "../platform/db.js";
import { senStatusSchema } from "./child.schema.js";
import type { ChildFacts } from "./status.js";

const RECENT_ACTIONS = 5;

export async function loadChildFacts(
  db: Db,
  calendars: CalendarRepo,
  actor: Actor,
  childId: number,
  today: IsoDate,
): Promise<ChildFacts | null> {
  const year = schoolYearOf(today);
  const { start } = schoolYearBounds(year);
  const previousYearStart = schoolYearBounds(year - 1).start;
  const child = await db.child.findFirst({
    where: { AND: [{ id: childId }, childScope(actor, today)] },
    include: {
      enrolments: { include: { school: true }, orderBy: { fromDate: "asc" } },
      placements: { orderBy: { fromDate: "asc" } },
      peps: { orderBy: { dueDate: "asc" } },
      marks: { where: { date: { gte: start, lte: today } }, select: { date: true, session: true, code: true } },
      exclusions: { where: { startDate: { gte: previousYearStart } }, orderBy: { startDate: "asc" } },
      reviews: { orderBy: { date: "asc" }, select: { date: true } },
      actions: {
        orderBy: { at: "desc" },
        take: RECENT_ACTIONS,
        include: { professional: { select: { name: true } } },
      },
    },
  });
  if (!child) return null;
  const current = child.enrolments.find((e) => e.fromDate <= today && (e.toDate === null || e.toDate >= today));
  const calendar = await calendars.forAuthority(current?.school.localAuthority);
  return {
    child: {
      id: child.id,
      firstName: child.firstName,
      lastName: child.lastName,
      dateOfBirth: child.dateOfBirth,
      senStatus: senStatusSchema.catch("none").parse(child.senStatus),
      lookedAfterSince: child.lookedAfterSince,
      legalStatus: child.legalStatus,
    },
    enrolments: child.enrolments.map((e) => ({
      schoolId: e.schoolId,
      schoolName: e.school.name,
      urn: e.school.urn,
      phase: e.school.phase,
      outOfArea: e.school.outOfArea,
      fromDate: e.fromDate,
      toDate: e.toDate,
      yearGroup: e.yearGroup,
    })),
    placements: child.placements.map((p) => ({
      placementType: p.placementType,
      fromDate: p.fromDate,
      toDate: p.toDate,
      outOfArea: p.outOfArea,
    })),
    marks: child.marks.map((m) => ({ date: m.date, session: m.session as Session, code: m.code })),
    peps: child.peps.map((p) => ({
      term: p.term,
      dueDate: p.dueDate,
      meetingDate: p.meetingDate,
      status: p.status as PepRecord["status"],
      rag: p.rag as PepRecord["rag"],
    })),
    exclusions: child.exclusions.map((x) => ({
      kind: x.kind === "permanent" ? "permanent" : "suspension",
      startDate: x.startDate,
      days: x.days,
    })),
    reviews: child.reviews.map((r) => r.date),
    actions: child.actions.map((a) => ({
      at: a.at.toISOString(),
      text: a.text,
      category: a.category,
      followUpDate: a.followUpDate,
      by: a.professional.name,
    })),
    calendar,
    bankHolidays: [year - 1, year, year + 1, year + 2].flatMap(englandBankHolidays),
  };
}
