/**
 * An in-process worker runtime for fault tests: the production runtime (ROLE=worker) over
 * a temp SQLite file and a given Redis (the private one), sending with a sender whose
 * timeout the test chooses.
 */
import { createRuntime, type Runtime } from "../../api/runtime.js";
import { createTeamsSender } from "../../bot/proactive.js";
import type { SendResult } from "../../core/alerts/sender.port.js";
import { fixedClock } from "../../core/platform/clock.js";
import { loadConfig } from "../../core/platform/config.js";
import { TODAY } from "./factories.js";
import { uniquePrefix } from "./redis.js";

export function startFaultWorker(opts: {
  databaseUrl: string;
  db: Parameters<typeof createRuntime>[0]["db"];
  redisUrl: string;
  prefix?: string;
  sendTimeoutMs?: number;
  /** Told of every send's outcome (e.g. to count timeouts). */
  onSent?: (result: SendResult) => void;
  concurrency?: number;
}): Promise<Runtime> {
  const sender = createTeamsSender({ timeoutMs: opts.sendTimeoutMs ?? 5_000 });
  const send: typeof sender.send = async (ref, activity) => {
    const result = await sender.send(ref, activity);
    opts.onSent?.(result);
    return result;
  };
  const config = loadConfig({
    NODE_ENV: "test",
    DATABASE_URL: opts.databaseUrl,
    REDIS_URL: opts.redisUrl,
    QUEUE_PREFIX: opts.prefix ?? uniquePrefix(),
    LOG_LEVEL: process.env.FAULTS_LOG_LEVEL ?? "silent",
    ROLE: "worker",
    SEED_DEMO: "false",
  });
  return createRuntime({
    config,
    db: opts.db,
    // Today's date at the real time of day: instants move, so rows never share a createdAt.
    clock: fixedClock(TODAY),
    api: false,
    worker: true,
    schedules: false,
    sender: { ...sender, send },
    concurrency: opts.concurrency,
  });
}
