/**
 * What of a scan's findings is news, before anything is written or sent:
 * - a suspension whose last school day is before today has ended: it is history for the
 *   status card, not an alert (the last day is the exclusions judgement's,
 *   core/children/exclusions.ts, on the child's calendar);
 * - severe absence says everything persistent absence would, and more: the persistent
 *   alert is not raised for a child whose severe alert is raised in the same scan or is
 *   still unresolved.
 * Pure: candidates, facts and context in; the candidates still worth raising out.
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
