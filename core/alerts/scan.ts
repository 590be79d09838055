/**
 * The daily scan: every looked-after child's facts in bulk → the pure alert rules →
 * new alerts and deliveries written to the outbox → each person's digest (or, for a
 * child absent today, the alert's own card) queued. Safe to run
 * twice: the second run finds every dedupe key taken and queues nothing new. It runs after
 * each register closes (jobs/schedules.ts): which registers have closed comes from the
 * clock and the policy unless the caller says (core/attendance/registers.ts).
 */

import {
  asRegistersClosed,
  type RegistersClosed,
  type RegistersClosedInput,
  registersClosedAt,
} from "../attendance/registers.js";
import type { CalendarRepo } from "../calendar/calendar.repo.js";
import { qualityAssuranceNeverRaised } from "../peps/pep.alerts.js";
import type { Clock } from "../platform/clock.js";
import type { Db } from "../platform/db.js";
import { sqlOf } from "../platform/sql/index.js";
import { forEachInTurns } from "../platform/turns.js";
import type { Policy } from "../policy.js";
import { type AlertFinding, alertCandidates } from "./alert.rules.js";
import { alertsOf } from "./alerts.sql.js";
import { alertContexts } from "./contexts.js";
import { newsOnly } from "./digest-plan.js";
import { loadRecipientDirectory, type PlannedAlert, writeAlerts } from "./outbox.js";
import { pepAlerts } from "./pep-alerts.rules.js";
import { sendDeliveries } from "./posts.js";
import type { AlertQueue } from "./queue.port.js";
import { CLEARABLE_RULES, resolveCleared, UNRESOLVED_STATUSES } from "./record-sync.js";
import { type CohortFacts, loadScanFacts } from "./scan.repo.js";

export type ScanResult = {
  today: string;
  /** The registers the scan treated as closed. */
  registersClosed: RegistersClosed;
  children: number;
  candidates: number;
  created: number;
  deliveries: number;
  /** Digest cards written (each person's alerts of this scan on one card). */
  digests: number;
  /** Alerts whose record no longer calls for them (a PEP imported as held, a place started). */
  resolved: number;
};

/** Children judged between two turns of the event loop (core/platform/turns.ts). */
const CHILDREN_A_TURN = 100;

type Deps = { db: Db; calendars: CalendarRepo; policy: Policy; clock: Clock; queue: AlertQueue };

/** `registersClosed`: true (both), false (neither) or by session; left out, the clock and the policy decide. */
export async function runScan(deps: Deps, opts: { registersClosed?: RegistersClosedInput } = {}): Promise<ScanResult> {
  const { db, calendars, policy, clock, queue } = deps;
  const today = clock.today();
  const registersClosed =
    opts.registersClosed === undefined
      ? registersClosedAt(clock.now(), policy)
      : asRegistersClosed(opts.registersClosed);
  const base = { today, policy, registersClosed };
  // The PEP rules need no marks: judged while the marks' aggregate is still being read.
  const pepFindings = new Map<number, readonly AlertFinding[]>();
  const judgePeps = async (cohort: readonly CohortFacts[]) => {
    const contextOf = await alertContexts(calendars, cohort, base);
    await forEachInTurns(cohort, CHILDREN_A_TURN, (child) =>
      pepFindings.set(child.childId, pepAlerts(child, contextOf(child))),
    );
  };
  const [facts, directory, severe] = await Promise.all([
    loadScanFacts(db, today, policy, undefined, judgePeps),
    loadRecipientDirectory(db, today),
    // Severe absence already open supersedes persistent absence (digest-plan.ts).
    alertsOf(sqlOf(db), ["severe_absence"], UNRESOLVED_STATUSES),
  ]);
  const severeOpen = new Set(severe.map((a) => a.childId));
  const contextOf = await alertContexts(calendars, facts, base);
  const planned: PlannedAlert[] = [];
  let candidates = 0;
  // The rules take up to a millisecond a child: the worker's loop turns between batches.
  await forEachInTurns(facts, CHILDREN_A_TURN, (child) => {
    const ctx = contextOf(child);
    // Only news: not a suspension already over, not persistent absence under severe.
    for (const candidate of newsOnly(
      alertCandidates(child, ctx, pepFindings.get(child.childId)),
      child,
      ctx,
      severeOpen.has(child.childId),
    )) {
      candidates++;
      const ids = directory.resolve(child.childId, child.onRoll?.schoolId ?? null, candidate.recipients);
      // Nobody holds the role (no DT, no allocated social worker): the Virtual School hears.
      planned.push({ ...candidate, recipientIds: ids.length > 0 ? ids : directory.vsh });
    }
  });
  // PEPs that arrived submitted (by import) get their quality-assurance card too.
  const schoolOf = new Map(facts.map((f) => [f.childId, f.onRoll?.schoolId ?? null]));
  for (const candidate of await qualityAssuranceNeverRaised(db, today)) {
    candidates++;
    const schoolId = schoolOf.get(candidate.childId) ?? null;
    const ids = directory.resolve(candidate.childId, schoolId, candidate.recipients);
    planned.push({ ...candidate, recipientIds: ids.length > 0 ? ids : directory.vsh });
  }
  const { alerts, deliveries } = await writeAlerts(db, planned, clock.now());
  // One digest per person; same-day absence on its own at once (digest-plan.ts planPosts).
  const sent = await sendDeliveries(db, queue, deliveries, "scan", clock.now());
  // A record that changed by import (or any way but a person's answer) clears its alerts here.
  const resolved = await resolveCleared(
    { db, clock, queue },
    { childIds: "all", rules: [...CLEARABLE_RULES] },
    planned,
    "record_changed",
  );
  return {
    today,
    registersClosed,
    children: facts.length,
    candidates,
    created: alerts,
    deliveries: deliveries.length,
    digests: sent.digests,
    resolved: resolved.length,
  };
}
