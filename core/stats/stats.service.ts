/**
 * The Virtual School "as if a single school": the figures a VSH reports to the
 * corporate parenting board, from the same per-child judgements as each status card.
 */
import { type Actor, requireRole } from "../access/roles.js";
import { childScope } from "../access/scope.js";
import { englandBankHolidaySet } from "../calendar/bank-holidays.js";
import type { CalendarRepo } from "../calendar/calendar.repo.js";
import { cohortWhere } from "../children/care.js";
import { loadJudgements } from "../children/judgements.js";
import type { PepRag } from "../peps/pep.rules.js";
import type { Clock } from "../platform/clock.js";
import { type IsoDate, londonDateOf, londonInstant, schoolYearBounds, schoolYearOf } from "../platform/dates.js";
import type { Db, Prisma } from "../platform/db.js";
import type { Policy } from "../policy.js";
import { careFigures } from "./care-figures.js";
import { type PepQaRecords, pepYearFigures } from "./pep-figures.js";
import { statsFigures } from "./stats.rules.js";

/** Every status an alert can be in, so a count of none shows as 0 rather than missing. */
export const ALERT_STATUSES = ["open", "snoozed", "escalated", "acknowledged", "resolved"] as const;
type AlertStatus = (typeof ALERT_STATUSES)[number];

/**
 * Alerts about children looked after, raised this school year, by status, and how many
 * someone answered. Follow-up reminders are left out: they are a person's own notes,
 * not the scan's judgements.
 */
async function alertCounts(db: Db, today: IsoDate, children: Prisma.ChildWhereInput) {
  const start = schoolYearBounds(schoolYearOf(today)).start;
  // The year starts at midnight in England: 1 August is in British Summer Time, an hour before UTC's.
  const since = londonInstant(start, 0);
  const where = { raisedAt: { gte: since }, rule: { not: "follow_up" }, child: children };
  const [byStatus, answered] = await Promise.all([
    db.alert.groupBy({ by: ["status"], where, _count: { _all: true } }),
    db.alert.count({ where: { ...where, answeredAt: { not: null } } }),
  ]);
  const counts = Object.fromEntries(ALERT_STATUSES.map((s) => [s, 0])) as Record<AlertStatus, number>;
  for (const row of byStatus) if (row.status in counts) counts[row.status as AlertStatus] = row._count._all;
  return { raisedSince: start, ...counts, answered };
}

/**
 * The Virtual School's quality assurance of PEPs about `children`: those assured this school
 * year (by the QA time; an imported PEP with none, by its meeting) and those waiting.
 * The same children as its QA queue (core/peps/pep.reports.ts), so the backlog is the queue.
 */
async function pepQaRecords(db: Db, today: IsoDate, children: Prisma.ChildWhereInput): Promise<PepQaRecords> {
  const start = schoolYearBounds(schoolYearOf(today)).start;
  const [assured, waiting] = await Promise.all([
    db.pep.findMany({
      where: {
        status: "quality_assured",
        child: children,
        OR: [
          { qaAt: { gte: londonInstant(start, 0) } },
          { qaAt: null, meetingDate: { gte: start } },
          { qaAt: null, meetingDate: null, dueDate: { gte: start } },
        ],
      },
      select: { rag: true, qaAt: true, meetingDate: true, dueDate: true },
    }),
    db.pep.findMany({
      where: { status: "submitted", child: children },
      select: { submittedAt: true, meetingDate: true, dueDate: true },
    }),
  ]);
  return {
    assured: assured.map((p) => ({
      rag: p.rag as PepRag | null,
      on: p.qaAt ? londonDateOf(p.qaAt) : (p.meetingDate ?? p.dueDate),
    })),
    waiting: waiting.map((p) => ({
      since: p.submittedAt ? londonDateOf(p.submittedAt) : (p.meetingDate ?? p.dueDate),
    })),
  };
}

type Deps = { db: Db; clock: Clock; calendars: CalendarRepo; policy: Policy };

export function createStatsService(deps: Deps) {
  const { db, clock } = deps;
  return {
    /** The VSH's figures for every child; an education adviser's for the children allocated to them. */
    async summary(actor: Actor) {
      requireRole(actor, "vsh", "education_adviser");
      const today = clock.today();
      const lookedAfter: Prisma.ChildWhereInput = { AND: [cohortWhere(today), childScope(actor, today)] };
      const [children, exclusions, alerts, qa, care] = await Promise.all([
        loadJudgements(deps, lookedAfter, today),
        db.exclusion.findMany({
          where: { startDate: { gte: schoolYearBounds(schoolYearOf(today)).start, lte: today }, child: lookedAfter },
          select: { childId: true, kind: true, days: true },
        }),
        alertCounts(db, today, lookedAfter),
        pepQaRecords(db, today, childScope(actor, today)),
        careFigures(db, childScope(actor, today), today),
      ]);
      const figures = statsFigures({ children, exclusions });
      const year = schoolYearOf(today);
      // The same years of bank holidays as the cards and the scan, so working days agree.
      const pepYear = pepYearFigures(children, qa, today, englandBankHolidaySet(year - 1, year + 2));
      // Counted apart from the cohort: children on short breaks and those who left care this year.
      const { shortBreaks, leftCare } = care;
      return {
        asOf: today,
        ...figures,
        children: { ...figures.children, shortBreaks, leftCare },
        peps: { ...figures.peps, ...pepYear },
        alerts,
      };
    },
  };
}
