/** What the reporting routes answer: the school-wide figures, and an import's outcome. */
import { z } from "zod";
import { IMPORT_KINDS } from "../../core/imports/kinds.js";
import { ALERT_STATUSES } from "../../core/stats/stats.service.js";

const share = z.number().nullable().describe("percent, null when there is nothing to count");
const pence = z.number().describe("pence");
const money = {
  allocated: pence,
  released: pence,
  requested: pence,
  approved: pence,
  pending: pence,
  remaining: pence,
};
const schoolRef = z.object({ id: z.number(), name: z.string() });
/** Alerts raised this school year, counted by where they stand now. */
const alertsByStatus = Object.fromEntries(ALERT_STATUSES.map((s) => [s, z.number()])) as Record<
  (typeof ALERT_STATUSES)[number],
  z.ZodNumber
>;

export const stats = z
  .object({
    asOf: z.string(),
    children: z.object({
      lookedAfter: z.number(),
      shortBreaks: z.number(),
      leftCare: z.object({
        thisSchoolYear: z.number(),
        latest: z.string().nullable(),
        previouslyLookedAfter: z.number(),
      }),
      onRoll: z.number(),
      withoutSchoolPlace: z.number(),
      withoutSchoolPlaceOverdue: z.number(),
      sen: z.object({ none: z.number(), senSupport: z.number(), ehcp: z.number() }),
    }),
    peps: z.object({
      required: z.number(),
      inDate: z.number(),
      inDatePercent: share,
      overdue: z.number(),
      dueSoon: z.number(),
      initialOnTime: z.object({ due: z.number(), onTime: z.number(), percent: share }),
      qualityAssured: z.object({ total: z.number(), green: z.number(), greenPercent: share }),
      qaBacklog: z.object({
        waiting: z.number(),
        oldestSubmittedOn: z.string().nullable(),
        oldestWaitingWorkingDays: z.number().nullable(),
      }),
    }),
    alerts: z.object({
      raisedSince: z.string(),
      answered: z.number(),
      ...alertsByStatus,
    }),
    attendance: z.object({
      pupilsWithMarks: z.number(),
      possibleSessions: z.number(),
      attendancePercent: share,
      persistentAbsence: z.number(),
      persistentAbsencePercent: share,
      severeAbsence: z.number(),
      severeAbsencePercent: share,
      unexplainedAbsenceToday: z.number(),
      noAttendanceData: z.number(),
    }),
    exclusions: z.object({
      suspensions: z.number(),
      pupilsSuspended: z.number(),
      suspensionDays: z.number(),
      permanentExclusions: z.number(),
    }),
    pupilPremiumPlus: z.object({
      settings: z.object({
        schoolYear: z.number(),
        ratePence: pence,
        retainedPercent: z.number(),
        release: z.enum(["termly", "annual"]),
        perChildPence: pence,
        retainedPerChildPence: pence,
        thirdsReleased: z.number(),
      }),
      virtualSchool: z.object({ ...money, eligibleChildren: z.number(), retainedCentrally: pence }),
      schools: z.array(z.object({ ...money, school: schoolRef.nullable(), eligibleChildren: z.number() })),
      children: z
        .array(
          z.object({
            ...money,
            childId: z.number(),
            firstName: z.string(),
            lastName: z.string(),
            eligible: z.boolean(),
            school: schoolRef.nullable(),
          }),
        )
        .readonly(),
    }),
  })
  .meta({ id: "Stats" });

const tally = z.object({ created: z.number(), updated: z.number(), unchanged: z.number(), rejected: z.number() });

/** A row's problem, without the row's values (they may hold personal data). */
export const importProblem = z.object({
  file: z.string(),
  line: z.number(),
  field: z.string(),
  value: z.string(),
  message: z.string(),
  outcome: z.enum(["rejected", "imported"]),
});

export const importOutcome = z
  .object({
    summary: z.object({
      kind: z.enum(IMPORT_KINDS),
      files: z.array(z.object({ name: z.string(), rows: z.number() })),
      tables: z.record(z.string(), tally),
      totals: tally,
      facts: z.record(z.string(), z.number()),
      notes: z.array(z.string()),
      problems: z.number(),
      milliseconds: z.number(),
    }),
    problemCount: z.number(),
    problems: z.array(importProblem),
  })
  .meta({ id: "ImportOutcome" });
