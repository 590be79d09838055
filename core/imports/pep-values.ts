/**
 * The values of an ePEP export, as pure functions: each vendor words terms, statuses and
 * ratings its own way, and the record keeps one form of each (core/peps/pep.rules.ts).
 * Null means "not readable"; callers report it.
 */
import { PEP_RAGS, type PepRag, type PepState } from "../peps/pep.rules.js";

const SEASONS: Record<string, string> = {
  aut: "autumn",
  autumn: "autumn",
  spr: "spring",
  spring: "spring",
  sum: "summer",
  summer: "summer",
};
const SEASON = /\b(aut(?:umn)?|spr(?:ing)?|sum(?:mer)?)\b/;
const SCHOOL_YEAR = /\b(\d{4})\s*[/-]\s*(\d{2}|\d{4})\b/;
const YEAR = /\b(\d{4})\b/;

/**
 * A PEP's term as the record keys it: "initial", or "<school year>-<season>" where the
 * school year is named by the year it starts ("2026-spring" is the spring of 2026/27, as
 * the calendar names terms). Read from:
 *   - "2026-autumn", "2026 spring": the record's own form (the year first is the school year);
 *   - "Autumn 2026", "Spring Term 2027": a season and the calendar year it falls in, so
 *     "Spring 2027" is "2026-spring";
 *   - "Spring 2026/27", "2026-27 Summer": a season and the school year.
 * "term" and "PEP" are ignored ("Autumn Term 2026 PEP"); anything else is not a term.
 */
export function parsePepTerm(text: string): string | null {
  const t = text.trim().toLowerCase();
  if (/^initial( pep)?$/.test(t)) return "initial";
  const season = SEASON.exec(t);
  if (!season) return null;
  const name = SEASONS[season[1] ?? ""];
  const schoolYear = SCHOOL_YEAR.exec(t);
  let start: number;
  let rest: string;
  if (schoolYear) {
    const first = Number(schoolYear[1]);
    const second = Number(schoolYear[2]);
    if ((schoolYear[2]?.length === 2 ? second : second % 100) !== (first + 1) % 100) return null;
    start = first;
    rest = t.replace(schoolYear[0], " ");
  } else {
    const year = YEAR.exec(t);
    if (!year) return null;
    const y = Number(year[1]);
    const yearFirst = year.index < season.index;
    start = yearFirst || name === "autumn" ? y : y - 1;
    rest = t.replace(year[0], " ");
  }
  rest = rest.replace(SEASON, " ").replace(/\b(term|pep)\b/g, " ");
  if (!/^[\s,/_-]*$/.test(rest)) return null;
  return `${start}-${name}`;
}

/** Status words of ePEP systems (lower case, punctuation as spaces) → the record's states. */
const STATUS_WORDS: Record<string, PepState> = {
  "not started": "not_started",
  "not yet started": "not_started",
  "to do": "not_started",
  new: "not_started",
  booked: "booked",
  scheduled: "booked",
  arranged: "booked",
  "meeting booked": "booked",
  "meeting scheduled": "booked",
  "meeting arranged": "booked",
  draft: "draft",
  "in draft": "draft",
  "in progress": "draft",
  started: "draft",
  incomplete: "draft",
  held: "held",
  "meeting held": "held",
  submitted: "submitted",
  "submitted for qa": "submitted",
  "awaiting qa": "submitted",
  "awaiting quality assurance": "submitted",
  "pending qa": "submitted",
  "ready for qa": "submitted",
  "with virtual school": "submitted",
  returned: "returned",
  "returned for changes": "returned",
  "returned to school": "returned",
  "returned for amendment": "returned",
  "changes requested": "returned",
  "requires changes": "returned",
  rejected: "returned",
  complete: "complete",
  completed: "complete",
  finalised: "complete",
  finalized: "complete",
  "quality assured": "quality_assured",
  "qa complete": "quality_assured",
  "qa completed": "quality_assured",
  qad: "quality_assured",
  approved: "quality_assured",
  "signed off": "quality_assured",
};

const words = (text: string): string =>
  text
    .trim()
    .toLowerCase()
    .replace(/['’]/g, "")
    .replace(/[\s_\-.]+/g, " ")
    .trim();

/** "Quality Assured", "quality_assured", "QA'd" → "quality_assured"; null for a word not known. */
export function parsePepStatus(text: string): PepState | null {
  return STATUS_WORDS[words(text)] ?? null;
}

/** The words `parsePepStatus` reads, for a problem's message. */
export const PEP_STATUS_WORDS_HINT =
  "not started, booked, draft, held, submitted, returned, complete or quality assured";

const RAG_WORDS: Record<string, PepRag> = {
  r: "red",
  a: "amber",
  g: "green",
  outstanding: "green",
  good: "green",
  "requires improvement": "amber",
  inadequate: "red",
};

/** "Green", "G", "good" → "green"; null for a rating not known. */
export function parsePepRag(text: string): PepRag | null {
  const w = words(text);
  return (PEP_RAGS as readonly string[]).includes(w) ? (w as PepRag) : (RAG_WORDS[w] ?? null);
}

/** Targets as one cell: split on ";" and line breaks, bullets dropped, one a line; null when none. */
export function splitTargets(text: string): string | null {
  const targets = text
    .split(/\r?\n|;/)
    .map((t) => t.replace(/^\s*[-•*]\s*/, "").trim())
    .filter((t) => t !== "");
  return targets.length > 0 ? targets.join("\n") : null;
}

const POUNDS = /^(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d{1,2}))?$/;

/** "£1,250.50", "1250.5", "£300" → pence; null for anything else (negative, three decimals, words). */
export function parsePence(text: string): number | null {
  const t = text
    .trim()
    .replace(/^£\s*/, "")
    .replace(/^gbp\s*/i, "");
  const m = POUNDS.exec(t);
  if (!m) return null;
  const pounds = Number((m[1] ?? "").replace(/,/g, ""));
  const pence = Number((m[2] ?? "").padEnd(2, "0"));
  const total = pounds * 100 + pence;
  return Number.isSafeInteger(total) ? total : null;
}
