/**
 * A slow network in front of the Bot Connector stub: a share of sends is passed on to the
 * stub (so it reaches "Teams" and is counted there) but the answer is held back past the
 * sender's timeout, as when Teams takes a message and the reply is lost or late. The
 * sender sees a Timeout and cannot know the card arrived.
 */
import { createServer, type IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";

export type SlowConnector = {
  /** The serviceUrl to put in conversation references. */
  url: string;
  /** Sends held back on purpose after the stub took them. */
  held(): number;
  /**
   * Sends the stub took whose sender had given up before the answer came back (held on
   * purpose, or merely slow): each is a card the sender cannot know arrived.
   */
  late(): number;
  close(): Promise<void>;
};

async function body(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** Park–Miller, seeded, so a run holds the same sends each time. */
function seeded(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 48271) % 2147483647;
    return (state - 1) / 2147483646;
  };
}

export async function startSlowConnector(opts: {
  stubUrl: string;
  /** Share (0..1) of new messages whose answer is held. */
  ratio: number;
  holdMs: number;
  seed?: number;
}): Promise<SlowConnector> {
  const draw = seeded(opts.seed ?? 7);
  let held = 0;
  let late = 0;
  const server = createServer((req, res) => {
    let gone = false;
    res.on("close", () => {
      gone = !res.writableFinished;
    });
    void (async () => {
      const payload = await body(req);
      const upstream = await fetch(new URL(req.url ?? "/", opts.stubUrl), {
        method: req.method ?? "GET",
        headers: { "content-type": req.headers["content-type"] ?? "application/json" },
        ...(payload.length > 0 ? { body: payload } : {}),
      });
      const text = await upstream.text();
      const isSend = req.method === "POST" && /\/activities$/.test((req.url ?? "").split("?")[0] ?? "");
      // Only what the stub accepted is held: a refusal reached no one.
      if (isSend && upstream.ok && draw() < opts.ratio) {
        held += 1;
        await new Promise((r) => setTimeout(r, opts.holdMs));
      }
      const headers: Record<string, string> = { "content-type": "application/json" };
      const retryAfter = upstream.headers.get("retry-after");
      if (retryAfter) headers["retry-after"] = retryAfter;
      if (isSend && upstream.ok && (gone || res.destroyed)) late += 1;
      if (!res.destroyed) res.writeHead(upstream.status, headers).end(text);
    })().catch(() => res.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    held: () => held,
    late: () => late,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
