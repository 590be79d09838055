/**
 * Suspensions, permanent exclusions and part-time timetables, as the designated teacher
 * (for a child on their school's roll) or the Virtual School records them. The social
 * worker and the IRO read them but do not record them: the school is the source.
 *
 * Decisions:
 * - The exclusion's school is the one the child was on roll at on its first day; a DT
 *   records their own school's only. A child with no place that day cannot be excluded
 *   (record the place first).
 * - A suspension's length is school days (half days allowed) or sessions (two a day);
 *   a permanent exclusion has none (stored as 0 days). The same child, kind and first day
 *   twice is a conflict, never a second row.
 * - Dates may be up to `AHEAD_DAYS` ahead (a suspension from tomorrow); one recorded ahead
 *   alerts when it is recorded (the scan reads exclusions up to a month ahead).
 * - A child has one part-time timetable open at a time. Moving its review date, or ending
 *   it, re-decides its alert at once: a new review date alerts again when it passes.
 */
import { createAuditLog } from "../access/audit.js";
import { type Actor, ROLES, type Role } from "../access/roles.js";
import { syncRecordAlerts } from "../alerts/record-sync.js";
import { addDays, formatDate, type IsoDate } from "../platform/dates.js";
import { forbidden, notFound } from "../platform/errors.js";
import type { RecordDeps } from "./deps.js";
import { childFor, conflict, invalid, isUniqueViolation, parseInput, schoolOn } from "./record-access.js";
import {
  type RecordExclusion,
  recordExclusionSchema,
  type StartPartTime,
  startPartTimeSchema,
  type UpdatePartTime,
  updatePartTimeSchema,
} from "./records.schema.js";

export const EXCLUSION_ROLES: readonly Role[] = ["designated_teacher", "vsh", "education_adviser"];

/** How far ahead a suspension or a part-time timetable may be recorded to start. */
export const AHEAD_DAYS = 31;

const exclusionSelect = {
  id: true,
  childId: true,
  kind: true,
  startDate: true,
  days: true,
  sessions: true,
  reason: true,
  school: { select: { id: true, name: true } },
} as const;

const partTimeSelect = {
  id: true,
  childId: true,
  startDate: true,
  plannedEndDate: true,
  reviewDate: true,
  endedOn: true,
  hoursPerWeek: true,
  reason: true,
  school: { select: { id: true, name: true } },
} as const;

type ExclusionRow = {
  id: number;
  childId: number;
  kind: string;
  startDate: IsoDate;
  days: number;
  sessions: number | null;
  reason: string | null;
  school: { id: number; name: string } | null;
};

export function exclusionView({ days, ...x }: ExclusionRow) {
  return {
    ...x,
    kind: x.kind === "permanent" ? "permanent" : "suspension",
    schoolDays: x.kind === "permanent" ? null : days,
  };
}

const kindName = (kind: string) => (kind === "permanent" ? "A permanent exclusion" : "A suspension");

export function createExclusionService(deps: RecordDeps) {
  const { db, clock, audit = createAuditLog(deps.db) } = deps;

  /** The school on `date`, which a DT may record for only when it is theirs. */
  async function schoolFor(actor: Actor, childId: number, date: IsoDate, what: string) {
    const school = await schoolOn(db, childId, date);
    if (!school)
      throw invalid(
        "startDate",
        "the child had no school place on this date",
        `No school place is recorded for the child on ${formatDate(date)}: record the place first, then the ${what}.`,
      );
    if (actor.role === "designated_teacher" && school.id !== actor.schoolId)
      throw forbidden(
        `You can record ${what === "exclusion" ? "an exclusion" : `a ${what}`} only for your own school.`,
      );
    return school;
  }

  function notTooFarAhead(date: IsoDate, today: IsoDate): void {
    if (date > addDays(today, AHEAD_DAYS))
      throw invalid(
        "startDate",
        `must be within ${AHEAD_DAYS} days from today`,
        `The start date is more than ${AHEAD_DAYS} days ahead: record it nearer the time.`,
      );
  }

  return {
    /** Records a suspension or a permanent exclusion; its alerts go out at once. */
    async record(actor: Actor, childId: number, raw: RecordExclusion) {
      const input = parseInput(recordExclusionSchema, raw);
      const today = clock.today();
      await childFor(db, actor, childId, today, EXCLUSION_ROLES);
      notTooFarAhead(input.startDate, today);
      const school = await schoolFor(actor, childId, input.startDate, "exclusion");
      const duplicate = conflict(
        `${kindName(input.kind)} starting on ${formatDate(input.startDate)} is already recorded for this child.`,
      );
      const key = { childId, kind: input.kind, startDate: input.startDate };
      if (await db.exclusion.findUnique({ where: { childId_kind_startDate: key }, select: { id: true } }))
        throw duplicate;
      const days = input.kind === "permanent" ? 0 : (input.schoolDays ?? (input.sessions ?? 0) / 2);
      let saved: ExclusionRow;
      try {
        saved = await db.$transaction(async (tx) => {
          const row = await tx.exclusion.create({
            data: {
              ...key,
              schoolId: school.id,
              days,
              sessions: input.sessions ?? null,
              reason: input.reason ?? null,
              recordedById: actor.id,
            },
            select: exclusionSelect,
          });
          await audit.record(actor, "record_exclusion", [childId], { tx });
          return row;
        });
      } catch (err) {
        if (isUniqueViolation(err)) throw duplicate;
        throw err;
      }
      await syncRecordAlerts(deps, childId, "exclusion", "record_changed", actor);
      return exclusionView(saved);
    },

    /** The child's suspensions and exclusions, latest first (anyone who may see the child). */
    async list(actor: Actor, childId: number) {
      await childFor(db, actor, childId, clock.today(), ROLES);
      const rows = await db.exclusion.findMany({
        where: { childId },
        select: exclusionSelect,
        orderBy: [{ startDate: "desc" }, { id: "desc" }],
      });
      await audit.record(actor, "read_child", [childId]);
      return { items: rows.map(exclusionView) };
    },

    /** Starts a part-time (reduced) timetable at the child's school. */
    async startPartTime(actor: Actor, childId: number, raw: StartPartTime) {
      const input = parseInput(startPartTimeSchema, raw);
      const today = clock.today();
      await childFor(db, actor, childId, today, EXCLUSION_ROLES);
      notTooFarAhead(input.startDate, today);
      const school = await schoolFor(actor, childId, input.startDate, "part-time timetable");
      const open = await db.partTimeTimetable.findFirst({
        where: { childId, endedOn: null },
        select: { startDate: true },
      });
      if (open)
        throw conflict(
          `A part-time timetable since ${formatDate(open.startDate)} is still open: record the day it ended, or move its review date.`,
        );
      const saved = await db.$transaction(async (tx) => {
        const row = await tx.partTimeTimetable.create({
          data: {
            childId,
            schoolId: school.id,
            startDate: input.startDate,
            plannedEndDate: input.plannedEndDate,
            reviewDate: input.reviewDate,
            hoursPerWeek: input.hoursPerWeek ?? null,
            reason: input.reason ?? null,
            recordedById: actor.id,
          },
          select: partTimeSelect,
        });
        await audit.record(actor, "record_part_time", [childId], { tx });
        return row;
      });
      await syncRecordAlerts(deps, childId, "part_time", "part_time_changed", actor);
      return saved;
    },

    /**
     * Moves the review (today or later, and the planned end with it when agreed) or records
     * the day the timetable ended (back to full time), today or earlier.
     */
    async updatePartTime(actor: Actor, id: number, raw: UpdatePartTime) {
      const input = parseInput(updatePartTimeSchema, raw);
      const today = clock.today();
      const row = await db.partTimeTimetable.findUnique({ where: { id }, select: partTimeSelect });
      if (!row) throw notFound("part-time timetable");
      await childFor(db, actor, row.childId, today, EXCLUSION_ROLES, "part-time timetable");
      if (actor.role === "designated_teacher" && row.school && row.school.id !== actor.schoolId)
        throw forbidden("You can change a part-time timetable only at your own school.");
      if (row.endedOn !== null) throw conflict(`This part-time timetable already ended on ${formatDate(row.endedOn)}.`);
      const plannedEndDate = input.plannedEndDate ?? row.plannedEndDate;
      const reviewDate = input.reviewDate ?? row.reviewDate;
      checkUpdate(input, { ...row, plannedEndDate, reviewDate }, today);
      const saved = await db.$transaction(async (tx) => {
        const updated = await tx.partTimeTimetable.update({
          where: { id },
          data: { plannedEndDate, reviewDate, endedOn: input.endedOn ?? null },
          select: partTimeSelect,
        });
        await audit.record(actor, "record_part_time", [row.childId], { tx });
        return updated;
      });
      await syncRecordAlerts(deps, row.childId, "part_time", "part_time_changed", actor);
      return saved;
    },

    /** The child's part-time timetables, latest first (anyone who may see the child). */
    async listPartTime(actor: Actor, childId: number) {
      await childFor(db, actor, childId, clock.today(), ROLES);
      const items = await db.partTimeTimetable.findMany({
        where: { childId },
        select: partTimeSelect,
        orderBy: [{ startDate: "desc" }, { id: "desc" }],
      });
      await audit.record(actor, "read_child", [childId]);
      return { items };
    },
  };
}
export type ExclusionService = ReturnType<typeof createExclusionService>;

function checkUpdate(
  input: UpdatePartTime,
  t: { startDate: IsoDate; plannedEndDate: IsoDate; reviewDate: IsoDate },
  today: IsoDate,
): void {
  if (input.endedOn !== undefined && (input.endedOn < t.startDate || input.endedOn > today))
    throw invalid(
      "endedOn",
      "must be between the start date and today",
      `The day it ended must be between ${formatDate(t.startDate)} (its start) and today.`,
    );
  if (input.plannedEndDate !== undefined && input.plannedEndDate < t.startDate)
    throw invalid("plannedEndDate", "must be on or after the start date", "The planned end is before the start.");
  if (input.reviewDate !== undefined && input.reviewDate < today)
    throw invalid("reviewDate", "must be today or later", "The next review is today or later.");
  if (t.reviewDate > t.plannedEndDate)
    throw invalid(
      input.reviewDate !== undefined ? "reviewDate" : "plannedEndDate",
      "the review must fall on or before the planned end",
      `The review (${formatDate(t.reviewDate)}) would fall after the planned end (${formatDate(t.plannedEndDate)}): move the planned end too.`,
    );
}
