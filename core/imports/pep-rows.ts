/**
 * The rows of an ePEP export: the names each column goes by in vendors' exports, and the
 * schema a row's PEP facts are read with (the child is found separately, child-ref.ts).
 */
import { z } from "zod";
import type { PepRag, PepState } from "../peps/pep.rules.js";
import { CHILD_ID_NAMES, UPN_NAMES } from "./child-ref.js";
import type { ColumnNames } from "./columns.js";
import { cell, optionalDateField } from "./fields.js";
import {
  PEP_STATUS_WORDS_HINT,
  parsePence,
  parsePepRag,
  parsePepStatus,
  parsePepTerm,
  splitTargets,
} from "./pep-values.js";

export type PepField =
  | "child"
  | "upn"
  | "term"
  | "status"
  | "meeting_date"
  | "due_date"
  | "rag"
  | "targets"
  | "pp_plus";

/** The names each column goes by in vendors' exports (matched ignoring case and punctuation). */
export const PEP_COLUMN_NAMES: ColumnNames<PepField> = {
  child: CHILD_ID_NAMES,
  upn: UPN_NAMES,
  term: ["term", "pep term", "term name", "academic term", "school term", "pep period", "period"],
  status: ["status", "pep status", "state", "stage", "pep stage", "workflow status"],
  meeting_date: ["meeting date", "pep meeting date", "pep date", "date of meeting", "date of pep meeting", "date held"],
  due_date: ["due date", "pep due date", "deadline", "pep deadline"],
  rag: ["rag", "rag rating", "quality rating", "qa rating", "rag status", "quality", "pep quality", "qa outcome"],
  targets: ["targets", "smart targets", "pep targets", "target"],
  pp_plus: ["pp+ amount", "pp+", "pp plus", "pp plus amount", "pupil premium plus", "pp+ approved", "pp+ allocated"],
};

/** A row's PEP facts. */
export const pepRow = z.object({
  term: cell.transform((text, ctx) => {
    const term = parsePepTerm(text);
    if (term !== null) return term;
    const message =
      text === ""
        ? "is empty: the PEP's term is needed (e.g. Autumn 2026, or initial)"
        : "should be a term such as Autumn 2026, Spring 2026/27 or 2026-autumn, or initial";
    ctx.addIssue({ code: "custom", message });
    return z.NEVER;
  }),
  status: cell.transform((text, ctx): PepState => {
    const status = parsePepStatus(text);
    if (status !== null) return status;
    const message = text === "" ? `is empty: the PEP's status is needed` : `should be ${PEP_STATUS_WORDS_HINT}`;
    ctx.addIssue({ code: "custom", message });
    return z.NEVER;
  }),
  meeting_date: optionalDateField,
  due_date: optionalDateField,
  rag: cell.transform((text, ctx): PepRag | null => {
    if (text === "") return null;
    const rag = parsePepRag(text);
    if (rag === null) ctx.addIssue({ code: "custom", message: "should be red, amber or green (or R, A, G)" });
    return rag;
  }),
  targets: cell.transform(splitTargets),
  pp_plus: cell.transform((text, ctx): number | null => {
    if (text === "") return null;
    const pence = parsePence(text);
    if (pence === null) ctx.addIssue({ code: "custom", message: "should be an amount in pounds, e.g. £1,250.00" });
    return pence;
  }),
});
