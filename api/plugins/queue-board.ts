/**
 * bull-board at /admin/queues: the VSH may act on jobs (retry, clean, pause); other
 * Virtual School staff may only look. A browser cannot send a bearer header, so the
 * sign-in page at /admin/queues/login posts a token once (never in the address, where
 * logs and history keep it) and gets a short-lived session cookie: HttpOnly,
 * SameSite=Strict, Secure behind https. Every board request checks the session and the
 * person behind it again (still registered, still in that role).
 */
import { randomBytes } from "node:crypto";
import { createBullBoard } from "@bull-board/api";
import { BullMQAdapter } from "@bull-board/api/bullMQAdapter";
import { FastifyAdapter } from "@bull-board/fastify";
import type { FastifyInstance, FastifyRequest } from "fastify";
import type { Actor } from "../../core/access/roles.js";
import { isVirtualSchool } from "../../core/access/roles.js";
import type { Identity } from "../../core/access/tokens.js";
import { elapsedMs } from "../../core/platform/clock.js";
import { DomainError } from "../../core/platform/errors.js";
import type { Services } from "../../core/services.js";
import type { Queues } from "../../jobs/queues.js";
import { sendProblem } from "./errors.js";

const BASE = "/admin/queues";
const COOKIE = "vs_board";
export const BOARD_SESSION_MINUTES = 30;

const LOGIN_PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Queue board: sign in</title></head>
<body><main><h1>Queue board</h1>
<form method="post" action="${BASE}/login">
<label for="token">Your bearer token (from <code>npm run token</code> or the tab)</label>
<input id="token" name="token" type="password" autocomplete="off" required>
<button type="submit">Sign in</button>
</form></main></body></html>
`;

function cookie(request: FastifyRequest): string | undefined {
  const pair = (request.headers.cookie ?? "").split(/;\s*/).find((c) => c.startsWith(`${COOKIE}=`));
  return pair ? decodeURIComponent(pair.slice(COOKIE.length + 1)) : undefined;
}

/** Sessions live in this process only: a restart or another process means signing in again. */
type Session = { identity: Identity; expiresAt: number };

export async function queueBoard(app: FastifyInstance, { services, queues }: { services: Services; queues: Queues }) {
  const sessions = new Map<string, Session>();
  const secure = services.config.PUBLIC_URL?.startsWith("https:") ?? false;

  async function staffFrom(identity: Identity): Promise<Actor> {
    const actor = await services.professionals.resolve(identity, "api");
    if (!isVirtualSchool(actor)) throw new DomainError("forbidden", "The queue board is for the Virtual School.");
    return actor;
  }

  function sessionOf(request: FastifyRequest): Session {
    const id = cookie(request);
    const session = id ? sessions.get(id) : undefined;
    if (!id || !session || session.expiresAt <= elapsedMs()) {
      if (id) sessions.delete(id);
      throw new DomainError("unauthenticated", `Sign in first at ${BASE}/login.`);
    }
    return session;
  }

  await app.register(async (login) => {
    login.addContentTypeParser("application/x-www-form-urlencoded", { parseAs: "string" }, (_request, body, done) =>
      done(null, Object.fromEntries(new URLSearchParams(String(body)))),
    );
    // Any token in the query is ignored: the form posts it.
    login.get(`${BASE}/login`, { schema: { hide: true } }, async (_request, reply) =>
      reply.type("text/html; charset=utf-8").header("cache-control", "no-store").send(LOGIN_PAGE),
    );
    login.post(`${BASE}/login`, { schema: { hide: true } }, async (request, reply) => {
      const token = (request.body as { token?: unknown } | undefined)?.token;
      if (typeof token !== "string" || token === "") {
        throw new DomainError("unauthenticated", `Sign in first: post your token to ${BASE}/login.`);
      }
      const identity = await services.verifyToken(token);
      await staffFrom(identity);
      for (const [id, s] of sessions) if (s.expiresAt <= elapsedMs()) sessions.delete(id);
      const id = randomBytes(32).toString("base64url");
      sessions.set(id, { identity, expiresAt: elapsedMs() + BOARD_SESSION_MINUTES * 60_000 });
      const attributes = `HttpOnly; SameSite=Strict; Path=${BASE}; Max-Age=${BOARD_SESSION_MINUTES * 60}`;
      reply.header("set-cookie", `${COOKIE}=${id}; ${attributes}${secure ? "; Secure" : ""}`);
      return reply.redirect(BASE, 303);
    });
  });

  const adapter = new FastifyAdapter();
  createBullBoard({
    queues: [new BullMQAdapter(queues.alerts), new BullMQAdapter(queues.deliveries)],
    serverAdapter: adapter,
  });
  adapter.setBasePath(BASE);
  await app.register(async (board) => {
    board.addHook("onRequest", async (request, reply) => {
      try {
        const actor = await staffFrom(sessionOf(request).identity);
        if (actor.role !== "vsh" && request.method !== "GET" && request.method !== "HEAD") {
          throw new DomainError("forbidden", "Only the Virtual School Head can change jobs; the board is read-only.");
        }
      } catch (err) {
        // bull-board sets its own error handler inside its plugin: answer here, as ours would.
        if (!(err instanceof DomainError)) throw err;
        return sendProblem(reply, request, err.code === "forbidden" ? 403 : 401, err.message);
      }
    });
    await board.register(adapter.registerPlugin(), { prefix: BASE });
  });
}
