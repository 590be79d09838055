/**
 * `npm run bench -- fanout`: 5,000 alert deliveries through the real workers and pacer
 * to a Bot Connector stub that enforces Teams' limits (50/s per app; per conversation
 * 7 in 1 s, 8 in 2 s, 60 in 30 s …) and refuses 10% of calls with an injected 429. One
 * delivery in ten goes to a few shared conversations, in bursts of 10 cards queued
 * together (a person with several alerts at once), spread through the queue, so that the
 * per-conversation limit is exercised alongside the app-wide one.
 *
 * Everything judged is counted at the stub, per delivery (conversation + alert id): the
 * rate is deliveries accepted over the time from queueing to the last accepted send; lost
 * is a delivery with no accepted card; duplicated is a card accepted more than once; the
 * per-conversation rate counts every send offered to the conversation (accepted, or refused
 * for its own limits; an injected 429 never reaches them). Also printed: the database's
 * own tally, and how long a refused card waited before Teams took it.
 * On SQLite, or with `--engine=postgres` on a fresh PostgreSQL database (bench/import-db.ts).
 * Goals: ≥ 95% of the 50/s ceiling, 0 lost, 0 duplicated, ≤ 7 per second in any one
 * conversation (and none refused for a limit). The stub and its limits: bench/teams-stub.ts.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createRuntime } from "../api/runtime.js";
import { writeAlerts } from "../core/alerts/outbox.js";
import { fixedClock } from "../core/platform/clock.js";
import { loadConfig } from "../core/platform/config.js";
import { createDb } from "../core/platform/db.js";
import type { RecordedCall, StubBody } from "../test/support/connector-stub.js";
import { benchDatabase, benchEngine } from "./import-db.js";
import { fmt } from "./load.js";
import { CEILING, startTeamsStub } from "./teams-stub.js";

const CONVERSATION_LIMIT = 7;
/** Teams' per-conversation windows (as the stub enforces them): [most sends, in ms]. */
const CONVERSATION_WINDOWS = [
  [CONVERSATION_LIMIT, 1_000],
  [8, 2_000],
  [60, 30_000],
] as const;
const SHARED_SHARE = 0.1;
const CARDS_PER_SHARED = 10;

/** The most of `times` (ms) inside any window of `ms`. */
function busiest(times: readonly number[], ms: number): number {
  const sorted = [...times].sort((a, b) => a - b);
  let most = 0;
  for (let end = 0, start = 0; end < sorted.length; end++) {
    while ((sorted[end] as number) - (sorted[start] as number) >= ms) start++;
    most = Math.max(most, end - start + 1);
  }
  return most;
}

/** The alert a card stands for: its refresh action carries the alert id. */
const alertOf = (body: StubBody): unknown => body.attachments?.[0]?.content?.refresh?.action?.data?.alertId;
const keyOf = (c: RecordedCall) => `${c.conversationId}|${alertOf(c.body)}`;

function byConversation(calls: readonly RecordedCall[]): Map<string, number[]> {
  const out = new Map<string, number[]>();
  for (const c of calls) {
    const times = out.get(c.conversationId) ?? [];
    times.push(c.at);
    out.set(c.conversationId, times);
  }
  return out;
}

export async function benchFanout({ quick }: { quick: boolean }) {
  const count = quick ? 500 : 5_000;
  const sharedConversations = Math.round((count * SHARED_SHARE) / CARDS_PER_SHARED);
  const singles = count - sharedConversations * CARDS_PER_SHARED;
  const dir = mkdtempSync(join(tmpdir(), "vs-bench-fanout-"));
  const engine = benchEngine(process.argv.slice(2));
  const database = await benchDatabase(engine, dir, "fanout");
  const { url } = database;
  console.log(`engine: ${engine}`);
  const prefix = `vs-bench-fanout-${process.pid}`;
  const { stub, injected } = await startTeamsStub();
  const db = await createDb(url);
  const config = loadConfig({
    DATABASE_URL: url,
    QUEUE_PREFIX: prefix,
    LOG_LEVEL: "silent",
    NODE_ENV: "test",
    SEED_DEMO: "false",
  });
  const clock = fixedClock("2026-11-23");
  const stamp = clock.now();
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
      data: {
        localId: "F1",
        firstName: "Fan",
        lastName: "Out",
        dateOfBirth: "2014-01-01",
        placingAuthority: "999",
        createdAt: stamp,
        updatedAt: stamp,
      },
    });
    // The first `sharedConversations` people each get a burst of cards; everyone else one.
    const people = sharedConversations + singles;
    await db.professional.createMany({
      data: Array.from({ length: people }, (_, i) => ({
        email: `p${i}@bench.local`,
        name: `Person ${i}`,
        role: "social_worker",
        createdAt: stamp,
        updatedAt: stamp,
      })),
    });
    const ids = (await db.professional.findMany({ select: { id: true }, orderBy: { id: "asc" } })).map((p) => p.id);
    const conversationOf = (id: number) => `a:bench-${id}`;
    await db.conversationReference.createMany({
      data: ids.map((id) => ({
        professionalId: id,
        conversationId: conversationOf(id),
        serviceUrl: stub.url,
        reference: JSON.stringify({
          serviceUrl: stub.url,
          conversation: { id: conversationOf(id) },
          bot: { id: "28:bot" },
          user: { id: `29:${id}` },
        }),
        createdAt: stamp,
        updatedAt: stamp,
      })),
    });
    const shared = ids.slice(0, sharedConversations);
    const single = ids.slice(sharedConversations);
    // Queue order: each shared person's burst, then an even share of the single cards.
    const recipients: number[] = [];
    shared.forEach((id, j) => {
      recipients.push(...Array.from({ length: CARDS_PER_SHARED }, () => id));
      recipients.push(
        ...single.slice(Math.round((j * singles) / shared.length), Math.round(((j + 1) * singles) / shared.length)),
      );
    });
    if (shared.length === 0) recipients.push(...single);
    const { deliveryIds } = await writeAlerts(
      db,
      recipients.map((id, n) => ({
        childId: child.id,
        rule: "pep_review_due" as const,
        period: `p${n}`,
        dedupeKey: `${child.id}:pep_review_due:p${n}`,
        severity: "amber" as const,
        recipients: ["social_worker" as const],
        details: { dueDate: "2026-12-18" },
        recipientIds: [id],
      })),
      stamp,
    );
    const expected = new Set(
      (await db.alertDelivery.findMany({ select: { alertId: true, professionalId: true } })).map(
        (d) => `${conversationOf(d.professionalId ?? 0)}|${d.alertId}`,
      ),
    );
    if (expected.size !== count) throw new Error(`${expected.size} deliveries written, not ${count}`);

    const startedAt = Date.now();
    await runtime.queues.port.deliver([...deliveryIds].sort((a, b) => a - b));
    const accepted = () => stub.sent().filter((c) => c.kind === "send");
    const deadline = startedAt + Math.max(60_000, count * 100);
    // Done when every delivery has a card at the stub and nothing is left in the queue.
    for (;;) {
      await new Promise((r) => setTimeout(r, 100));
      const delivered = new Set(accepted().map(keyOf)).size;
      const left = Object.values(
        await runtime.queues.deliveries.getJobCounts("active", "waiting", "delayed", "prioritized"),
      ).reduce((a, b) => a + b, 0);
      if (delivered >= count && left === 0) break;
      if (Date.now() > deadline) {
        console.log(`gave up waiting after ${fmt((Date.now() - startedAt) / 1000)} s`);
        break;
      }
    }

    const sends = accepted();
    const perDelivery = new Map<string, number>();
    for (const c of sends) perDelivery.set(keyOf(c), (perDelivery.get(keyOf(c)) ?? 0) + 1);
    const delivered = [...expected].filter((k) => perDelivery.has(k)).length;
    const lost = count - delivered;
    const duplicated = [...perDelivery.values()].reduce((n, k) => n + (k - 1), 0);
    const stray = [...perDelivery.keys()].filter((k) => !expected.has(k)).length;
    const sentInDb = await db.alertDelivery.count({ where: { status: "sent" } });
    // For each card accepted twice (at most five): every call for it, and what the database says.
    const twice = [...perDelivery].filter(([, n]) => n > 1).slice(0, 5);
    const explained = await Promise.all(
      twice.map(async ([key]) => {
        const calls = stub.calls.filter((c) => keyOf(c) === key).map((c) => `${c.status} at +${c.at - startedAt} ms`);
        const row = await db.alertDelivery.findFirst({
          where: { alertId: Number(key.split("|")[1]) },
          select: { attempts: true, lastError: true },
        });
        return `  ${key}: ${calls.join(", ")}; ${row?.attempts} attempts, last error ${row?.lastError ?? "none"}`;
      }),
    );

    const first = sends[0]?.at ?? startedAt;
    const last = sends.at(-1)?.at ?? startedAt;
    const rate = delivered / Math.max((last - startedAt) / 1000, 0.001);
    const steady = delivered / Math.max((last - first) / 1000, 0.001);
    const attempts = stub.calls.filter((c) => c.kind === "send");
    const byInjection = attempts.filter((c) => injected.has(c.body)).length;
    // A send the limits refused was over its conversation's windows, or else over the app's.
    const acceptedIn = byConversation(sends);
    const overConversation = (c: RecordedCall) =>
      CONVERSATION_WINDOWS.some(
        ([most, ms]) =>
          (acceptedIn.get(c.conversationId) ?? []).filter((t) => t > c.at - ms && t <= c.at).length >= most,
      );
    const byLimits = attempts.filter((c) => c.rejected && !injected.has(c.body));
    const byConversationLimit = byLimits.filter(overConversation).length;
    // What each conversation was offered: accepted sends, and sends refused for its own limits.
    const reaching = byConversation([...sends, ...byLimits.filter(overConversation)]);
    const sharedIds = new Set(shared.map(conversationOf));
    const peak = (ms: number) => Math.max(0, ...[...reaching.values()].map((times) => busiest(times, ms)));
    const sharedSpans = [...byConversation(sends)]
      .filter(([id]) => sharedIds.has(id))
      .map(([, times]) => (Math.max(...times) - Math.min(...times)) / 1000);
    const perSecond = peak(1_000);
    const perTwo = peak(2_000);
    // How long a refused card waited before Teams took it (Retry-After asks for 1 s).
    const acceptedAt = new Map(sends.map((c) => [keyOf(c), c.at]));
    const refusedFirst = new Map<string, number>();
    for (const c of attempts) if (c.rejected && !refusedFirst.has(keyOf(c))) refusedFirst.set(keyOf(c), c.at);
    const waits = [...refusedFirst]
      .map(([key, at]) => ((acceptedAt.get(key) ?? Number.NaN) - at) / 1000)
      .filter((s) => s >= 0)
      .sort((a, b) => a - b);
    const waited = (q: number) => fmt(waits[Math.min(waits.length - 1, Math.floor(q * waits.length))] ?? 0, 1);
    const spans = sharedSpans.length
      ? `${fmt(Math.min(...sharedSpans), 1)}–${fmt(Math.max(...sharedSpans), 1)} s`
      : "–";

    console.log(
      `deliveries: ${fmt(count)} (${fmt(singles)} to their own conversation, ${fmt(count - singles)} in bursts of ${CARDS_PER_SHARED} to ${fmt(sharedConversations)} shared conversations)`,
    );
    console.log(
      `at the stub: ${fmt(sends.length)} cards accepted = ${fmt(delivered)} deliveries; refused: ${fmt(byInjection)} injected 429; by Teams' limits ${fmt(byLimits.length)} (${fmt(byConversationLimit)} a conversation's, ${fmt(byLimits.length - byConversationLimit)} the app's; goal none)`,
    );
    console.log(
      `achieved: ${fmt(rate, 1)} deliveries/s = ${fmt((rate / CEILING) * 100, 1)}% of the ${CEILING}/s ceiling, queueing to last accepted send, ${fmt((last - startedAt) / 1000, 1)} s (goal ≥ 95%); first to last accepted: ${fmt((steady / CEILING) * 100, 1)}%`,
    );
    console.log(
      `per conversation, sends offered (accepted, or refused for that conversation's limits): at most ${perSecond} in any 1 s (goal ≤ ${CONVERSATION_LIMIT}: ${perSecond <= CONVERSATION_LIMIT ? "met" : "NOT MET"}), ${perTwo} in any 2 s (Teams allows 8: ${perTwo <= 8 ? "kept" : "exceeded"}); a shared conversation's burst of ${CARDS_PER_SHARED} took ${spans} first to last`,
    );
    console.log(
      `a refused card (${fmt(waits.length)}) was accepted after: p50 ${waited(0.5)} s, p95 ${waited(0.95)} s, max ${waited(1)} s (Retry-After: 1 s); peak at the stub ${stub.stats().maxPerSecond}/s overall`,
    );
    console.log(
      `lost: ${lost} (goal 0)  duplicated: ${duplicated} (goal 0)  cards for no delivery: ${stray}; the database says ${fmt(sentInDb)} sent`,
    );
    for (const line of explained) console.log(line);
  } finally {
    await runtime.queues.alerts.obliterate({ force: true }).catch(() => {});
    await runtime.queues.deliveries.obliterate({ force: true }).catch(() => {});
    await runtime.close();
    await db.$disconnect();
    await stub.close();
    await database.drop();
    rmSync(dir, { recursive: true, force: true });
  }
}
