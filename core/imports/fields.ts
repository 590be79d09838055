/**
 * Parsing the values CSV files carry, as pure functions (unit-tested) and the zod field
 * schemas built on them. Dates come as dd/mm/yyyy (SSDA903, spreadsheets) or ISO
 * (MIS exports); both are accepted everywhere because a file opened and saved in a
 * spreadsheet may have changed from one to the other.
 */
import { z } from "zod";
import { type IsoDate, isIsoDate } from "../platform/dates.js";

const UK_DATE = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

export type DateParse = { ok: true; date: IsoDate } | { ok: false; reason: string };

/** "29/02/2016" or "2016-02-29" → "2016-02-29"; the reason when it is not a real date. */
export function parseDate(text: string): DateParse {
  const uk = UK_DATE.exec(text);
  const iso = uk ? `${uk[3]}-${uk[2]?.padStart(2, "0")}-${uk[1]?.padStart(2, "0")}` : ISO_DATE.test(text) ? text : null;
  if (iso === null) return { ok: false, reason: "should be a date written dd/mm/yyyy" };
  if (!isIsoDate(iso)) return { ok: false, reason: "is not a real date" };
  return { ok: true, date: iso };
}

export type Sex = "M" | "F" | "U";

/**
 * SSDA903 SEX: 1 (male) and 2 (female) in returns up to 2023-24; M, F and U from 2024-25.
 * Null when it is neither.
 */
export function parseSex(text: string): Sex | null {
  const code = text.trim().toUpperCase();
  if (code === "1" || code === "M") return "M";
  if (code === "2" || code === "F") return "F";
  if (code === "U") return "U";
  return null;
}

/** Yes/no columns as spreadsheets write them; null when blank or unreadable. */
export function parseYesNo(text: string): boolean | null {
  const v = text.trim().toLowerCase();
  if (["y", "yes", "true", "1"].includes(v)) return true;
  if (["n", "no", "false", "0"].includes(v)) return false;
  return null;
}

/**
 * A cell: absent columns read as blank, so optional columns may be left out of a file. A
 * NUL character (byte 0) is refused: no real value holds one, and PostgreSQL's text cannot.
 */
export const cell = z
  .string()
  .default("")
  .refine((text) => !text.includes("\u0000"), "holds a NUL character (byte 0), which no value may hold");

/** A required date column. */
export const dateField = cell.transform((text, ctx): IsoDate => {
  if (text === "") {
    ctx.addIssue({ code: "custom", message: "is empty: a date is needed (dd/mm/yyyy)" });
    return z.NEVER;
  }
  const parsed = parseDate(text);
  if (parsed.ok) return parsed.date;
  ctx.addIssue({ code: "custom", message: parsed.reason });
  return z.NEVER;
});

/** An optional date column: blank is null. */
export const optionalDateField = cell.transform((text, ctx): IsoDate | null => {
  if (text === "") return null;
  const parsed = parseDate(text);
  if (parsed.ok) return parsed.date;
  ctx.addIssue({ code: "custom", message: parsed.reason });
  return z.NEVER;
});

/** A column that must not be blank. */
export const requiredText = (what: string) => cell.pipe(z.string().min(1, `is empty: ${what} is needed`));

/** An optional text column: blank is null. */
export const optionalText = cell.transform((text) => (text === "" ? null : text));

/** The first column a zod issue names, and its message. */
export function issuesOf(error: z.ZodError): { field: string; message: string }[] {
  return error.issues.map((issue) => ({ field: String(issue.path[0] ?? ""), message: issue.message }));
}
