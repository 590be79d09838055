/**
 * A PEP as the rules see it: its workflow state, its rating, when it was held. Pure and
 * dependency-free, so the timing rules (pep.terms.ts, pep.initial.ts) and the status
 * (pep.rules.ts, which re-exports all of this) can share it without importing each other.
 */
import type { IsoDate } from "../platform/dates.js";

/**
 * The PEP workflow: booked (a meeting date) → held (the meeting, its targets) → submitted
 * to the Virtual School → quality_assured, or returned for changes and submitted again.
 * not_started, draft and complete are states older records and ePEP exports carry.
 */
export const PEP_STATUSES = [
  "not_started",
  "booked",
  "draft",
  "held",
  "submitted",
  "returned",
  "complete",
  "quality_assured",
] as const;
export type PepState = (typeof PEP_STATUSES)[number];
export const PEP_RAGS = ["red", "amber", "green"] as const;
export type PepRag = (typeof PEP_RAGS)[number];

export type PepRecord = {
  /** The term the PEP is for, as named in the school calendar (e.g. "2025-autumn"), or "initial". */
  term: string;
  dueDate: IsoDate;
  meetingDate: IsoDate | null;
  status: PepState;
  /** Quality rating given by the Virtual School. */
  rag: PepRag | null;
  /** SMART targets agreed at the meeting, one per line. */
  targets?: string | null;
};

/** States in which the meeting has happened: each counts as held for due and overdue dates. */
export const HELD_STATES: ReadonlySet<PepState> = new Set([
  "held",
  "submitted",
  "returned",
  "complete",
  "quality_assured",
]);

/** The PEP meeting has been held (whatever its quality assurance says). */
export const isPepComplete = (pep: PepRecord): boolean => HELD_STATES.has(pep.status);

/** When the PEP was held: its meeting, or its due date when no meeting was recorded. */
export const pepHeldOn = (pep: PepRecord): IsoDate => pep.meetingDate ?? pep.dueDate;

/** Held PEPs in the order they were held. */
export const byHeldOn = (a: PepRecord, b: PepRecord): number =>
  pepHeldOn(a) < pepHeldOn(b) ? -1 : pepHeldOn(a) > pepHeldOn(b) ? 1 : 0;

/** Whole years of age on `date` (a 29 February birthday falls on 1 March in other years). */
export function ageOn(dateOfBirth: IsoDate, date: IsoDate): number {
  const years = Number(date.slice(0, 4)) - Number(dateOfBirth.slice(0, 4));
  return date.slice(5) >= dateOfBirth.slice(5) ? years : years - 1;
}

/** The day a child turns `years` old, as `ageOn` counts it (29 February → 1 March in a common year). */
export function birthdayAt(dateOfBirth: IsoDate, years: number): IsoDate {
  const year = Number(dateOfBirth.slice(0, 4)) + years;
  const monthDay = dateOfBirth.slice(5);
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  return `${String(year).padStart(4, "0")}-${monthDay === "02-29" && !leap ? "03-01" : monthDay}`;
}
