/** The real Redis, with a key prefix per test file so files run in parallel. */
import { Redis } from "ioredis";

export const REDIS_URL = "redis://127.0.0.1:6379";

export const uniquePrefix = () =>
  `vs-test-${process.pid}-${Date.now().toString(36)}-${Math.floor(Math.random() * 1e6)}`;

/** Deletes every key under `prefix` (queues, pacer windows). */
export async function dropPrefix(prefix: string): Promise<void> {
  const redis = new Redis(REDIS_URL);
  try {
    let cursor = "0";
    do {
      const [next, keys] = await redis.scan(cursor, "MATCH", `${prefix}:*`, "COUNT", 500);
      cursor = next;
      if (keys.length > 0) await redis.del(...keys);
    } while (cursor !== "0");
  } finally {
    await redis.quit();
  }
}
