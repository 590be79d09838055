/**
 * Copies nobody can read, rerouted at the same moment from one check, join one card for the
 * Head (jobs/processors/reroute.ts). On PostgreSQL two reroutes run at once, each on its own
 * connection: the Head's card must be created by one and joined by the other, the second
 * waiting for the first (never refused on the card's unique key and left to a retry, which
 * could then read the card as still to be sent while its send was being recorded, leaving a
 * copy pending for good: digest.test.ts's "rerouted and asked" in one CI run of three).
 */
import { afterAll, beforeAll, expect, it } from "vitest";
import type { AlertRule } from "../../core/alerts/alert.types.js";
import { writeAlerts } from "../../core/alerts/outbox.js";
import { fixedClock } from "../../core/platform/clock.js";
import { rerouteToHeads } from "../../jobs/processors/reroute.js";
import type { DeliverDeps } from "../../jobs/processors/send.js";
import { createTestDb, type TestDb } from "../support/db.js";
import { buildSmallAuthority, type Fixture, TODAY } from "../support/factories.js";
import { recordingQueue } from "../support/queue-stub.js";

let d: TestDb;
let f: Fixture;
beforeAll(async () => {
  d = await createTestDb("reroute-join");
  f = await buildSmallAuthority(d.db);
});
afterAll(() => d.close());

/** One check's alerts to sw2 and the IRO (neither has the app), raised at `raisedAt`: their copies. */
async function unreachableCopies(round: number, raisedAt: Date) {
  const alert = (childId: number, rule: AlertRule, to: number) => ({
    childId,
    rule,
    period: TODAY,
    dedupeKey: `${round}:${childId}:${rule}`,
    severity: "red" as const,
    recipients: [],
    details: {},
    recipientIds: [to],
  });
  const { deliveryIds } = await writeAlerts(
    d.db,
    [alert(f.amira.id, "pep_overdue", f.sw2.id), alert(f.jordan.id, "review_overdue", f.iro1.id)],
    raisedAt,
  );
  return d.db.alertDelivery.findMany({
    where: { id: { in: deliveryIds } },
    select: { id: true, alertId: true, professionalId: true },
  });
}

it("two copies of one check rerouted at once: both join the Head's one card, neither refused", async () => {
  // A few rounds: before the fix, every round on PostgreSQL refused one of the two.
  for (let round = 0; round < 5; round++) {
    const raisedAt = new Date(Date.UTC(2026, 10, 23, 7, round));
    const copies = await unreachableCopies(round, raisedAt);
    const asked = recordingQueue();
    const deps = { db: d.db, clock: fixedClock(TODAY, "09:00"), queue: asked.queue } as unknown as DeliverDeps;

    const results = await Promise.allSettled(copies.map((c) => rerouteToHeads(deps, [c], "not in Teams")));
    expect(results.map((r) => (r.status === "rejected" ? String(r.reason) : "ok"))).toEqual(["ok", "ok"]);

    const cards = await d.db.alertPost.findMany({ where: { professionalId: f.vsh.id, createdAt: raisedAt } });
    expect(cards).toHaveLength(1);
    const onIt = await d.db.alertDelivery.findMany({ where: { postId: cards[0]?.id } });
    expect(onIt.map((c) => c.forProfessionalId).sort()).toEqual([f.sw2.id, f.iro1.id].sort());
    expect(onIt.every((c) => c.status === "pending" && c.professionalId === f.vsh.id)).toBe(true);
    expect(new Set(asked.posts)).toEqual(new Set([cards[0]?.id]));
  }
});
