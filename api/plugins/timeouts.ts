/**
 * Every request has a deadline: its body must arrive and its answer leave within
 * REQUEST_TIMEOUT_SECONDS (imports, which upload and write whole files, within
 * IMPORT_TIMEOUT_SECONDS). A client that is too slow to send gets 408 and its connection
 * closed, so a trickle of bytes cannot hold a connection (or a shutdown) open; a request
 * that is too slow to answer gets 503 rather than a hang.
 *
 * Node's own limits sit behind this: headers within HEADERS_TIMEOUT_MS, a keep-alive
 * socket closed after KEEP_ALIVE_MS idle, and no request of any kind past the slowest deadline.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import fp from "fastify-plugin";
import type { Config } from "../../core/platform/config.js";
import { sendProblem } from "./errors.js";

export const HEADERS_TIMEOUT_MS = 15_000;
/** Keep-alive sockets idle longer than a load balancer's usual 60 s would be cut under it. */
export const KEEP_ALIVE_MS = 65_000;

type Limits = Pick<Config, "REQUEST_TIMEOUT_SECONDS" | "IMPORT_TIMEOUT_SECONDS">;

/** Routes that take whole files: /api/imports/… (and the tab's own prefix for them). */
const isImport = (request: FastifyRequest) => /\/imports(\/|$)/.test(request.routeOptions.url ?? "");

const slowest = (limits: Limits) => Math.max(limits.IMPORT_TIMEOUT_SECONDS, limits.REQUEST_TIMEOUT_SECONDS) * 1_000;

/** Fastify's server options for these limits (the slowest request allowed is usually an import). */
export function serverTimeouts(limits: Limits) {
  return {
    requestTimeout: slowest(limits),
    // Node's socket inactivity timer. An import sends nothing while it writes the file, so
    // this may not be shorter than its deadline (the deadlines above answer sooner).
    connectionTimeout: slowest(limits) + 5_000,
    keepAliveTimeout: KEEP_ALIVE_MS,
  };
}

function expire(request: FastifyRequest, reply: FastifyReply, seconds: number): void {
  if (reply.sent) return;
  if (!request.raw.complete) {
    // Still sending its body: answer, and close the connection rather than read on.
    request.log.warn({ seconds }, "request body too slow: 408");
    reply.header("connection", "close");
    reply.raw.once("finish", () => request.raw.socket?.destroySoon());
    void sendProblem(reply, request, 408, `The request took longer than ${seconds} seconds to arrive.`);
    return;
  }
  request.log.warn({ seconds }, "request too slow: 503");
  reply.header("retry-after", "5");
  void sendProblem(
    reply,
    request,
    503,
    `No answer within ${seconds} seconds. If it made a change, the change may still complete: look before sending it again.`,
  );
}

export const requestDeadlines = fp(
  async (app: FastifyInstance, limits: Limits) => {
    app.server.headersTimeout = HEADERS_TIMEOUT_MS;
    const timers = new WeakMap<FastifyRequest, NodeJS.Timeout>();
    app.addHook("onRequest", async (request, reply) => {
      const seconds = isImport(request) ? limits.IMPORT_TIMEOUT_SECONDS : limits.REQUEST_TIMEOUT_SECONDS;
      const timer = setTimeout(() => expire(request, reply, seconds), seconds * 1_000);
      timer.unref();
      timers.set(request, timer);
    });
    const clear = async (request: FastifyRequest) => clearTimeout(timers.get(request));
    app.addHook("onResponse", clear);
    app.addHook("onRequestAbort", clear);
  },
  { name: "request-deadlines" },
);
