/**
 * What the children routes answer. Only the fields listed leave the server: whatever else
 * a service hands back (a whole database row, say) is dropped by the serializer.
 */
import { z } from "zod";

const red = z.enum(["red", "amber"]);
const isoDate = z.string().describe("YYYY-MM-DD");
const schoolRef = z.object({ id: z.number(), name: z.string() });
export const childName = z.object({ id: z.number(), firstName: z.string(), lastName: z.string() });

export const childList = z
  .object({
    items: z.array(
      childName.extend({
        localId: z.string(),
        senStatus: z.string(),
        school: schoolRef.nullable(),
      }),
    ),
    total: z.number(),
    limit: z.number(),
    offset: z.number(),
  })
  .meta({ id: "ChildList" });

/** The child's own row: what was sent when adding a child, and the record's head. */
const childRow = childName.extend({
  localId: z.string(),
  upn: z.string().nullable(),
  upnIssue: z.string().nullable().describe("Why the UPN failed validation, when it did"),
  dateOfBirth: isoDate,
  sex: z.string().nullable(),
  lookedAfterSince: isoDate.nullable(),
  careStartKnown: z.boolean(),
  ceasedLookedAfter: isoDate.nullable(),
  placingAuthority: z.string(),
  senStatus: z.string(),
  senSince: isoDate.nullable(),
  createdAt: z.date(),
  updatedAt: z.date(),
});

export const childCreated = childRow
  .extend({ legalStatus: z.string().nullable(), ceasedReason: z.string().nullable() })
  .meta({ id: "ChildCreated" });

/** A designated teacher's copy leaves out the care fields and other professionals' e-mail addresses. */
export const childRecord = childRow
  .extend({
    legalStatus: z.string().nullable().optional().describe("Not for designated teachers"),
    ceasedReason: z.string().nullable().optional().describe("Not for designated teachers"),
    enrolments: z.array(
      z.object({
        id: z.number(),
        childId: z.number(),
        schoolId: z.number(),
        fromDate: isoDate,
        toDate: isoDate.nullable(),
        yearGroup: z.string().nullable(),
        school: z.object({ id: z.number(), name: z.string(), urn: z.string() }),
      }),
    ),
    placements: z
      .array(
        z.object({
          id: z.number(),
          childId: z.number(),
          placementType: z.string(),
          fromDate: isoDate,
          toDate: isoDate.nullable(),
          outOfArea: z.boolean(),
          placementUrn: z.string().nullable(),
        }),
      )
      .optional()
      .describe("Not for designated teachers"),
    allocations: z.array(
      z.object({
        role: z.string(),
        professional: z.object({
          id: z.number(),
          name: z.string(),
          email: z.string().optional().describe("A designated teacher sees only their own"),
        }),
      }),
    ),
  })
  .meta({ id: "ChildRecord" });

export const attendanceByWeek = z
  .object({
    asOf: isoDate,
    from: isoDate,
    to: isoDate,
    weeks: z.array(
      z.object({
        weekStart: isoDate,
        possibleSessions: z.number(),
        attendedSessions: z.number(),
        attendanceRate: z.number().nullable(),
      }),
    ),
  })
  .meta({ id: "AttendanceByWeek" });

export const childPeps = z
  .object({
    asOf: isoDate,
    items: z.array(
      z.object({
        id: z.number(),
        term: z.string(),
        dueDate: isoDate,
        meetingDate: isoDate.nullable(),
        status: z.string(),
        rag: z.string().nullable(),
        booked: z.boolean(),
        held: z.boolean(),
        submittedAt: z.string().nullable(),
        qaAt: z.string().nullable(),
        targets: z.number(),
        ppRequestedPence: z.number(),
        ppPlusPence: z.number().nullable(),
      }),
    ),
    next: z.object({
      required: z.boolean(),
      for: z.string().nullable(),
      dueDate: isoDate.nullable(),
      overdue: z.boolean(),
      dueSoon: z.boolean(),
      booked: isoDate.nullable(),
    }),
    pupilPremiumPlus: z.object({
      allocated: z.number(),
      released: z.number(),
      requested: z.number(),
      approved: z.number(),
      pending: z.number(),
      remaining: z.number(),
      eligible: z.boolean(),
      schoolYear: z.number(),
    }),
  })
  .meta({ id: "ChildPeps" });

export const caseload = z
  .object({
    items: z.array(
      childName.extend({
        school: schoolRef.nullable(),
        badges: z.array(z.object({ code: z.string(), text: z.string(), severity: red })),
      }),
    ),
  })
  .meta({ id: "Caseload" });
