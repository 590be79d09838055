/**
 * `npm run bench -- pacer`: what one reservation costs on the real Redis (one Lua call, one
 * round trip), granted one at a time, granted with 100 in flight, and refused (a full
 * window, as when many jobs wait for a slot). Baseline: a PING over the same
 * connection, the cheapest round trip there is. Every call is checked to have been
 * granted or refused as the phase intends, so a figure cannot come from calls that did
 * something else.
 */
import { Redis } from "ioredis";
import { createPacer } from "../jobs/pacer.js";
import { dropPrefix, REDIS_URL, uniquePrefix } from "../test/support/redis.js";
import { fmt } from "./load.js";

type Phase = { label: string; inFlight: number; call: (i: number) => Promise<number>; granted: boolean | null };

export async function benchPacer({ quick }: { quick: boolean }): Promise<void> {
  const count = quick ? 2_000 : 20_000;
  const redis = new Redis(REDIS_URL);
  const prefix = uniquePrefix();
  try {
    const roomy = createPacer(redis, {
      prefix: `${prefix}:roomy`,
      globalPerSecond: 1_000_000,
      perConversation: [{ limit: 1_000_000, windowMs: 1_000 }],
    });
    // One slot in ten minutes for the conversation: after the first, every call is refused.
    const full = createPacer(redis, { prefix: `${prefix}:full`, perConversation: [{ limit: 1, windowMs: 600_000 }] });
    if ((await full.reserve("a:full")) !== 0) throw new Error("the first reservation should be granted");

    const ping = (_: number) => redis.ping().then(() => 0);
    const phases: Phase[] = [
      { label: "PING, one at a time (baseline)", inFlight: 1, call: ping, granted: null },
      { label: "granted, one at a time", inFlight: 1, call: (i) => roomy.reserve(`a:c-${i % 500}`), granted: true },
      { label: "PING, 100 in flight (baseline)", inFlight: 100, call: ping, granted: null },
      { label: "granted, 100 in flight", inFlight: 100, call: (i) => roomy.reserve(`a:c-${i % 500}`), granted: true },
      { label: "refused, 100 in flight", inFlight: 100, call: () => full.reserve("a:full"), granted: false },
    ];
    const perSecond: Record<string, number> = {};
    for (const phase of phases) {
      let asIntended = 0;
      const started = performance.now();
      for (let i = 0; i < count; i += phase.inFlight) {
        const batch = Array.from({ length: Math.min(phase.inFlight, count - i) }, (_, j) => phase.call(i + j));
        for (const wait of await Promise.all(batch)) {
          if (phase.granted === null || (wait === 0) === phase.granted) asIntended += 1;
        }
      }
      const seconds = (performance.now() - started) / 1000;
      if (asIntended !== count) throw new Error(`${phase.label}: ${count - asIntended} calls did not do as intended`);
      perSecond[phase.label] = asIntended / seconds;
      console.log(
        `${phase.label.padEnd(34)} ${fmt(Math.round(asIntended / seconds))} calls/s (${fmt(asIntended)} calls)`,
      );
    }
    const ratio = (a: string, b: string) => ((perSecond[a] ?? 0) / (perSecond[b] ?? 1)).toFixed(2);
    console.log(`ratio to PING, one at a time: ${ratio("granted, one at a time", "PING, one at a time (baseline)")}×`);
    console.log(
      `ratio to PING, 100 in flight: granted ${ratio("granted, 100 in flight", "PING, 100 in flight (baseline)")}×, refused ${ratio("refused, 100 in flight", "PING, 100 in flight (baseline)")}×`,
    );
  } finally {
    await dropPrefix(prefix);
    await redis.quit();
  }
}
