/**
 * What GET /children/:id/status answers: a child's education status as the status card,
 * the tab and the bot read it. Only the fields listed leave the server.
 */
import { z } from "zod";
import { childName } from "./children.js";

const red = z.enum(["red", "amber"]);
const isoDate = z.string().describe("YYYY-MM-DD");

const run = z.object({ days: z.number(), from: isoDate, to: isoDate });

const care = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("looked_after"), since: isoDate, startKnown: z.boolean() }),
  z.object({ kind: z.literal("short_breaks"), since: isoDate }),
  z.object({
    kind: z.literal("left_care"),
    since: isoDate.nullable(),
    ceasedOn: isoDate,
    reason: z.object({ code: z.string(), text: z.string() }).nullable(),
    previouslyLookedAfter: z.boolean(),
  }),
  z.object({ kind: z.literal("not_looked_after") }),
]);

const attendance = z.object({
  possibleSessions: z.number(),
  attendedSessions: z.number(),
  authorisedAbsence: z.number(),
  unauthorisedAbsence: z.number(),
  unrecognisedMarks: z.number(),
  attendanceRate: z.number().nullable(),
  absenceRate: z.number().nullable(),
  persistentAbsence: z.boolean(),
  severeAbsence: z.boolean(),
  today: z.object({
    am: z.string().nullable().describe("DfE attendance code, null when not marked"),
    pm: z.string().nullable(),
    unexplainedSessions: z.array(z.enum(["AM", "PM"])),
    unexplainedToday: z.boolean(),
  }),
  longestUnexplainedRun: run.nullable(),
  currentUnexplainedRun: run.nullable(),
  unresolvedSessions: z.number(),
  dataGap: z.object({ since: isoDate, schoolDays: z.number(), lastMark: isoDate.nullable() }).nullable(),
});

const pep = z.object({
  required: z.boolean(),
  initialPep: z
    .object({
      due: isoDate,
      done: z.boolean(),
      heldOn: isoDate.nullable(),
      onTime: z.boolean().nullable(),
      daysLate: z.number(),
    })
    .nullable(),
  current: z.boolean(),
  inDate: z.boolean(),
  notInDateBecause: z.enum(["overdue", "none_on_record", "last_held_late", "no_term_dates"]).nullable(),
  lastCompleted: z
    .object({
      term: z.string(),
      dueDate: isoDate,
      meetingDate: isoDate.nullable(),
      status: z.string(),
      rag: z.enum(["red", "amber", "green"]).nullable(),
      targets: z.string().nullable().optional(),
    })
    .nullable(),
  nextDue: isoDate.nullable(),
  nextDueFor: z.string().nullable(),
  overdue: z.boolean(),
  daysOverdue: z.number(),
  dueSoon: z.boolean(),
  nextReviewDue: isoDate.nullable(),
  nextReviewPlanned: isoDate.nullable(),
  pepNeededForReviewBy: isoDate.nullable(),
  reviewOverdue: z.boolean(),
  booked: isoDate.nullable(),
});

const exclusions = z.object({
  suspensionsThisYear: z.number(),
  suspensionDaysThisYear: z.number(),
  permanent: z.boolean(),
  permanentExclusionDate: isoDate.nullable(),
  permanentEducationFrom: isoDate.nullable(),
  permanentSeverity: red.nullable(),
  educationDueFromDay6: z.boolean(),
  activeSuspension: z
    .object({
      startDate: isoDate,
      endDate: isoDate,
      days: z.number(),
      educationFrom: isoDate.nullable(),
      suspensions: z.number(),
      severity: red,
    })
    .nullable(),
});

export const childStatus = z
  .object({
    asOf: isoDate,
    child: childName,
    childId: z.number(),
    lookedAfter: z.boolean(),
    care,
    school: z
      .object({
        schoolId: z.number(),
        schoolName: z.string(),
        urn: z.string(),
        phase: z.string(),
        outOfArea: z.boolean(),
        fromDate: isoDate,
        yearGroup: z.string().nullable(),
      })
      .nullable(),
    nextSchool: z.object({ schoolName: z.string(), fromDate: isoDate }).nullable(),
    daysWithoutSchoolPlace: z.number().nullable(),
    attendance,
    pep,
    sen: z.object({ status: z.enum(["none", "sen_support", "ehcp"]), ehcp: z.boolean() }),
    exclusions,
    partTime: z
      .object({
        startDate: isoDate,
        plannedEndDate: isoDate,
        reviewDate: isoDate,
        hoursPerWeek: z.number().nullable(),
        reviewOverdue: z.boolean(),
      })
      .nullable(),
    recentActions: z.array(
      z.object({
        at: z.string(),
        text: z.string(),
        category: z.string(),
        followUpDate: isoDate.nullable(),
        by: z.string(),
      }),
    ),
    placement: z
      .object({ placementType: z.string(), fromDate: isoDate, toDate: isoDate.nullable(), outOfArea: z.boolean() })
      .nullable(),
    flags: z.array(z.object({ code: z.string(), severity: red, text: z.string() })),
    notes: z.array(z.string()),
  })
  .meta({ id: "ChildStatus" });
