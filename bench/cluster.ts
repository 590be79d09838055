/**
 * `npm run bench -- cluster`: several processes, exactly once (issue 14). A fresh
 * PostgreSQL database (created, migrated, dropped at the end) and one Redis (a prefix of
 * its own); two ROLE=api and two ROLE=worker processes of the real server
 * (bench/cluster-procs.ts); the demo authority copied to 10,000 children (bench/data.ts),
 * every professional with a Teams conversation at the Bot Connector stub, which enforces
 * Teams' limits and refuses one send in ten with a 429 (bench/teams-stub.ts).
 *
 * The scan runs as the product runs it, a `scan` job on the alerts queue taken by one of
 * the workers; its deliveries fan out through the stub as digests and cards alone
 * (bench/cluster-tally.ts). Once a third of the messages are accepted one worker is killed
 * with SIGKILL and started again; meanwhile the status route is loaded across both API
 * processes. Everything judged is counted at the stub once all has settled.
 * Goals: duplicates 0, lost 0. `--quick`: 1,000 children.
 */
import { signDevToken } from "../core/access/tokens.js";
import { createDb } from "../core/platform/db.js";
import { migrate } from "../core/platform/migrate.js";
import { createQueues, redisConnection } from "../jobs/queues.js";
import type { Spawned } from "../test/support/faults-spawn.js";
import { createPgDatabase, dropPgDatabase } from "../test/support/pg.js";
import { dropPrefix, REDIS_URL } from "../test/support/redis.js";
import { type ApiProcess, type ClusterEnv, startApi, startWorker, stopProcess } from "./cluster-procs.js";
import { acceptedMessages, answerLags, expectedMessages, pendingMessages, tallyMessages } from "./cluster-tally.js";
import { BENCH_VSH_EMAIL, describeAuthority, writeBenchAuthority } from "./data.js";
import { fmt, type LoadResult, load } from "./load.js";
import { CEILING, startTeamsStub } from "./teams-stub.js";

const TODAY = "2026-11-23";
const SECRET = "bench-secret-bench-secret-bench-secret";
/** Short, as the fault tests have it: a killed worker's jobs come back within seconds. */
const JOB_LOCK_SECONDS = 5;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The status route loaded on every API process at once, `connections` shared among them. */
async function loadApis(apis: readonly ApiProcess[], seconds: number, children: number, token: string) {
  const headers = { authorization: `Bearer ${token}` };
  const path = () => `/api/children/${1 + Math.floor(Math.random() * children)}/status`;
  const results = await Promise.all(
    apis.map((api) => load({ url: api.url, seconds, headers, path, connections: 10 / apis.length })),
  );
  const sum = (f: (r: LoadResult) => number) => results.reduce((n, r) => n + f(r), 0);
  return {
    rps: sum((r) => r.rps),
    each: results.map((r) => fmt(r.rps)).join(" + "),
    // Each process's p99, the worse taken: no request across both was slower than its own p99 says.
    p99: Math.max(...results.map((r) => r.p99)),
    failed: sum((r) => r.errors + r.non2xx),
  };
}

/** Why the scan job failed: its reason, how often it ran and stalled, and what the workers logged of it. */
async function scanFailure(queues: ReturnType<typeof createQueues>, id: string, workers: readonly Spawned[]) {
  const failed = await queues.alerts.getJob(id);
  const said = workers.flatMap((w, i) =>
    w
      .output()
      .split("\n")
      .filter((line) => /stalled|job failed|"queue":"alerts"/.test(line))
      .map((line) => `worker ${i + 1}: ${line.slice(0, 300)}`),
  );
  return [
    `the scan failed: ${failed?.failedReason} (attempts made ${failed?.attemptsMade}, stalled ${failed?.stalledCounter})`,
    ...(failed?.stacktrace ?? []).map((s) => s.split("\n").slice(0, 8).join("\n")),
    ...said,
  ].join("\n");
}

export async function benchCluster({ quick }: { quick: boolean }) {
  const children = quick ? 1_000 : 10_000;
  const seconds = quick ? 2 : 5;
  const url = await createPgDatabase("bench_cluster");
  const prefix = `vs-bench-cluster-${process.pid}`;
  const { stub, injected } = await startTeamsStub();
  const connection = redisConnection(REDIS_URL);
  const queues = createQueues(connection, prefix);
  const running: Spawned[] = [];
  const db = await createDb(url, { poolSize: 2 });
  try {
    await migrate(url);
    let started = performance.now();
    console.log(
      describeAuthority(await writeBenchAuthority(url, { children, today: TODAY }), performance.now() - started),
    );
    // Everyone has the app installed: a personal conversation at the stub.
    const people = await db.professional.findMany({ select: { id: true } });
    await db.conversationReference.deleteMany();
    const stamp = new Date(`${TODAY}T07:00:00Z`);
    await db.conversationReference.createMany({
      data: people.map(({ id }) => ({
        professionalId: id,
        conversationId: `a:cluster-${id}`,
        serviceUrl: stub.url,
        reference: JSON.stringify({
          serviceUrl: stub.url,
          conversation: { id: `a:cluster-${id}` },
          bot: { id: "28:bot" },
          user: { id: `29:${id}` },
        }),
        createdAt: stamp,
        updatedAt: stamp,
      })),
    });

    const env: ClusterEnv = {
      DATABASE_URL: url,
      REDIS_URL,
      QUEUE_PREFIX: prefix,
      CLOCK_TODAY: TODAY,
      DEV_AUTH_SECRET: SECRET,
      JOB_LOCK_SECONDS: String(JOB_LOCK_SECONDS),
    };
    started = performance.now();
    // Each process kept as soon as it runs, so that one failing to start leaves none behind.
    const kept = <T extends ApiProcess | Spawned>(p: Promise<T>) =>
      p.then((started) => {
        running.push("process" in started ? started.process : started);
        return started;
      });
    const starting = await Promise.allSettled([kept(startApi(env)), kept(startApi(env))]);
    const startingWorkers = await Promise.allSettled([kept(startWorker(env)), kept(startWorker(env))]);
    const failed = [...starting, ...startingWorkers].find((s) => s.status === "rejected");
    if (failed) throw failed.reason;
    const apis = starting.flatMap((s) => (s.status === "fulfilled" ? [s.value] : []));
    const workers = startingWorkers.flatMap((s) => (s.status === "fulfilled" ? [s.value] : []));
    console.log(
      `processes: 2 ROLE=api, 2 ROLE=worker (api/server.ts with tsx), ready in ${fmt((performance.now() - started) / 1000, 1)} s; PostgreSQL ${new URL(url).pathname.slice(1)}, Redis prefix ${prefix}, job lock ${JOB_LOCK_SECONDS} s`,
    );
    const token = await signDevToken(new TextEncoder().encode(SECRET), BENCH_VSH_EMAIL);
    for (const api of apis) {
      const check = await fetch(`${api.url}/api/children/1/status`, { headers: { authorization: `Bearer ${token}` } });
      if (check.status !== 200) throw new Error(`status route answered ${check.status}: ${await check.text()}`);
    }

    // The scan, as the schedule runs it: a job on the alerts queue, taken by one worker.
    const scanAt = Date.now();
    const job = await queues.alerts.add("scan", { registersClosed: true });
    for (;;) {
      const state = await queues.alerts.getJobState(job.id ?? "");
      if (state === "completed") break;
      if (state === "failed") throw new Error(await scanFailure(queues, job.id ?? "", workers));
      if (Date.now() - scanAt > 300_000) throw new Error("the scan did not finish in 5 minutes");
      await sleep(100);
    }
    const scanned = await queues.alerts.getJob(job.id ?? "");
    const result = scanned?.returnvalue as { candidates: number; created: number; deliveries: number; digests: number };
    const scanDoneAt = scanned?.finishedOn ?? Date.now();
    const expected = await expectedMessages(db);
    const messages = expected.size;
    const deliveries = [...expected.values()].reduce((a, b) => a + b, 0);
    console.log(
      `scan (a job run by a worker): ${fmt((scanDoneAt - scanAt) / 1000, 1)} s; ${fmt(result.candidates)} conditions, ${fmt(result.created)} alerts, ${fmt(result.deliveries)} deliveries going out as ${fmt(messages)} messages (${fmt(result.digests)} digests, ${fmt(messages - result.digests)} cards alone)`,
    );
    if (deliveries !== result.deliveries)
      throw new Error(`${deliveries} deliveries in the database, not ${result.deliveries}`);

    // The status route across both APIs while the fan-out runs (it starts with the kill below).
    const loading = loadApis(apis, seconds, children, token);
    const end = scanDoneAt + 120_000;
    while (acceptedMessages(stub, expected).size < messages / 3) {
      if (Date.now() > end) {
        const accepted = acceptedMessages(stub, expected).size;
        throw new Error(
          `a third of the messages were not accepted in 2 minutes: ${fmt(accepted)} of ${fmt(messages)} (${fmt(accepted / ((Date.now() - scanDoneAt) / 1000), 1)}/s since the scan)`,
        );
      }
      await sleep(20);
    }
    const victim = workers[0] as Spawned;
    await victim.kill("SIGKILL");
    const killedAt = Date.now();
    // What reached the stub before the process died, against what the database recorded a
    // moment later (the other worker's records of its own sends then committed; those it
    // took later are not counted, as they used to be).
    const beforeKill = acceptedMessages(stub, expected);
    await sleep(200);
    const pending = await pendingMessages(db);
    const unrecorded = [...beforeKill].filter((k) => pending.has(k)).length;
    started = performance.now();
    running.push(await startWorker(env));
    const restartMs = performance.now() - started;
    const status = await loading;

    // Settled: every message accepted and nothing left in the queue; or given up on.
    const deadline = killedAt + Math.max(120_000, messages * 100);
    let settledAt = 0;
    for (;;) {
      const counts = await queues.deliveries.getJobCounts("active", "waiting", "delayed", "prioritized");
      const left = Object.values(counts).reduce((a, b) => a + b, 0);
      if (left === 0 && tallyMessages(stub, expected).lostMessages === 0) {
        settledAt = Date.now();
        break;
      }
      if (Date.now() > deadline) {
        console.log(`gave up waiting ${fmt((Date.now() - killedAt) / 1000)} s after the kill (${left} jobs left)`);
        break;
      }
      await sleep(200);
    }
    // A late duplicate (a job given back after its lock lapsed) would come within a lock's time.
    await sleep(JOB_LOCK_SECONDS * 1_000);
    const tally = tallyMessages(stub, expected);
    const sends = stub.sent().filter((c) => c.kind === "send");
    const attempts = stub.calls.filter((c) => c.kind === "send");
    const byInjection = attempts.filter((c) => injected.has(c.body)).length;
    const byLimits = attempts.filter((c) => c.rejected && !injected.has(c.body)).length;
    const from = Math.min(scanDoneAt, sends[0]?.at ?? scanDoneAt);
    const last = sends.at(-1)?.at ?? from;
    const rate = acceptedMessages(stub, expected).size / Math.max((last - from) / 1000, 0.001);
    const sentInDb = await db.alertDelivery.count({ where: { status: "sent" } });
    const lags = await answerLags(db, stub);
    const lag = (q: number) => fmt(lags[Math.min(lags.length - 1, Math.floor(q * lags.length))] ?? 0);

    console.log(
      `worker SIGKILLed after ${fmt(beforeKill.size)} of ${fmt(messages)} messages were accepted (${unrecorded} taken by Teams but not yet recorded as sent); started again, ready in ${fmt(restartMs / 1000, 1)} s`,
    );
    console.log(
      `status route across both APIs during the fan-out, ${seconds} s at 10 connections (5 each): ${fmt(status.rps)} req/s (${status.each}), p99 ${status.p99} ms (the worse process's); ${status.failed} failed`,
    );
    console.log(
      `deliveries: expected ${fmt(tally.deliveries)}, sent ${fmt(tally.sent)}, duplicates ${fmt(tally.duplicates)} (goal 0), lost ${fmt(tally.lost)} (goal 0); the database says ${fmt(sentInDb)} sent`,
    );
    console.log(
      `messages: ${fmt(tally.messages)}, accepted twice or more ${tally.duplicatedMessages}, never ${tally.lostMessages}, sends tied to no expected message ${tally.stray}; refused at the stub: ${fmt(byInjection)} injected 429, ${fmt(byLimits)} by Teams' limits`,
    );
    console.log(
      `from the stub taking a message to the worker stamping its record: p50 ${lag(0.5)} ms, p95 ${lag(0.95)} ms, max ${lag(1)} ms (${fmt(lags.length)} messages)`,
    );
    console.log(
      `throughput: ${fmt(rate, 1)} messages/s = ${fmt((rate / CEILING) * 100, 1)}% of the ${CEILING}/s ceiling (scan's end to last accepted send, ${fmt((last - from) / 1000, 1)} s, kill and restart included)`,
    );
    console.log(
      settledAt
        ? `settled ${fmt((settledAt - killedAt) / 1000, 1)} s after the kill, ${fmt((settledAt - scanAt) / 1000, 1)} s after the scan was queued`
        : "did not settle",
    );
  } finally {
    await Promise.all(running.map((p) => stopProcess(p)));
    await queues.close();
    await connection.quit();
    await dropPrefix(prefix);
    await db.$disconnect();
    await stub.close();
    await dropPgDatabase(url);
  }
}
