/**
 * JOB_LOCK_SECONDS: how long a worker process's job locks last, and so how soon a killed
 * worker's jobs go back to the others (the stalled check runs as often). The real runtime,
 * as ROLE=worker builds it.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createRuntime } from "../../api/runtime.js";
import { fixedClock } from "../../core/platform/clock.js";
import { loadConfig } from "../../core/platform/config.js";
import { createTestDb, type TestDb } from "../support/db.js";
import { TODAY } from "../support/factories.js";
import { dropPrefix, uniquePrefix } from "../support/redis.js";

describe("JOB_LOCK_SECONDS", () => {
  let database: TestDb;
  const prefix = uniquePrefix();
  beforeAll(async () => {
    database = await createTestDb("job-lock");
  });
  afterAll(async () => {
    await database.close();
    await dropPrefix(prefix);
  });

  const workerWith = (env: Record<string, string>) =>
    createRuntime({
      config: loadConfig({
        NODE_ENV: "test",
        DATABASE_URL: database.url,
        QUEUE_PREFIX: prefix,
        LOG_LEVEL: "silent",
        ROLE: "worker",
        SEED_DEMO: "false",
        ...env,
      }),
      db: database.db,
      clock: fixedClock(TODAY),
      schedules: false,
    });

  it("sets the workers' job lock and stalled check; 30 s when unset", async () => {
    for (const [env, ms] of [
      [{ JOB_LOCK_SECONDS: "3" }, 3_000],
      [{}, 30_000],
    ] as const) {
      const runtime = await workerWith(env);
      try {
        for (const worker of [runtime.workers?.alerts, runtime.workers?.deliveries]) {
          expect(worker?.opts.lockDuration).toBe(ms);
          expect(worker?.opts.stalledInterval).toBe(ms);
        }
      } finally {
        await runtime.close();
      }
    }
  });

  it("refuses a lock of no time", () => {
    expect(() => loadConfig({ JOB_LOCK_SECONDS: "0" })).toThrow(/JOB_LOCK_SECONDS/);
  });
});
