/**
 * `npm run bench -- status`: throughput and p99 of GET /api/children/:id/status with
 * 10,000 children (the demo authority copied: placements, reviews, exclusions, actions),
 * against a bare Fastify route in the same run. Throughput counts the 2xx answers, and
 * each is checked against the audit rows the server wrote.
 * Goal: ≥ 0.1× the bare route's throughput, p99 ≤ 25 ms. `--engine=postgres` (or
 * BENCH_DATABASE=postgres) runs it on a fresh PostgreSQL database. Then the audit append alone
 * (bench/audit-append.ts): the reads' own path against a Prisma transaction.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { signDevToken } from "../core/access/tokens.js";
import { benchAuditAppend } from "./audit-append.js";
import { auditedReads, BENCH_VSH_EMAIL, describeAuthority, writeBenchAuthority } from "./data.js";
import { benchDatabase, benchEngine } from "./import-db.js";
import { fmt, load, startServer, withServerCpu } from "./load.js";

export async function benchStatus({ quick }: { quick: boolean }) {
  const children = quick ? 1_000 : 10_000;
  const seconds = quick ? 2 : 10;
  const today = "2026-11-23";
  const dir = mkdtempSync(join(tmpdir(), "vs-bench-"));
  const engine = benchEngine(process.argv.slice(2));
  const database = await benchDatabase(engine, dir, "status");
  const { url } = database;
  const secret = "bench-secret-bench-secret-bench-secret";
  try {
    console.log(`engine: ${engine}`);
    const started = performance.now();
    console.log(describeAuthority(await writeBenchAuthority(url, { children, today }), performance.now() - started));
    const audited = () => auditedReads(url, "read_status");
    const server = await startServer({
      DATABASE_URL: url,
      CLOCK_TODAY: today,
      DEV_AUTH_SECRET: secret,
      NODE_ENV: "test",
      LOG_LEVEL: "silent",
    });
    try {
      const token = await signDevToken(new TextEncoder().encode(secret), BENCH_VSH_EMAIL);
      const headers = { authorization: `Bearer ${token}` };
      const check = await fetch(`http://127.0.0.1:${server.app}/api/children/1/status`, { headers });
      if (check.status !== 200) throw new Error(`status route answered ${check.status}: ${await check.text()}`);
      const bare = await withServerCpu(server, () => load({ url: `http://127.0.0.1:${server.bare}/bare`, seconds }));
      const randomChild = () => `/api/children/${1 + Math.floor(Math.random() * children)}/status`;
      const before = await audited();
      const status = await withServerCpu(server, () =>
        load({ url: `http://127.0.0.1:${server.app}`, seconds, headers, path: randomChild }),
      );
      const between = await audited();
      // One user at a time: the latency a person sees when the server is not saturated.
      const single = await load({
        url: `http://127.0.0.1:${server.app}`,
        seconds,
        headers,
        path: randomChild,
        connections: 1,
      });
      const after = await audited();
      console.log(
        `bare route:   ${fmt(bare.rps)} req/s  p50 ${bare.p50} ms  p99 ${bare.p99} ms  (${fmt(bare.ok)} 2xx)`,
      );
      console.log(
        `status route: ${fmt(status.rps)} req/s  p50 ${status.p50} ms  p99 ${status.p99} ms  (${fmt(status.ok)} 2xx, audit rows ${fmt(between - before)}; errors ${status.errors}, non-2xx ${status.non2xx})`,
      );
      console.log(
        `status, 1 connection: ${fmt(single.rps)} req/s  p50 ${single.p50} ms  p99 ${single.p99} ms  (${fmt(single.ok)} 2xx, audit rows ${fmt(after - between)})`,
      );
      console.log(`ratio status/bare: ${fmt(status.rps / bare.rps, 3)}×  (goal ≥ 0.1×, p99 goal ≤ 25 ms)`);
      console.log(
        `server CPU per answer: bare ${fmt(bare.cpuPerRequest)} µs, status ${fmt(status.cpuPerRequest)} µs (bare/status ${fmt(bare.cpuPerRequest / status.cpuPerRequest, 3)}×: the ratio a loaded machine distorts least)`,
      );
      if (status.errors + status.non2xx + single.errors + single.non2xx > 0)
        throw new Error("the status route failed under load");
      // A 2xx without its audit row would be a read the figures count but the product did not finish.
      if (between - before < status.ok || after - between < single.ok)
        throw new Error("fewer audit rows than status reads answered");
    } finally {
      await server.stop();
    }
    await benchAuditAppend(url, { quick });
  } finally {
    await database.drop();
    rmSync(dir, { recursive: true, force: true });
  }
}
