/**
 * The rows of a schools' exclusions file: the names each column goes by (a census's
 * "Category" and "StartDate", an MIS's "Exclusion Type" and "Start Date"), the words for
 * each category, and the schema a row is read with (the child is found separately,
 * child-ref.ts; the school by URN in exclusions.ts).
 */
import { z } from "zod";
import { CHILD_ID_NAMES, UPN_NAMES } from "./child-ref.js";
import type { ColumnNames } from "./columns.js";
import { cell, dateField, optionalText } from "./fields.js";

export type ExclusionField = "child" | "upn" | "urn" | "category" | "start_date" | "days" | "sessions" | "reason";

/** The names each column goes by (matched ignoring case, spaces and punctuation). */
export const EXCLUSION_COLUMN_NAMES: ColumnNames<ExclusionField> = {
  child: CHILD_ID_NAMES,
  upn: UPN_NAMES,
  urn: ["urn", "school urn", "establishment urn"],
  category: ["category", "exclusion category", "exclusion type", "type", "kind"],
  start_date: ["start date", "exclusion start date", "start", "exclusion date", "date of exclusion", "from"],
  days: ["school days", "days", "length", "length in days", "number of days", "duration", "days excluded"],
  sessions: ["sessions", "exclusion sessions", "number of sessions", "sessions excluded", "half days"],
  reason: ["reason", "reason code", "exclusion reason", "exclusion reason code", "reason for exclusion"],
};

/** The most a pupil may be suspended for in a school year (DfE guidance). */
const MAX_SUSPENSION_DAYS = 45;

const CATEGORY_WORDS: Record<string, { kind: "suspension" | "permanent"; lunchtime?: true }> = {
  fixd: { kind: "suspension" },
  fixed: { kind: "suspension" },
  "fixed term": { kind: "suspension" },
  "fixed period": { kind: "suspension" },
  "fixed term exclusion": { kind: "suspension" },
  "fixed period exclusion": { kind: "suspension" },
  fte: { kind: "suspension" },
  suspension: { kind: "suspension" },
  suspended: { kind: "suspension" },
  // A lunchtime exclusion is a suspension of half a school day (DfE guidance).
  lnch: { kind: "suspension", lunchtime: true },
  lunchtime: { kind: "suspension", lunchtime: true },
  "lunchtime exclusion": { kind: "suspension", lunchtime: true },
  "lunchtime suspension": { kind: "suspension", lunchtime: true },
  perm: { kind: "permanent" },
  permanent: { kind: "permanent" },
  "permanent exclusion": { kind: "permanent" },
  "permanently excluded": { kind: "permanent" },
  pex: { kind: "permanent" },
};

/** "FIXD", "Suspension", "Permanent exclusion", "PERM", "LNCH" → the record's kind; null when not known. */
export function parseExclusionCategory(text: string) {
  const words = text
    .trim()
    .toLowerCase()
    .replace(/[\s_\-.]+/g, " ");
  return CATEGORY_WORDS[words] ?? null;
}

export const exclusionRow = z
  .object({
    urn: cell
      .pipe(z.union([z.literal(""), z.string().regex(/^\d{6}$/, "should be the school's 6-digit URN")]))
      .transform((s) => s || null),
    category: cell.transform((text, ctx) => {
      const category = parseExclusionCategory(text);
      if (category) return category;
      const message =
        text === ""
          ? "is empty: FIXD (suspension) or PERM (permanent exclusion) is needed"
          : "should be FIXD or suspension, PERM or permanent exclusion (or LNCH)";
      ctx.addIssue({ code: "custom", message });
      return z.NEVER;
    }),
    start_date: dateField,
    days: cell.transform((text, ctx): number | null => {
      if (text === "") return null;
      const days = /^\d+(\.\d+)?$/.test(text) ? Number(text) : Number.NaN;
      if (Number.isInteger(days * 2) && days <= MAX_SUSPENSION_DAYS) return days;
      ctx.addIssue({
        code: "custom",
        message: `should be a number of school days, whole or half (up to ${MAX_SUSPENSION_DAYS})`,
      });
      return z.NEVER;
    }),
    sessions: cell.transform((text, ctx): number | null => {
      if (text === "") return null;
      const sessions = /^\d+$/.test(text) ? Number(text) : Number.NaN;
      if (sessions <= MAX_SUSPENSION_DAYS * 2) return sessions;
      ctx.addIssue({
        code: "custom",
        message: `should be a whole number of sessions (up to ${MAX_SUSPENSION_DAYS * 2})`,
      });
      return z.NEVER;
    }),
    reason: optionalText,
  })
  .superRefine((r, ctx) => {
    // A permanent exclusion has no length: whatever the file says (often 0) is not read.
    if (r.category.kind !== "suspension") return;
    if (!r.days && !r.sessions && !r.category.lunchtime) {
      const message = "is empty or 0: a suspension needs its length in school days or in sessions";
      ctx.addIssue({ code: "custom", path: ["length"], message });
    }
    if (r.days !== null && r.sessions !== null && r.days * 2 !== r.sessions) {
      const message = `are ${r.sessions / 2} school days, but the days column says ${r.days}`;
      ctx.addIssue({ code: "custom", path: ["sessions"], message });
    }
  });
