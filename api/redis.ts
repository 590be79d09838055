/**
 * Redis is the one outside part a newcomer may lack. In development, when none answers
 * at REDIS_URL on this machine, a private redis-server is started if one is installed;
 * otherwise start-up stops with one line saying how to get one.
 */
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { Redis } from "ioredis";
import type { Config } from "../core/platform/config.js";

/** Whether a Redis at `url` answers a PING within a second (a fresh connection, closed after). */
export async function answersAt(url: string): Promise<boolean> {
  const probe = new Redis(url, {
    lazyConnect: true,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
    connectTimeout: 1_000,
  });
  probe.on("error", () => {});
  try {
    await probe.connect();
    return (await probe.ping()) === "PONG";
  } catch {
    return false;
  } finally {
    probe.disconnect();
  }
}

/**
 * The connection that queues work (BullMQ's Queue side). It fails at once while Redis is
 * away (no offline queue, one retry) instead of holding the caller until Redis is back:
 * the work is in the database, and the reconciler queues it then (jobs/queue-guard.ts).
 * Workers keep their own patient connection (jobs/queues.ts redisConnection). Its errors
 * are the caller's to report (api/runtime.ts: once when Redis goes, once when it is back).
 */
export function producerConnection(url: string, commandTimeoutMs: number): Redis {
  // commandTimeout: a Redis that takes the connection but stops answering fails a call, too.
  const redis = new Redis(url, {
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    connectTimeout: 2_000,
    commandTimeout: commandTimeoutMs,
  });
  return redis;
}

/** Whether Redis answers a PING now. */
export async function redisAnswers(redis: Redis): Promise<boolean> {
  try {
    return (await redis.ping()) === "PONG";
  } catch {
    return false;
  }
}

export class RedisUnavailable extends Error {
  override readonly name = "RedisUnavailable";
}

/** Resolves when Redis answers; returns the private server it started, if any. */
export async function ensureRedis(config: Pick<Config, "REDIS_URL" | "NODE_ENV">): Promise<ChildProcess | null> {
  if (await answersAt(config.REDIS_URL)) return null;
  const url = new URL(config.REDIS_URL);
  const local = ["127.0.0.1", "localhost", "::1", "[::1]"].includes(url.hostname);
  const installed = spawnSync("redis-server", ["--version"], { stdio: "ignore" }).status === 0;
  if (config.NODE_ENV === "production" || !local || !installed) {
    throw new RedisUnavailable(
      `No Redis answers at ${config.REDIS_URL}. Install one (Debian/Ubuntu: sudo apt-get install redis-server; macOS: brew install redis) or set REDIS_URL to a running server.`,
    );
  }
  const child = spawn(
    "redis-server",
    ["--port", url.port || "6379", "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
    {
      stdio: "ignore",
    },
  );
  for (let i = 0; i < 50; i++) {
    if (await answersAt(config.REDIS_URL)) return child;
    await new Promise((r) => setTimeout(r, 100));
  }
  child.kill();
  throw new RedisUnavailable(`Started redis-server, but it does not answer at ${config.REDIS_URL}.`);
}
