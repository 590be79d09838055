/** What may come in about a PEP, parsed at every boundary (API, bot card, tab form). */
import { z } from "zod";
import { isoDateSchema } from "../platform/dates.js";
import { parseInput as parseWith } from "../platform/validation.js";
import { PEP_RAGS } from "./pep.rules.js";
import { QA_CRITERION_KEYS } from "./pep.workflow.js";

const text = (max: number, empty: string) =>
  z.string().trim().min(1, empty).max(max, `must be at most ${max} characters`);
const pence = z
  .number({ error: "must be a whole number of pence" })
  .int("must be a whole number of pence")
  .min(0, "must not be negative")
  .max(100_000_000, "is more than any PEP could ask for");

export const MAX_TARGETS = 12;
export const MAX_ATTENDEES = 20;

export const pepTargetSchema = z.object({
  text: text(1000, "must say what the target is"),
  owner: text(200, "must say who will make it happen"),
  byDate: isoDateSchema,
  ppRequestedPence: pence.default(0),
});
export type PepTargetInput = z.infer<typeof pepTargetSchema>;

const meetingDate = isoDateSchema;

/** What the meeting recorded: who came, what the child said, the targets agreed. */
export const pepContentSchema = z.object({
  attendees: z.array(text(200, "must not be empty")).max(MAX_ATTENDEES, `at most ${MAX_ATTENDEES} people`).optional(),
  childViews: z.string().trim().max(4000, "must be at most 4000 characters").optional(),
  targets: z.array(pepTargetSchema).max(MAX_TARGETS, `at most ${MAX_TARGETS} targets`).optional(),
});

export const recordPepSchema = z.discriminatedUnion("status", [
  z.object({ status: z.literal("booked"), meetingDate }),
  pepContentSchema.extend({
    status: z.literal("held"),
    meetingDate,
    /** Send it to the Virtual School at once. */
    submit: z.boolean().optional(),
  }),
]);
export type RecordPep = z.infer<typeof recordPepSchema>;

/** Changes to a held or returned PEP before it goes (back) to the Virtual School. */
export const updatePepSchema = pepContentSchema.extend({ meetingDate: meetingDate.optional() });
export type UpdatePep = z.infer<typeof updatePepSchema>;

export const qualityAssureSchema = z.object({
  rating: z.enum(PEP_RAGS),
  comment: z.string().trim().max(2000, "must be at most 2000 characters").optional(),
  criteria: z.array(z.enum(QA_CRITERION_KEYS)).max(QA_CRITERION_KEYS.length).optional(),
  approvals: z
    .array(z.object({ targetId: z.number().int().positive(), approvedPence: pence }))
    .max(MAX_TARGETS)
    .optional(),
});
export type QualityAssure = z.infer<typeof qualityAssureSchema>;

export const returnPepSchema = z.object({
  comment: text(2000, "must say what needs to change"),
});
export type ReturnPep = z.infer<typeof returnPepSchema>;

/** Parses a PEP's input, or throws a validation error naming each failing field. */
export const parseInput = <T extends z.ZodType>(schema: T, input: unknown): z.output<T> =>
  parseWith(schema, input, "PEP");
