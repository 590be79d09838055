/**
 * What may come in about a child's reviews, exclusions, part-time timetables, school places
 * and SEN, parsed at every boundary (API, bot, tab). Shapes only: rules that need today's
 * date (a booking not in the past, a held date not in the future) are the services'.
 */
import { z } from "zod";
import { senStatusSchema } from "../children/child.schema.js";
import { isoDateSchema } from "../platform/dates.js";

const id = z.number().int().positive("must be a positive whole number");
const reason = z.string().trim().min(1, "must not be empty").max(500, "must be at most 500 characters");

/** A care-plan review booked for a date (the next review). */
export const bookReviewSchema = z.object({ plannedDate: isoDateSchema });
export type BookReview = z.infer<typeof bookReviewSchema>;

/** SSDA903 REVIEW_CODE: how the child took part (PN0 … PN7). */
const reviewCode = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^PN[0-7]$/, "must be an SSDA903 review code, PN0 to PN7");

/** A care-plan review held; `reviewId` names the booking it fulfils (found by date otherwise). */
export const reviewHeldSchema = z.object({
  heldOn: isoDateSchema,
  reviewId: id.optional(),
  code: reviewCode.optional(),
});
export type ReviewHeld = z.infer<typeof reviewHeldSchema>;

export const EXCLUSION_KINDS = ["suspension", "permanent"] as const;

/** A single suspension may not be longer than a school year's total (45 school days). */
export const MAX_SUSPENSION_SCHOOL_DAYS = 45;

export const recordExclusionSchema = z
  .object({
    kind: z.enum(EXCLUSION_KINDS),
    startDate: isoDateSchema,
    /** School days, in half days (a suspension may start or end at lunchtime). */
    schoolDays: z
      .number()
      .positive("must be more than 0")
      .max(MAX_SUSPENSION_SCHOOL_DAYS, `must be at most ${MAX_SUSPENSION_SCHOOL_DAYS} school days`)
      .multipleOf(0.5, "must be whole or half days (steps of 0.5)")
      .optional(),
    /** Sessions (half days), when the school gave the length that way. */
    sessions: z
      .number()
      .int("must be a whole number of sessions")
      .positive("must be more than 0")
      .max(MAX_SUSPENSION_SCHOOL_DAYS * 2, `must be at most ${MAX_SUSPENSION_SCHOOL_DAYS * 2} sessions`)
      .optional(),
    reason: reason.optional(),
  })
  .superRefine((x, ctx) => {
    const given = [x.schoolDays, x.sessions].filter((v) => v !== undefined).length;
    if (x.kind === "permanent" && given > 0)
      ctx.addIssue({
        code: "custom",
        path: [x.schoolDays === undefined ? "sessions" : "schoolDays"],
        message: "a permanent exclusion has no length: leave it out",
      });
    if (x.kind === "suspension" && given === 0)
      ctx.addIssue({
        code: "custom",
        path: ["schoolDays"],
        message: "a suspension needs its length, in school days or in sessions",
      });
    if (given === 2)
      ctx.addIssue({ code: "custom", path: ["sessions"], message: "give school days or sessions, not both" });
  });
export type RecordExclusion = z.infer<typeof recordExclusionSchema>;

const hoursPerWeek = z.number().gt(0, "must be more than 0").lt(40, "must be less than 40 (that is full time)");

export const startPartTimeSchema = z
  .object({
    startDate: isoDateSchema,
    plannedEndDate: isoDateSchema,
    /** When the timetable will be reviewed: it is lawful only as a short-term measure. */
    reviewDate: isoDateSchema,
    hoursPerWeek: hoursPerWeek.optional(),
    reason: reason.optional(),
  })
  .superRefine((x, ctx) => {
    if (x.plannedEndDate < x.startDate)
      ctx.addIssue({ code: "custom", path: ["plannedEndDate"], message: "must be on or after the start date" });
    else if (x.reviewDate < x.startDate || x.reviewDate > x.plannedEndDate)
      ctx.addIssue({
        code: "custom",
        path: ["reviewDate"],
        message: "must fall between the start date and the planned end date",
      });
  });
export type StartPartTime = z.infer<typeof startPartTimeSchema>;

/** A review moved (and, if agreed, the planned end with it), or the day it ended. */
export const updatePartTimeSchema = z
  .object({
    reviewDate: isoDateSchema.optional(),
    plannedEndDate: isoDateSchema.optional(),
    endedOn: isoDateSchema.optional(),
  })
  .superRefine((x, ctx) => {
    if (x.reviewDate === undefined && x.plannedEndDate === undefined && x.endedOn === undefined)
      ctx.addIssue({
        code: "custom",
        path: ["reviewDate"],
        message: "give a new review date, a new planned end date or the day it ended",
      });
  });
export type UpdatePartTime = z.infer<typeof updatePartTimeSchema>;

/** England's year groups: nursery (N1, N2), reception (R), then Years 1 to 14. */
export const YEAR_GROUPS = ["N1", "N2", "R", ...Array.from({ length: 14 }, (_, i) => String(i + 1))] as const;
export const yearGroupSchema = z
  .string()
  .trim()
  .toUpperCase()
  .refine((g) => (YEAR_GROUPS as readonly string[]).includes(g), {
    message: "must be a year group: N1, N2, R or 1 to 14",
  });

export const startPlaceSchema = z.object({
  schoolId: id,
  fromDate: isoDateSchema,
  yearGroup: yearGroupSchema.optional(),
});
export type StartPlace = z.infer<typeof startPlaceSchema>;

/** A place ending; `enrolmentId` names which (the open one otherwise). */
export const endPlaceSchema = z.object({ enrolmentId: id.optional(), toDate: isoDateSchema });
export type EndPlace = z.infer<typeof endPlaceSchema>;

export const changeSenSchema = z.object({ status: senStatusSchema, fromDate: isoDateSchema });
export type ChangeSen = z.infer<typeof changeSenSchema>;
