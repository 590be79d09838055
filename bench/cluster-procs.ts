/**
 * The cluster benchmark's processes: the real server (api/server.ts, as `npm start` runs
 * it) started with tsx as ROLE=api or ROLE=worker, over one database and one Redis. An
 * API process is ready once /health answers 200; a worker once it logs that its workers
 * run. Killed with SIGKILL on purpose; stopped with SIGTERM (then SIGKILL) at the end.
 */
import { freePort } from "../test/support/faults-redis.js";
import { type Spawned, spawnTs } from "../test/support/faults-spawn.js";

export type ClusterEnv = {
  DATABASE_URL: string;
  REDIS_URL: string;
  QUEUE_PREFIX: string;
  CLOCK_TODAY: string;
  DEV_AUTH_SECRET: string;
  JOB_LOCK_SECONDS: string;
};

/** Starting with tsx on a busy machine takes a while. */
const READY_MS = 180_000;

export type ApiProcess = { url: string; process: Spawned };

const common = (env: ClusterEnv) => ({
  ...env,
  NODE_ENV: "test",
  HOST: "127.0.0.1",
  SEED_DEMO: "false",
  AUTH_MODE: "dev",
  // Four processes, each with Prisma's pool and the SQL layer's: 4 × 2 × 5 connections.
  DATABASE_POOL_SIZE: "5",
  // Four processes starting at once with tsx on a shared machine: Redis's answers may lag
  // past the default 2 s while the worker writes its schedules, and a worker that cannot
  // write them does not start.
  QUEUE_WAIT_MS: "10000",
});

export async function startApi(env: ClusterEnv): Promise<ApiProcess> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  // Warnings only: a log line per request would be measured too. Ready when /health answers.
  const process = await spawnTs(
    "api/server.ts",
    { ...common(env), ROLE: "api", PORT: String(port), LOG_LEVEL: "warn" },
    null,
  );
  const end = Date.now() + READY_MS;
  for (;;) {
    if (process.child.exitCode !== null) throw new Error(`an API process exited:\n${process.output()}`);
    const status = await fetch(`${url}/health`).then(
      (r) => r.status,
      () => 0,
    );
    if (status === 200) return { url, process };
    if (Date.now() > end) {
      // Not left behind: the caller only stops what started.
      await process.kill("SIGKILL");
      throw new Error(`an API process did not answer in ${READY_MS} ms:\n${process.output()}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
}

export function startWorker(env: ClusterEnv): Promise<Spawned> {
  return spawnTs(
    "api/server.ts",
    { ...common(env), ROLE: "worker", LOG_LEVEL: "info" },
    "alert workers running",
    READY_MS,
  );
}

/** SIGTERM (running jobs finish), then SIGKILL if it is still there after `graceMs`. */
export async function stopProcess(p: Spawned, graceMs = 15_000): Promise<void> {
  if (p.child.exitCode !== null || p.child.signalCode !== null) return;
  const exited = new Promise((resolve) => p.child.once("exit", resolve));
  p.child.kill("SIGTERM");
  const timer = setTimeout(() => p.child.kill("SIGKILL"), graceMs);
  await exited;
  clearTimeout(timer);
}
