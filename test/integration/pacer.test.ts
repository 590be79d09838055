/**
 * The pacer on the real Redis: Teams' per-conversation windows and the app-wide 50/s,
 * releasing exactly a refused send's slot, and limits shared by two connections as two worker processes would share them.
 * Each test has its own prefix under this file's, since the app-wide window is per prefix.
 */
import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPacer, DEFAULT_MARGIN_MS, type PacerOptions } from "../../jobs/pacer.js";
import { dropPrefix, REDIS_URL, uniquePrefix } from "../support/redis.js";

const base = uniquePrefix();
let a: Redis;
let b: Redis;
let n = 0;

/** A pacer with a prefix of its own, so no other test's reservations are in its windows. */
const fresh = (redis: Redis, opts: PacerOptions = {}) => {
  n += 1;
  return createPacer(redis, { prefix: `${base}:${n}`, ...opts });
};
const times = <T>(count: number, f: (i: number) => T) => Array.from({ length: count }, (_, i) => f(i));
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const redisNow = async (redis: Redis) => {
  const [s, us] = await redis.time();
  return Number(s) * 1000 + Math.floor(Number(us) / 1000);
};

beforeAll(() => {
  a = new Redis(REDIS_URL);
  b = new Redis(REDIS_URL);
});

afterAll(async () => {
  await Promise.all([a.quit(), b.quit()]);
  await dropPrefix(base);
});

describe("per conversation", () => {
  it.each([
    ["without margin", 0],
    ["with the default margin", DEFAULT_MARGIN_MS],
  ])(
    "grants exactly 7 of a burst of 20 in the first second (%s); the rest wait at most a second",
    async (_, margin) => {
      const pacer = fresh(a, { marginMs: margin });
      const waits = await Promise.all(times(20, () => pacer.reserve("19:burst@thread.v2;messageid=1")));
      expect(waits.filter((w) => w === 0)).toHaveLength(7);
      for (const w of waits.filter((w) => w > 0)) {
        expect(w).toBeGreaterThan(0);
        expect(w).toBeLessThanOrEqual(1_000 + margin);
      }
    },
  );

  it("holds the 8 per 2 s window once the 1 s window has room again", async () => {
    const pacer = fresh(a, { marginMs: 0 });
    const started = await redisNow(a);
    const first = await Promise.all(times(7, () => pacer.reserve("a:two-seconds")));
    expect(first).toEqual(times(7, () => 0));
    const wait = await pacer.reserve("a:two-seconds");
    await sleep(wait);
    // One second on: the 7/1 s window is empty, so the 8th goes …
    expect(await pacer.reserve("a:two-seconds")).toBe(0);
    // … and the 9th waits for the first of the burst to leave the 2 s window.
    const ninth = await pacer.reserve("a:two-seconds");
    const expected = started + 2_000 - (await redisNow(a));
    expect(ninth).toBeGreaterThan(0);
    expect(Math.abs(ninth - expected)).toBeLessThanOrEqual(60);
  });

  it("gives a released slot back", async () => {
    const pacer = fresh(a);
    const slots = await Promise.all(times(7, () => pacer.take("a:release")));
    expect(await pacer.reserve("a:release")).toBeGreaterThan(0);
    await slots[3]!.release();
    expect(await pacer.reserve("a:release")).toBe(0);
    expect(await pacer.reserve("a:release")).toBeGreaterThan(0);
  });

  it("releases exactly the refused send's slot, not a newer one Teams accepted", async () => {
    n += 1;
    const prefix = `${base}:${n}`;
    const pacer = createPacer(a, { prefix, marginMs: 0 });
    const older = await Promise.all(times(3, () => pacer.take("a:exact")));
    await sleep(300);
    const split = await redisNow(a);
    await sleep(300);
    const newer = await Promise.all(times(4, () => pacer.take("a:exact")));
    expect([...older, ...newer].map((s) => s.wait)).toEqual(times(7, () => 0));
    // The oldest send is refused: its own slot goes, and the 4 newer ones stay counted.
    await older[0]!.release();
    const scores = (await a.zrange(`${prefix}:pace:c:a:exact`, 0, -1, "WITHSCORES"))
      .filter((_, i) => i % 2 === 1)
      .map(Number);
    expect(scores).toHaveLength(6);
    expect(scores.filter((s) => s < split)).toHaveLength(2);
    expect(scores.filter((s) => s > split)).toHaveLength(4);
  });
});

describe("app-wide", () => {
  it("grants 50 a second across 100 conversations", async () => {
    const pacer = fresh(a);
    const waits = await Promise.all(times(100, (i) => pacer.reserve(`a:conversation-${i}`)));
    expect(waits.filter((w) => w === 0)).toHaveLength(50);
    expect(Math.max(...waits)).toBeLessThanOrEqual(1_000 + DEFAULT_MARGIN_MS);
  });

  it("gives a released slot back to any conversation", async () => {
    const pacer = fresh(a);
    const slots = await Promise.all(times(50, (i) => pacer.take(`a:full-${i}`)));
    expect(await pacer.reserve("a:another")).toBeGreaterThan(0);
    await slots[3]!.release();
    expect(await pacer.reserve("a:another")).toBe(0);
  });
});

describe("two workers (two connections)", () => {
  it("share the per-conversation and app-wide limits", async () => {
    n += 1;
    const prefix = `${base}:${n}`;
    const [p, q] = [createPacer(a, { prefix }), createPacer(b, { prefix })];
    const one = await Promise.all(times(20, (i) => (i % 2 ? p : q).reserve("a:shared")));
    expect(one.filter((w) => w === 0)).toHaveLength(7);
    const many = await Promise.all(times(80, (i) => (i % 2 ? p : q).reserve(`a:shared-${i}`)));
    // 7 of the 50 went to a:shared already.
    expect(many.filter((w) => w === 0)).toHaveLength(43);
  });

  it("release only what they reserved themselves", async () => {
    n += 1;
    const prefix = `${base}:${n}`;
    const [p, q] = [createPacer(a, { prefix }), createPacer(b, { prefix })];
    const mine = await Promise.all(times(7, () => p.take("a:mine")));
    const refused = await q.take("a:mine");
    expect(refused.wait).toBeGreaterThan(0);
    await refused.release(); // q was granted nothing here: p's slots stay taken
    expect(await q.reserve("a:mine")).toBeGreaterThan(0);
    await mine[0]!.release();
    expect(await q.reserve("a:mine")).toBe(0);
  });
});
