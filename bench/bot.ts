/**
 * `npm run bench -- bot`: p95 of a `status` turn end to end (activity posted to
 * /api/messages → the reply arriving at a Bot Connector stub), against a bare echo bot
 * on the same CloudAdapter in the same run. Goal: p95 ≤ 30 ms and ≤ 2× the echo bot.
 */
import { randomUUID } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import http from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { migrate } from "../core/platform/migrate.js";
import { BENCH_VSH_AAD, writeBenchAuthority } from "./data.js";
import { fmt, startServer } from "./load.js";

/** Receives the bots' replies and resolves whoever waits for a given replyToId. */
async function startReceiver() {
  const waiting = new Map<string, () => void>();
  const server = http.createServer((req, res) => {
    const replyTo = decodeURIComponent(req.url?.split("/activities/")[1] ?? "");
    req.resume().on("end", () => {
      res.setHeader("content-type", "application/json").end(JSON.stringify({ id: randomUUID() }));
      waiting.get(replyTo)?.();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(server.address() as { port: number }).port}/`;
  return {
    url,
    replyTo: (id: string) => new Promise<void>((resolve) => waiting.set(id, resolve)),
    close: () => new Promise((resolve) => server.close(resolve)),
  };
}

const quantile = (sorted: number[], q: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;

async function turns(
  port: number,
  serviceUrl: string,
  receiver: Awaited<ReturnType<typeof startReceiver>>,
  count: number,
  text: () => string,
) {
  const times: number[] = [];
  for (let i = 0; i < count; i++) {
    const id = randomUUID();
    const activity = {
      type: "message",
      id,
      channelId: "msteams",
      serviceUrl,
      text: text(),
      from: { id: "29:bench", aadObjectId: BENCH_VSH_AAD },
      recipient: { id: "28:bot" },
      conversation: { id: "a:bench", conversationType: "personal" },
    };
    const started = performance.now();
    const arrived = receiver.replyTo(id);
    const res = await fetch(`http://127.0.0.1:${port}/api/messages`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(activity),
    });
    await arrived;
    times.push(performance.now() - started);
    if (res.status !== 200) throw new Error(`turn answered ${res.status}`);
  }
  return times.sort((a, b) => a - b);
}

export async function benchBot({ quick }: { quick: boolean }) {
  const children = quick ? 1_000 : 10_000;
  const count = quick ? 200 : 1_000;
  const dir = mkdtempSync(join(tmpdir(), "vs-bench-bot-"));
  const url = `file:${join(dir, "bench.db")}`;
  try {
    migrate(url);
    writeBenchAuthority(url, { children, today: "2026-11-23" });
    const receiver = await startReceiver();
    const server = await startServer({
      DATABASE_URL: url,
      CLOCK_TODAY: "2026-11-23",
      NODE_ENV: "test",
      LOG_LEVEL: "silent",
      DEV_AUTH_SECRET: "bench-secret-bench-secret-bench-secret",
    });
    try {
      // Children numbered so that no other name contains theirs: one match, a status card.
      const low = Math.floor(children / 10) + 1;
      const pick = () => low + Math.floor(Math.random() * (children - low));
      const statusText = () => {
        const i = pick();
        return `status Child${i} Bench${i}`;
      };
      await turns(server.app, receiver.url, receiver, 20, statusText); // warm up
      await turns(server.bare, receiver.url, receiver, 20, () => "hello");
      const echo = await turns(server.bare, receiver.url, receiver, count, () => "hello");
      const status = await turns(server.app, receiver.url, receiver, count, statusText);
      const line = (name: string, t: number[]) =>
        `${name}: p50 ${fmt(quantile(t, 0.5), 1)} ms  p95 ${fmt(quantile(t, 0.95), 1)} ms  p99 ${fmt(quantile(t, 0.99), 1)} ms  (${fmt(t.length)} turns)`;
      console.log(`children: ${fmt(children)}`);
      console.log(line("echo bot   ", echo));
      console.log(line("status turn", status));
      console.log(
        `ratio status/echo at p95: ${fmt(quantile(status, 0.95) / quantile(echo, 0.95), 2)}×  (goal p95 ≤ 30 ms, ≤ 2×)`,
      );
    } finally {
      server.stop();
      await receiver.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
