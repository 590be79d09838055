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
import { auditedReads, BENCH_VSH_AAD, describeAuthority, writeBenchAuthority } from "./data.js";
import { benchDatabase, benchEngine } from "./import-db.js";
import { fmt, startServer } from "./load.js";

type Reply = { text?: string; attachments?: { content?: { fallbackText?: string } }[] };

/** Receives the bots' replies and hands each to whoever waits for its replyToId. */
async function startReceiver() {
  const waiting = new Map<string, (reply: Reply) => void>();
  const server = http.createServer((req, res) => {
    const replyTo = decodeURIComponent(req.url?.split("/activities/")[1] ?? "");
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      res.setHeader("content-type", "application/json").end(JSON.stringify({ id: randomUUID() }));
      waiting.get(replyTo)?.(JSON.parse(Buffer.concat(chunks).toString("utf8") || "{}") as Reply);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(server.address() as { port: number }).port}/`;
  return {
    url,
    replyTo: (id: string) => new Promise<Reply>((resolve) => waiting.set(id, resolve)),
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
  /** Whether the reply is the answer the turn stands for (a turn that answered something else is not timed). */
  answered: (reply: Reply, text: string) => boolean,
) {
  const times: number[] = [];
  for (let i = 0; i < count; i++) {
    const id = randomUUID();
    const asked = text();
    const activity = {
      type: "message",
      id,
      channelId: "msteams",
      serviceUrl,
      text: asked,
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
    const reply = await arrived;
    times.push(performance.now() - started);
    if (res.status !== 200) throw new Error(`turn answered ${res.status}`);
    if (!answered(reply, asked)) throw new Error(`"${asked}" was answered with ${JSON.stringify(reply).slice(0, 300)}`);
  }
  return times.sort((a, b) => a - b);
}

export async function benchBot({ quick }: { quick: boolean }) {
  const children = quick ? 1_000 : 10_000;
  const count = quick ? 200 : 1_000;
  const dir = mkdtempSync(join(tmpdir(), "vs-bench-bot-"));
  const engine = benchEngine(process.argv.slice(2));
  const database = await benchDatabase(engine, dir, "bot");
  const { url } = database;
  try {
    console.log(`engine: ${engine}`);
    const started = performance.now();
    const data = await writeBenchAuthority(url, { children, today: "2026-11-23" });
    const dataMs = performance.now() - started;
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
      // Only the status card of the child asked about counts: not a choice, a refusal or an error.
      const statusCard = (reply: Reply, asked: string) =>
        reply.attachments?.[0]?.content?.fallbackText?.startsWith(`Education status for ${asked.split(" ")[1]} `) ===
        true;
      const echoed = (reply: Reply, asked: string) => reply.text === asked;
      await turns(server.app, receiver.url, receiver, 20, statusText, statusCard); // warm up
      await turns(server.bare, receiver.url, receiver, 20, () => "hello", echoed);
      const echo = await turns(server.bare, receiver.url, receiver, count, () => "hello", echoed);
      const before = await auditedReads(url, "read_status");
      const status = await turns(server.app, receiver.url, receiver, count, statusText, statusCard);
      const audited = (await auditedReads(url, "read_status")) - before;
      if (audited !== status.length) throw new Error(`${status.length} status cards but ${audited} audit rows`);
      const line = (name: string, t: number[]) =>
        `${name}: p50 ${fmt(quantile(t, 0.5), 1)} ms  p95 ${fmt(quantile(t, 0.95), 1)} ms  p99 ${fmt(quantile(t, 0.99), 1)} ms  (${fmt(t.length)} turns)`;
      console.log(describeAuthority(data, dataMs));
      console.log(`status cards received, one per turn: ${fmt(status.length)}; audit rows: ${fmt(audited)}`);
      console.log(line("echo bot   ", echo));
      console.log(line("status turn", status));
      console.log(
        `ratio status/echo at p95: ${fmt(quantile(status, 0.95) / quantile(echo, 0.95), 2)}×  (goal p95 ≤ 30 ms, ≤ 2×)`,
      );
    } finally {
      await server.stop();
      await receiver.close();
    }
  } finally {
    await database.drop();
    rmSync(dir, { recursive: true, force: true });
  }
}
