/** What the record routes answer: care-plan reviews, exclusions, part-time timetables, school places, SEN. */
import { z } from "zod";

const schoolRef = z.object({ id: z.number(), name: z.string() });

export const review = z
  .object({
    id: z.number(),
    childId: z.number(),
    status: z.enum(["held", "planned"]),
    date: z.string(),
    plannedDate: z.string().nullable(),
    heldOn: z.string().nullable(),
    code: z.string().nullable().describe("SSDA903 review code (PN0–PN7), when known"),
  })
  .meta({ id: "CareReview" });

export const reviewBooked = review
  .extend({ previousDate: z.string().nullable().describe("The booking this one moved, if any") })
  .meta({ id: "CareReviewBooked" });

export const reviewList = z
  .object({
    asOf: z.string(),
    nextReviewDue: z.string().nullable(),
    nextReviewPlanned: z.string().nullable(),
    reviewOverdue: z.boolean(),
    items: z.array(review),
  })
  .meta({ id: "CareReviews" });

export const exclusion = z
  .object({
    id: z.number(),
    childId: z.number(),
    kind: z.string(),
    startDate: z.string(),
    schoolDays: z.number().nullable(),
    sessions: z.number().nullable(),
    reason: z.string().nullable(),
    school: schoolRef.nullable(),
  })
  .meta({ id: "Exclusion" });

export const exclusionList = z.object({ items: z.array(exclusion) }).meta({ id: "Exclusions" });

export const partTime = z
  .object({
    id: z.number(),
    childId: z.number(),
    startDate: z.string(),
    plannedEndDate: z.string(),
    reviewDate: z.string(),
    endedOn: z.string().nullable(),
    hoursPerWeek: z.number().nullable(),
    reason: z.string().nullable(),
    school: schoolRef.nullable(),
  })
  .meta({ id: "PartTimeTimetable" });

export const partTimeList = z.object({ items: z.array(partTime) }).meta({ id: "PartTimeTimetables" });

export const place = z
  .object({
    id: z.number(),
    childId: z.number(),
    fromDate: z.string(),
    toDate: z.string().nullable(),
    yearGroup: z.string().nullable(),
    school: schoolRef,
  })
  .meta({ id: "SchoolPlace" });

export const placeStarted = place
  .extend({ ended: z.array(place).describe("Places at other schools this one ended") })
  .meta({ id: "SchoolPlaceStarted" });

export const senChange = z
  .object({
    id: z.number(),
    childId: z.number(),
    status: z.enum(["none", "sen_support", "ehcp"]),
    fromDate: z.string(),
    current: z.object({ status: z.string(), since: z.string().nullable() }),
  })
  .meta({ id: "SenChange" });
