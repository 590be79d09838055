/**
 * The PEP workflow's rules, pure: who may do what, which PEP a booking or a meeting is
 * for, which moves between states are allowed, what quality assurance judges and what it
 * releases. The service (pep.service.ts) loads, asks these, and writes.
 */
import type { Role } from "../access/roles.js";
import { formatDate, type IsoDate } from "../platform/dates.js";
import { DomainError, type FieldProblem } from "../platform/errors.js";
import { HELD_STATES, type PepRag, type PepState } from "./pep.record.js";

/** Who records and submits a PEP: the child's DT and social worker, and the Virtual School. */
export const PEP_RECORDER_ROLES: readonly Role[] = ["designated_teacher", "social_worker", "vsh", "education_adviser"];

/** What the Virtual School judges a PEP on. Keys are stored; labels are shown on cards and the tab. */
export const QA_CRITERION_KEYS = [
  "child_voice",
  "smart_targets",
  "attendance",
  "pp_plus_linked",
  "sen_needs",
  "contributions",
] as const;
export type QaCriterion = (typeof QA_CRITERION_KEYS)[number];

export const QA_CRITERIA: readonly { key: QaCriterion; label: string }[] = [
  { key: "child_voice", label: "The child's views are recorded" },
  { key: "smart_targets", label: "Targets are SMART, each with an owner and a date" },
  { key: "attendance", label: "Attendance is addressed" },
  { key: "pp_plus_linked", label: "Pupil Premium Plus is linked to the targets" },
  { key: "sen_needs", label: "Special educational needs are addressed" },
  { key: "contributions", label: "The carer and the social worker contributed" },
];

/** Every criterion, and whether the PEP met it (stored as the JSON array of keys met). */
export function criteriaView(stored: string | null): { key: QaCriterion; label: string; met: boolean }[] {
  let met: unknown = [];
  try {
    met = stored ? JSON.parse(stored) : [];
  } catch {
    met = [];
  }
  const keys = new Set(Array.isArray(met) ? met : []);
  return QA_CRITERIA.map((c) => ({ ...c, met: keys.has(c.key) }));
}

const TERM_NAME = /^(\d{4})-(autumn|spring|summer)$/i;

/** "2026-autumn" → "autumn 2026", "2026-spring" → "spring 2027"; "initial" → "initial PEP". */
export function termLabel(term: string): string {
  if (term === "initial" || term.startsWith("initial-")) return "initial PEP";
  const m = TERM_NAME.exec(term);
  if (!m) return term;
  const season = (m[2] ?? "").toLowerCase();
  return `${season} ${season === "autumn" ? m[1] : Number(m[1]) + 1}`;
}

/** "£2,570.00" */
export const pounds = (pence: number): string =>
  new Intl.NumberFormat("en-GB", { style: "currency", currency: "GBP" }).format(pence / 100);

const invalid = (message: string, fields: FieldProblem[]) => new DomainError("validation", message, fields);

/** A held meeting has happened (today or before); a booked one is today or later. */
export function checkMeetingDate(status: "booked" | "held", meetingDate: IsoDate, today: IsoDate): void {
  if (status === "held" && meetingDate > today)
    throw invalid(`A PEP meeting on ${formatDate(meetingDate)} has not happened yet: book it instead.`, [
      { field: "meetingDate", message: "must be today or earlier for a held PEP" },
    ]);
  if (status === "booked" && meetingDate < today)
    throw invalid(`${formatDate(meetingDate)} has passed: record the meeting as held instead.`, [
      { field: "meetingDate", message: "must be today or later for a booked PEP" },
    ]);
}

/** Targets are set at the meeting, for a date after it. */
export function checkTargets(targets: readonly { byDate: IsoDate }[], meetingDate: IsoDate): void {
  const fields = targets.flatMap((t, i) =>
    t.byDate < meetingDate ? [{ field: `targets.${i}.byDate`, message: "must be on or after the meeting date" }] : [],
  );
  if (fields.length > 0) throw invalid("A target's date is before the meeting that set it.", fields);
}

/** The PP+ asked for may not exceed what the child has left this school year. */
export function checkPpPlusRequest(requestedPence: number, remainingPence: number, eligible: boolean): void {
  if (requestedPence <= remainingPence) return;
  const message = eligible
    ? `The Pupil Premium Plus requested (${pounds(requestedPence)}) is more than the ${pounds(remainingPence)} this child has remaining this school year.`
    : "This child is not eligible for Pupil Premium Plus this school year (looked after and aged 4 to 15 on 31 August), so none can be requested.";
  throw invalid(message, [{ field: "targets", message: `PP+ requested must total at most ${pounds(remainingPence)}` }]);
}

export type StoredPep = { id: number; term: string; status: string; meetingDate: IsoDate | null };
export type OwedPep = { term: string; dueDate: IsoDate };

export type RecordPlan = { term: string; dueDate: IsoDate; existingId: number | null };

/**
 * A termly PEP met after the term it was owed for has ended covers the term its meeting
 * falls in: a late summer PEP held in November is the autumn PEP (held late), so the child
 * does not owe a second one this term, and the late term is simply missed. An initial PEP
 * stays the initial PEP however late. `meetingTerm` is the term the meeting covers
 * (pep.terms.ts pepTermAt: a holiday meeting covers the term before it, so a summer PEP met
 * in August stays summer's, held late); `owedTermEnd` the last day of the term owed.
 */
export function coveredTerm(
  owed: OwedPep,
  owedTermEnd: IsoDate | null,
  meetingTerm: { name: string; start: IsoDate; due: IsoDate } | null,
): OwedPep {
  if (owed.term === "initial" || owedTermEnd === null || meetingTerm === null) return owed;
  return meetingTerm.start > owedTermEnd ? { term: meetingTerm.name, dueDate: meetingTerm.due } : owed;
}

const isHeld = (status: string): boolean => HELD_STATES.has(status as PepState);

/**
 * Which row a booking or a held meeting writes: the PEP owed now (`owed`, from pepStatus),
 * updating its booked (or draft) row when there is one. A held PEP may not be recorded
 * twice for a term, nor on or before the last PEP held (it would not be the next one).
 * An initial PEP owed for a new period of care gets its own key when an earlier period's
 * initial PEP is on record.
 */
export function planRecord(
  status: "booked" | "held",
  meetingDate: IsoDate,
  owed: OwedPep | null,
  rows: readonly StoredPep[],
  lastHeld: { term: string; heldOn: IsoDate } | null,
  lookedAfterSince: IsoDate | null,
  /** The term the PEP was owed for, when the meeting covers a later one (coveredTerm). */
  owedTerm: string | null = null,
): RecordPlan {
  if (owed === null)
    throw new DomainError(
      "conflict",
      "No PEP is owed for this child now: they are not looked after, are past the age for PEPs, or the school calendar has no next term.",
    );
  let term = owed.term;
  const sameTerm = (t: string) => rows.find((r) => r.term === t);
  // Met late (see coveredTerm): a booking made for the term owed moves to the term covered.
  const moved = (t: string) =>
    t !== owedTerm ? rows.find((r) => r.term === owedTerm && !isHeld(r.status)) : undefined;
  if (term === "initial" && sameTerm("initial") && isHeld(sameTerm("initial")?.status ?? "") && lookedAfterSince)
    term = `initial-${lookedAfterSince}`;
  const existing = sameTerm(term) ?? moved(term);
  if (existing && isHeld(existing.status))
    throw new DomainError(
      "conflict",
      `The ${termLabel(term)} PEP is already recorded as held${existing.meetingDate ? ` on ${formatDate(existing.meetingDate)}` : ""}.`,
    );
  if (status === "held" && lastHeld && meetingDate <= lastHeld.heldOn)
    throw new DomainError(
      "conflict",
      `A PEP was already recorded as held on ${formatDate(lastHeld.heldOn)} (${termLabel(lastHeld.term)}); the next PEP (${termLabel(term)}) must be held after it.`,
    );
  return { term, dueDate: owed.dueDate, existingId: existing?.id ?? null };
}

/** Moves allowed by submit, quality assurance and return. */
export function assertCanSubmit(status: string): void {
  if (status !== "held" && status !== "returned")
    throw new DomainError(
      "conflict",
      `Only a held or returned PEP can be submitted; this one is ${status.replaceAll("_", " ")}.`,
    );
}

export function assertSubmitted(status: string): void {
  if (status !== "submitted")
    throw new DomainError(
      "conflict",
      `Only a submitted PEP can be quality-assured or returned; this one is ${status.replaceAll("_", " ")}.`,
    );
}

/** Changes after the meeting are allowed until the PEP goes to the Virtual School (and when it comes back). */
export function assertEditable(status: string): void {
  if (status !== "held" && status !== "returned")
    throw new DomainError(
      "conflict",
      `Only a held or returned PEP can be changed; this one is ${status.replaceAll("_", " ")}.`,
    );
}

/**
 * What quality assurance approves for each target: the amount given, at most what was
 * requested. A target not named is approved as requested, unless the PEP is rated red
 * (inadequate): then nothing is released unless the Virtual School names an amount.
 */
export function approvalsFor(
  targets: readonly { id: number; ppRequestedPence: number }[],
  approvals: readonly { targetId: number; approvedPence: number }[],
  rating: PepRag,
): Map<number, number> {
  const fields: FieldProblem[] = [];
  const byId = new Map(targets.map((t) => [t.id, t]));
  approvals.forEach((a, i) => {
    const target = byId.get(a.targetId);
    if (!target) fields.push({ field: `approvals.${i}.targetId`, message: "is not a target of this PEP" });
    else if (a.approvedPence > target.ppRequestedPence)
      fields.push({
        field: `approvals.${i}.approvedPence`,
        message: `must be at most the ${pounds(target.ppRequestedPence)} requested`,
      });
  });
  if (fields.length > 0) throw invalid("The approvals do not match the PEP's targets.", fields);
  const given = new Map(approvals.map((a) => [a.targetId, a.approvedPence]));
  return new Map(
    targets.map((t) => [t.id, given.get(t.id) ?? (rating === "red" ? 0 : t.ppRequestedPence)] as [number, number]),
  );
}

export const sumPence = (amounts: Iterable<number>): number => [...amounts].reduce((n, p) => n + p, 0);
