/**
 * A scan's cards that go alone need no digest: they are queued while the digests are
 * written (core/alerts/posts.ts sendDeliveries), so a digest write that fails (a busy
 * database) holds back only the digests, which wait as pending deliveries for the
 * reconciler and the scan's retry. The alone cards are already on their way.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { writeAlerts } from "../../core/alerts/outbox.js";
import { sendDeliveries } from "../../core/alerts/posts.js";
import { createTestDb, type TestDb } from "../support/db.js";
import { childAndWorkers, plannedAlert } from "../support/outbox-rows.js";
import { recordingQueue } from "../support/queue-stub.js";
import { withInsertsRefused } from "../support/refuse-inserts.js";

describe("a scan's cards alone and its digests", () => {
  let t: TestDb;
  beforeAll(async () => {
    t = await createTestDb("digest-alone");
  });
  afterAll(async () => t?.close());

  it("queues the cards alone even when the digests cannot be written", async () => {
    const { childId, workerIds } = await childAndWorkers(t.db, ["many@x", "one@x"]);
    const [many = 0, one = 0] = workerIds;
    // Two alerts for `many` (a digest), one for `one` (its own card).
    const { deliveries } = await writeAlerts(
      t.db,
      [plannedAlert(childId, 1, [many, one]), plannedAlert(childId, 2, [many])],
      new Date("2026-11-30T07:00:00Z"),
    );
    const alone = deliveries.filter((d) => d.professionalId === one).map((d) => d.id);
    expect(alone).toHaveLength(1);

    const { queue, delivered, posts } = recordingQueue();
    await expect(
      withInsertsRefused(t.db, "AlertPost", () =>
        sendDeliveries(t.db, queue, deliveries, "scan", new Date("2026-11-30T07:00:00Z")),
      ),
    ).rejects.toThrow();
    expect(delivered).toEqual(alone);
    expect(posts).toEqual([]);
    expect(await t.db.alertPost.count()).toBe(0);
  });
});
