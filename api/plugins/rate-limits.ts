/**
 * Rate limits per client address and per identity (@fastify/rate-limit's counters, in
 * this process's memory). Each limit is a hook; beyond it the answer is a 429
 * problem+json with Retry-After. Limits come from settings (RATE_LIMIT_*); 0 is off.
 */
import rateLimit from "@fastify/rate-limit";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { Config } from "../../core/platform/config.js";
import { sendProblem } from "./errors.js";

export type Limiter = (request: FastifyRequest, reply: FastifyReply) => Promise<FastifyReply | undefined>;

/** Registers the counters once, at the root; no route is limited until a hook says so. */
export async function registerRateLimits(app: FastifyInstance): Promise<void> {
  await app.register(rateLimit, { global: false });
}

/**
 * A hook allowing `max` requests per window for each key `keyOf` gives (none: not counted).
 * `name` keeps each limit's keys apart and says in the answer which limit was reached.
 */
export function limiter(
  app: FastifyInstance,
  config: Config,
  name: string,
  max: number,
  keyOf: (request: FastifyRequest) => string | undefined,
): Limiter {
  const check = app.createRateLimit({
    max,
    timeWindow: config.RATE_LIMIT_WINDOW_SECONDS * 1000,
    keyGenerator: (request) => `${name}|${keyOf(request) ?? ""}`,
  });
  return async (request, reply) => {
    if (max === 0 || keyOf(request) === undefined) return;
    const result = await check(request);
    if (result.isAllowed || !result.isExceeded) return;
    reply.header("retry-after", String(Math.max(1, result.ttlInSeconds)));
    return sendProblem(
      reply,
      request,
      429,
      `Too many requests (${name}): at most ${max} every ${config.RATE_LIMIT_WINDOW_SECONDS} seconds. Try again in ${Math.max(1, result.ttlInSeconds)} seconds.`,
    );
  };
}

export const byIp = (request: FastifyRequest): string => request.ip;

/** The Teams user and the conversation an activity names (read before the adapter authenticates it). */
type ActivityIds = { from?: { aadObjectId?: unknown; id?: unknown }; conversation?: { id?: unknown } };
const activity = (request: FastifyRequest): ActivityIds =>
  typeof request.body === "object" && request.body !== null ? (request.body as ActivityIds) : {};
const text = (v: unknown): string | undefined => (typeof v === "string" && v !== "" ? v.slice(0, 200) : undefined);

export const byTeamsUser = (request: FastifyRequest): string | undefined => {
  const from = activity(request).from;
  return text(from?.aadObjectId) ?? text(from?.id);
};
export const byConversation = (request: FastifyRequest): string | undefined => text(activity(request).conversation?.id);
