/**
 * What of a scan's findings is news, before anything is written or sent:
 * - a suspension whose last school day is before today has ended: it is history for the
 *   status card, not an alert (the last day is the exclusions judgement's,
 *   core/children/exclusions.ts, on the child's calendar);
 * - severe absence says everything persistent absence would, and more: the persistent
 *   alert is not raised for a child whose severe alert is raised in the same scan or is
 *   still unresolved.
 * Pure: candidates, facts and context in; the candidates still worth raising out. Then how
 * the news reaches people: one digest each, same-day absence alone (planPosts).
 */
import { judgeExclusions } from "../children/exclusions.js";
import type { AlertContext } from "./alert.rules.js";
import type { AlertCandidate, ScanFacts } from "./alert.types.js";

/** Suspensions (by exclusion id) whose last school day is before today. */
export function endedSuspensions(
  facts: Pick<ScanFacts, "onRoll" | "exclusions">,
  ctx: Pick<AlertContext, "today" | "calendar" | "bankHolidays" | "policy">,
): Set<number> {
  const { today } = ctx;
  const placeFrom = facts.onRoll !== null && facts.onRoll.fromDate <= today ? facts.onRoll.fromDate : null;
  const judged = judgeExclusions(facts.exclusions, { ...ctx, placeFrom });
  return new Set(
    judged.flatMap((x) =>
      x.kind === "suspension" && x.id !== null && x.lastDay !== null && x.lastDay < today ? [x.id] : [],
    ),
  );
}

/**
 * The candidates for one child that are news today. `severeOpen`: the child has a
 * severe-absence alert not yet resolved (raised by an earlier scan).
 */
export function newsOnly(
  candidates: readonly AlertCandidate[],
  facts: Pick<ScanFacts, "onRoll" | "exclusions">,
  ctx: Pick<AlertContext, "today" | "calendar" | "bankHolidays" | "policy">,
  severeOpen: boolean,
): AlertCandidate[] {
  const severe = severeOpen || candidates.some((c) => c.rule === "severe_absence");
  const ended = candidates.some((c) => c.rule === "suspension") ? endedSuspensions(facts, ctx) : new Set<number>();
  return candidates.filter((c) => {
    if (c.rule === "persistent_absence") return !severe;
    if (c.rule === "suspension") return !ended.has(Number(c.details.exclusionId));
    return true;
  });
}

/** Sent at once on its own: a child not in school today cannot wait in a digest. */
export const SENT_ALONE: ReadonlySet<string> = new Set(["unexplained_absence_today"]);

/**
 * Most serious first: a child out of education or excluded before an overdue PEP, an
 * overdue PEP before one due soon, a reminder last. Rules not listed sort after these.
 */
const SERIOUSNESS = [
  "missing_education",
  "permanent_exclusion",
  "no_school_place",
  "unexplained_absence_today",
  "severe_absence",
  "suspension",
  "pep_initial_overdue",
  "pep_overdue",
  "review_overdue",
  "persistent_absence",
  "pep_before_review",
  "pep_initial_due",
  "pep_review_due",
  "part_time_review_overdue",
  "pep_quality_assurance",
  "pep_qa_outcome",
  "follow_up",
];

/** Orders alerts most serious first: red before amber, then by rule. */
export function bySeriousness(a: { rule: string; severity: string }, b: { rule: string; severity: string }): number {
  const red = Number(b.severity === "red") - Number(a.severity === "red");
  if (red !== 0) return red;
  const rank = (rule: string) => {
    const i = SERIOUSNESS.indexOf(rule);
    return i === -1 ? SERIOUSNESS.length : i;
  };
  return rank(a.rule) - rank(b.rule);
}

export type NewDelivery = { id: number; professionalId: number | null; rule: string };

/**
 * How a scan's new deliveries reach people: each person gets one digest of their alerts,
 * except same-day unexplained absence, which goes alone at once; a person with a single
 * alert gets that alert's own card (a digest of one is one more tap for nothing).
 */
export function planPosts(deliveries: readonly NewDelivery[]): {
  alone: number[];
  digests: { professionalId: number; deliveryIds: number[] }[];
} {
  const alone: number[] = [];
  const byPerson = new Map<number, number[]>();
  for (const d of deliveries) {
    if (SENT_ALONE.has(d.rule) || d.professionalId === null) alone.push(d.id);
    else byPerson.set(d.professionalId, [...(byPerson.get(d.professionalId) ?? []), d.id]);
  }
  const digests: { professionalId: number; deliveryIds: number[] }[] = [];
  for (const [professionalId, deliveryIds] of byPerson) {
    if (deliveryIds.length === 1) alone.push(...deliveryIds);
    else digests.push({ professionalId, deliveryIds });
  }
  return { alone: alone.sort((a, b) => a - b), digests };
}
