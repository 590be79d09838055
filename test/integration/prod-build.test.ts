/**
 * The production build, run as production runs it: `npm run build` into a temp folder,
 * then `node <out>/api/server.js` with plain node as two processes, ROLE=api and
 * ROLE=worker, over one database and one Redis prefix. The folder's node_modules holds
 * the production dependencies only, and no tsx: anything that still needed TypeScript at
 * run time (the import thread, a template, the migrations) fails here. The API answers
 * /health, an authenticated read and an import (which runs on the import thread); the
 * worker runs a scan the API queued; both stop on SIGTERM with exit code 0.
 */
import { type ChildProcess, execFile, spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { promisify } from "node:util";
import { Queue } from "bullmq";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signDevToken } from "../../core/access/tokens.js";
import { QUEUES } from "../../jobs/queues.js";
import { TEST_SECRET } from "../support/app.js";
import { createTestDb, type TestDb } from "../support/db.js";
import { dropPrefix, REDIS_URL, uniquePrefix } from "../support/redis.js";
import { until } from "../support/wait.js";

const ROOT = resolve(import.meta.dirname, "../..");
const VSH = "vsh@build.local";

/** `<out>/node_modules`: a link to each production dependency the project installed, and nothing else. */
function productionModules(out: string): void {
  const pkg = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as {
    devDependencies: Record<string, string>;
  };
  const left = new Set([...Object.keys(pkg.devDependencies), "tsx", ".bin"]);
  const from = join(ROOT, "node_modules");
  const to = join(out, "node_modules");
  mkdirSync(to);
  for (const entry of readdirSync(from)) {
    if (!entry.startsWith("@")) {
      if (!left.has(entry)) symlinkSync(join(from, entry), join(to, entry));
      continue;
    }
    mkdirSync(join(to, entry));
    for (const scoped of readdirSync(join(from, entry))) {
      if (!left.has(`${entry}/${scoped}`)) symlinkSync(join(from, entry, scoped), join(to, entry, scoped));
    }
  }
}

type Server = { child: ChildProcess; output(): string; exited: Promise<number | null> };

/** Starts `node <out>/api/server.js` and resolves once it prints `ready`. */
async function startServer(out: string, env: Record<string, string>, ready: RegExp): Promise<Server> {
  const child = spawn(process.execPath, [join(out, "api/server.js")], {
    cwd: out,
    // Only what the server is given: no NODE_OPTIONS (tsx's loader) from this test process.
    env: { PATH: process.env.PATH ?? "", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  const exited = new Promise<number | null>((done) => child.once("exit", (code) => done(code)));
  await new Promise<void>((done, fail) => {
    const timer = setTimeout(() => fail(new Error(`not ready in 45 s:\n${output}`)), 45_000);
    const seen = (chunk: Buffer) => {
      output += chunk.toString();
      if (ready.test(output)) {
        clearTimeout(timer);
        done();
      }
    };
    child.stdout?.on("data", seen);
    child.stderr?.on("data", seen);
    void exited.then((code) => fail(new Error(`exited (${code}) before it was ready:\n${output}`)));
  });
  return { child, output: () => output, exited };
}

async function stop(server: Server): Promise<number | null> {
  if (server.child.exitCode !== null) return server.child.exitCode;
  server.child.kill("SIGTERM");
  return server.exited;
}

let out: string;
let database: TestDb;
let api: Server;
let worker: Server;
let base: string;
const prefix = uniquePrefix();

beforeAll(async () => {
  out = mkdtempSync(join(tmpdir(), "vs-build-"));
  // The build script itself, as `npm run build` runs it (tsc's type check is the suite's own `tsc --noEmit`).
  await promisify(execFile)(process.execPath, ["--import", "tsx", "scripts/build.ts", "--out-dir", out, "--no-check"], {
    cwd: ROOT,
  });
  productionModules(out);
  database = await createTestDb("build");
  await database.db.professional.create({ data: { email: VSH, name: "Head", role: "vsh" } });
  const env = {
    NODE_ENV: "test",
    AUTH_MODE: "dev",
    DEV_AUTH_SECRET: TEST_SECRET,
    DATABASE_URL: database.url,
    REDIS_URL,
    QUEUE_PREFIX: prefix,
    SEED_DEMO: "false",
    LOG_LEVEL: "info",
    HOST: "127.0.0.1",
    // Any free port: the server says which.
    PORT: "0",
    SHUTDOWN_GRACE_SECONDS: "5",
    // A loaded machine's Redis may be slow: this test is about the build, not enqueue deadlines.
    QUEUE_WAIT_MS: "15000",
  };
  [api, worker] = await Promise.all([
    startServer(out, { ...env, ROLE: "api" }, /is at http:\/\/127\.0\.0\.1:\d+/),
    startServer(out, { ...env, ROLE: "worker" }, /alert workers running/),
  ]);
  base = /is at (http:\/\/127\.0\.0\.1:\d+)/.exec(api.output())?.[1] ?? "";
}, 240_000);

afterAll(async () => {
  for (const server of [api, worker]) if (server) await stop(server);
  await database?.close();
  await dropPrefix(prefix);
  if (out) rmSync(out, { recursive: true, force: true });
});

const bearer = async () => ({
  authorization: `Bearer ${await signDevToken(new TextEncoder().encode(TEST_SECRET), VSH)}`,
});

describe("the production build (node dist/api/server.js)", () => {
  it("answers /health with the database and Redis ok", async () => {
    // As a load balancer asks: again until it answers. /health gives each part 1 s; the
    // first, just after the start, once took longer on a loaded CI machine (503, database
    // "unavailable"), where it takes 26 ms at rest.
    let res = new Response();
    await expect
      .poll(async () => {
        res = await fetch(`${base}/health`);
        return res.status;
      })
      .toBe(200);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ status: "ok", database: "ok", redis: "ok" });
  });

  it("answers an authenticated call, and refuses one without a token", async () => {
    const res = await fetch(`${base}/api/me`, { headers: await bearer() });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ name: "Head", role: "vsh" });
    expect((await fetch(`${base}/api/me`)).status).toBe(401);
  });

  it("imports an upload through the API on the import thread", async () => {
    const form = new FormData();
    const csv = "urn,name,phase,la\n100001,Built School,primary,999\n";
    form.append("file", new Blob([csv], { type: "text/csv" }), "schools.csv");
    const res = await fetch(`${base}/api/imports/schools`, { method: "POST", headers: await bearer(), body: form });
    expect(res.status, api.output()).toBe(200);
    const school = await database.db.school.findUnique({ where: { urn: "100001" } });
    expect(school?.name).toBe("Built School");
  });

  it("serves the tab's page, its static files and the privacy and terms pages", async () => {
    const page = await fetch(`${base}/tab`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain("/tab/assets/app.js");
    expect((await fetch(`${base}/tab/assets/app.js`)).status).toBe(200);
    expect((await fetch(`${base}/tab/assets/vendor/MicrosoftTeams.min.js`)).status).toBe(200);
    for (const path of ["/privacy", "/terms"]) expect((await fetch(`${base}${path}`)).status, path).toBe(200);
  });

  it("runs a scan the API queued in the ROLE=worker process", async () => {
    const res = await fetch(`${base}/api/alerts/scan`, {
      method: "POST",
      headers: { ...(await bearer()), "content-type": "application/json" },
      body: JSON.stringify({}),
    });
    expect(res.status).toBe(202);
    const { jobId } = (await res.json()) as { jobId: string };
    const queue = new Queue(QUEUES.alerts, { connection: { url: REDIS_URL }, prefix });
    try {
      const job = await until(
        "the worker to finish the scan",
        async () => {
          const found = await queue.getJob(jobId);
          return found?.finishedOn ? found : undefined;
        },
        20_000,
      );
      expect(job?.failedReason, worker.output()).toBeUndefined();
    } finally {
      await queue.close();
    }
  });

  it("stops both processes on SIGTERM with exit code 0", async () => {
    const [apiCode, workerCode] = await Promise.all([stop(api), stop(worker)]);
    expect(apiCode, api.output()).toBe(0);
    expect(workerCode, worker.output()).toBe(0);
  });
});
