/**
 * Alerts that follow a record people keep (PEPs, care-plan reviews, school places,
 * part-time timetables, exclusions) close the loop the moment the record changes:
 * - raise: the changed child's facts go through the same rules as the daily scan, and
 *   any new alert of the record's kind is written and delivered at once (a suspension
 *   recorded at 11:00 reaches the social worker at 11:00, not tomorrow; one recorded after
 *   its last day is history, not news, as in the scan);
 * - clear: an open alert the rules no longer find (the PEP is held, a place started, the
 *   review was held) is resolved, the reason written to its history, and every sent copy
 *   of its card updated.
 * The daily scan clears the same way, so a record that arrives by import closes its
 * alerts too. An alert about an event (an exclusion) is never cleared by the record.
 */
import type { Actor } from "../access/roles.js";
import { NO_REGISTER_CLOSED } from "../attendance/registers.js";
import type { CalendarRepo } from "../calendar/calendar.repo.js";
import type { Clock } from "../platform/clock.js";
import { DatabaseBusy, type Db } from "../platform/db.js";
import { sqlOf } from "../platform/sql/index.js";
import type { Policy } from "../policy.js";
import { alertCandidates } from "./alert.rules.js";
import type { AlertCandidate, AlertRule } from "./alert.types.js";
import { alertsOf } from "./alerts.sql.js";
import { alertContexts } from "./contexts.js";
import { newsOnly } from "./digest-plan.js";
import { loadRecipientDirectory, type PlannedAlert, writeAlerts } from "./outbox.js";
import { updateCardsShowing } from "./posts.js";
import type { AlertQueue } from "./queue.port.js";
import { loadScanFacts } from "./scan.repo.js";

const PEP_DEADLINE: readonly AlertRule[] = ["pep_initial_due", "pep_initial_overdue", "pep_review_due", "pep_overdue"];
const PEP_RULES: readonly AlertRule[] = [...PEP_DEADLINE, "pep_before_review"];

/** Which rules each kind of record decides. */
export const RECORD_RULES = {
  pep: PEP_RULES,
  // A review moves the PEP's due date (pep.rules), so it re-decides the PEP alerts too.
  review: [...PEP_RULES, "review_overdue"],
  place: ["no_school_place"],
  part_time: ["part_time_review_overdue"],
  exclusion: ["suspension", "permanent_exclusion"],
} as const satisfies Record<string, readonly AlertRule[]>;
export type RecordSubject = keyof typeof RECORD_RULES;

/** Alerts about a PEP owed: answered on the card "booked for" or "held on". */
export const PEP_DUE_RULES: ReadonlySet<string> = new Set(RECORD_RULES.pep);

/** Rules whose alert is resolved when the record no longer supports it. */
export const CLEARABLE_RULES: ReadonlySet<AlertRule> = new Set([
  ...RECORD_RULES.review,
  ...RECORD_RULES.place,
  ...RECORD_RULES.part_time,
]);

/** Statuses of an alert still waiting for something to happen. */
export const UNRESOLVED_STATUSES = ["open", "acknowledged", "snoozed", "escalated"];

/**
 * "Due soon" becoming "overdue" is the same deadline (same period): the due alert is not
 * cleared by it, only by the PEP being held or the deadline moving.
 */
const familyOf = (rule: string): string => (PEP_DEADLINE.includes(rule as AlertRule) ? "pep_deadline" : rule);
const keyOf = (a: { childId: number; rule: string; period: string }) => `${a.childId}:${familyOf(a.rule)}:${a.period}`;

/** Why an alert was closed by the record, shown on its card (see cards/views/alert-views.ts). */
export type ClearReason =
  | "pep_booked"
  | "pep_held"
  | "review_booked"
  | "review_held"
  | "place_started"
  | "part_time_changed"
  | "record_changed";

/**
 * Resolves the unresolved alerts of `rules` about `childIds` that `candidates` (today's
 * findings for those children) no longer contain. Returns the alerts resolved.
 */
export async function resolveCleared(
  deps: { db: Db; clock: Clock; queue: AlertQueue },
  scope: { childIds: readonly number[] | "all"; rules: readonly AlertRule[] },
  candidates: readonly AlertCandidate[],
  reason: ClearReason,
  actor: Actor | null = null,
): Promise<number[]> {
  const { db, clock, queue } = deps;
  const rules = scope.rules.filter((r) => CLEARABLE_RULES.has(r));
  if (rules.length === 0 || (scope.childIds !== "all" && scope.childIds.length === 0)) return [];
  const still = new Set(candidates.map(keyOf));
  const open = await alertsOf(
    sqlOf(db),
    rules,
    UNRESOLVED_STATUSES,
    scope.childIds === "all" ? undefined : scope.childIds,
  );
  const cleared = open.filter((a) => !still.has(keyOf(a)));
  if (cleared.length === 0) return [];
  const at = clock.now();
  await db.$transaction([
    db.alert.updateMany({ where: { id: { in: cleared.map((a) => a.id) } }, data: { status: "resolved" } }),
    db.alertEvent.createMany({
      data: cleared.map((a) => ({
        alertId: a.id,
        action: "cleared",
        detail: reason,
        professionalId: actor?.id ?? null,
        at,
      })),
    }),
  ]);
  await updateCardsShowing(
    db,
    queue,
    cleared.map((a) => a.id),
  );
  return cleared.map((a) => a.id);
}

export type RecordSyncDeps = { db: Db; calendars: CalendarRepo; policy: Policy; clock: Clock; queue: AlertQueue };

/**
 * After `subject` changed for `childId`: raise what the record now calls for and clear what
 * it no longer does. Registers are not judged here (that is the scan's business).
 */
export async function syncRecordAlerts(
  deps: RecordSyncDeps,
  childId: number,
  subject: RecordSubject,
  reason: ClearReason,
  actor: Actor | null = null,
): Promise<{ raised: number; resolved: number[] }> {
  try {
    return await syncNow(deps, childId, subject, reason, actor);
  } catch (err) {
    // The change itself has committed: a database too busy (another writer's lock) to raise
    // its alerts now must not turn a saved change into an error. The next scan raises and
    // clears what the record calls for.
    if (err instanceof DatabaseBusy) return { raised: 0, resolved: [] };
    throw err;
  }
}

async function syncNow(
  deps: RecordSyncDeps,
  childId: number,
  subject: RecordSubject,
  reason: ClearReason,
  actor: Actor | null,
): Promise<{ raised: number; resolved: number[] }> {
  const { db, calendars, policy, clock, queue } = deps;
  const today = clock.today();
  const rules: readonly AlertRule[] = RECORD_RULES[subject];
  const [facts, directory] = await Promise.all([
    loadScanFacts(db, today, policy, [childId]),
    loadRecipientDirectory(db, today, [childId]),
  ]);
  const contextOf = await alertContexts(calendars, facts, { today, policy, registersClosed: NO_REGISTER_CLOSED });
  const judged = facts.map((f) => {
    const ctx = contextOf(f);
    const found = alertCandidates(f, ctx).filter((c) => rules.includes(c.rule));
    // Raised only if news, as the scan judges it (digest-plan.ts): a suspension recorded after
    // its last day is history. No record decides absence, so no severe alert supersedes here.
    return { found, news: newsOnly(found, f, ctx, false) };
  });
  const candidates = judged.flatMap((j) => j.found);
  const news = judged.flatMap((j) => j.news);
  const planned: PlannedAlert[] = news.map((c) => {
    const onRoll = facts.find((f) => f.childId === c.childId)?.onRoll ?? null;
    const ids = directory.resolve(c.childId, onRoll?.schoolId ?? null, c.recipients);
    return { ...c, recipientIds: ids.length > 0 ? ids : directory.vsh };
  });
  const { alerts, deliveryIds } = await writeAlerts(db, planned, clock.now());
  await queue.deliver(deliveryIds);
  const resolved = await resolveCleared(
    { db, clock, queue },
    { childIds: [childId], rules },
    candidates,
    reason,
    actor,
  );
  return { raised: alerts, resolved };
}
