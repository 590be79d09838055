/**
 * What the log card's Edit form sends back (Input.ChoiceSet and Input.Date values, all
 * strings), parsed before it is trusted. A field absent from the payload is left as it was.
 */
import { z } from "zod";
import { VERBS } from "../../cards/verbs.js";
import { ACTION_CATEGORIES } from "../../core/actions/category.js";
import { isIsoDate } from "../../core/platform/dates.js";

/** The longest note an action takes, as on every other path (core/actions/action-log.service.ts). */
export const ACTION_TEXT_MAX = 2000;

/** What a person is told when a note is longer than that: nothing is saved. */
export const tooLong = (length: number) =>
  `That note is ${length.toLocaleString("en-GB")} characters: keep it under ${ACTION_TEXT_MAX.toLocaleString("en-GB")}. Nothing was saved; say it more briefly.`;

const date = z.string().trim().refine(isIsoDate, { message: "Choose a date from the calendar." });

export const logEditSchema = z.object({
  verb: z.literal(VERBS.editLog),
  text: z.string().trim().min(1).max(ACTION_TEXT_MAX).optional(),
  childId: z.coerce.number().int().positive().optional(),
  category: z.enum(ACTION_CATEGORIES).optional(),
  actionDate: date.optional(),
  /** "" when the person cleared it: no follow-up. */
  followUpDate: z.union([z.literal(""), date]).optional(),
});
export type LogEdit = z.infer<typeof logEditSchema>;
