/**
 * `npm run bench -- fanout`: 5,000 alert deliveries through the real workers and pacer
 * to a Bot Connector stub that enforces Teams' limits (50/s per app, 7/s per
 * conversation …) and answers 10% of calls with 429. Reports the accepted rate as a share
 * of the 50/s ceiling (goal ≥ 95%), lost (goal 0) and duplicated (goal 0) messages.
 * (The stub is the test suite's: benchmarks may use test support; product code may not.)
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createRuntime } from "../api/runtime.js";
import { writeAlerts } from "../core/alerts/outbox.js";
import { fixedClock } from "../core/platform/clock.js";
import { loadConfig } from "../core/platform/config.js";
import { createDb } from "../core/platform/db.js";
import { migrate } from "../core/platform/migrate.js";
import { startConnectorStub } from "../test/support/connector-stub.js";
import { fmt } from "./load.js";

export async function benchFanout({ quick }: { quick: boolean }) {
  const count = quick ? 500 : 5_000;
  const dir = mkdtempSync(join(tmpdir(), "vs-bench-fanout-"));
  const url = `file:${join(dir, "bench.db")}`;
  const prefix = `vs-bench-fanout-${process.pid}`;
  const stub = await startConnectorStub({ limits: true });
  stub.inject({ status: 429, ratio: 0.1, retryAfterSeconds: 1 });
  migrate(url);
  const db = await createDb(url);
  const config = loadConfig({
    DATABASE_URL: url,
    QUEUE_PREFIX: prefix,
    LOG_LEVEL: "silent",
    NODE_ENV: "test",
    SEED_DEMO: "false",
  });
  const clock = fixedClock("2026-11-23");
  const runtime = await createRuntime({
    config,
    db,
    clock,
    api: false,
    worker: true,
    schedules: false,
    concurrency: 50,
  });
  try {
    const child = await db.child.create({
      data: { localId: "F1", firstName: "Fan", lastName: "Out", dateOfBirth: "2014-01-01", placingAuthority: "999" },
    });
    const people = Array.from({ length: count }, (_, i) => ({
      email: `p${i}@bench.local`,
      name: `Person ${i}`,
      role: "social_worker",
    }));
    await db.professional.createMany({ data: people });
    const ids = await db.professional.findMany({ select: { id: true }, orderBy: { id: "asc" } });
    await db.conversationReference.createMany({
      data: ids.map(({ id }) => ({
        professionalId: id,
        conversationId: `a:bench-${id}`,
        serviceUrl: stub.url,
        reference: JSON.stringify({
          serviceUrl: stub.url,
          conversation: { id: `a:bench-${id}` },
          bot: { id: "28:bot" },
          user: { id: `29:${id}` },
        }),
      })),
    });
    const { deliveryIds } = await writeAlerts(
      db,
      ids.map(({ id }) => ({
        childId: child.id,
        rule: "pep_review_due" as const,
        period: `p${id}`,
        dedupeKey: `${child.id}:pep_review_due:p${id}`,
        severity: "amber" as const,
        recipients: ["social_worker" as const],
        details: { dueDate: "2026-12-18" },
        recipientIds: [id],
      })),
      clock.now(),
    );
    const started = performance.now();
    await runtime.queues.port.deliver(deliveryIds);
    const deadline = Date.now() + count * 60;
    let sent = 0;
    while (sent < count && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 250));
      sent = await db.alertDelivery.count({ where: { status: "sent" } });
    }
    const seconds = (performance.now() - started) / 1000;
    const accepted = stub.sent();
    const perConversation = new Map<string, number>();
    for (const c of accepted) perConversation.set(c.conversationId, (perConversation.get(c.conversationId) ?? 0) + 1);
    const duplicated = [...perConversation.values()].reduce((n, k) => n + (k - 1), 0);
    const stats = stub.stats();
    const rate = accepted.length / seconds;
    const first = accepted[0]?.at ?? 0;
    const last = accepted.at(-1)?.at ?? 0;
    const steady = accepted.length / Math.max((last - first) / 1000, 0.001);
    console.log(
      `deliveries: ${fmt(count)} in ${fmt(seconds, 1)} s; stub accepted ${fmt(stats.accepted)}, refused ${JSON.stringify(stats.rejected)}`,
    );
    console.log(
      `achieved: ${fmt(rate, 1)} messages/s = ${fmt((rate / 50) * 100, 1)}% of the 50/s ceiling, queueing to last send (goal ≥ 95%); first to last accepted: ${fmt((steady / 50) * 100, 1)}%`,
    );
    console.log(
      `peak seen by the stub: ${stats.maxPerSecond}/s overall, ${stats.perConversationMaxPerSecond}/s in one conversation`,
    );
    console.log(`lost: ${count - sent} (goal 0)  duplicated: ${duplicated} (goal 0)`);
  } finally {
    await runtime.queues.alerts.obliterate({ force: true }).catch(() => {});
    await runtime.queues.deliveries.obliterate({ force: true }).catch(() => {});
    await runtime.close();
    await db.$disconnect();
    await stub.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
