import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { withinMs } from "../../core/platform/deadline.js";
import type { Services } from "../../core/services.js";
import { problems } from "../responses/problem.js";

/** How long /health waits for each part before calling it unavailable. */
const PROBE_MS = 1_000;

type Part = "ok" | "unavailable";

async function probe(check: () => Promise<unknown>): Promise<Part> {
  try {
    return await withinMs(
      check().then(() => "ok" as const),
      PROBE_MS,
      () => "unavailable" as const,
    );
  } catch {
    return "unavailable";
  }
}

const health = z.object({
  /** ok: both answer; degraded: the database answers, Redis does not (alerts wait, nothing is lost); down: no database. */
  status: z.enum(["ok", "degraded", "down"]),
  database: z.enum(["ok", "unavailable"]),
  /** Redis, where alert jobs queue; "not checked" where this process was given no way to ask. */
  redis: z.enum(["ok", "unavailable", "not checked"]),
  today: z.string(),
});

/**
 * Liveness, and each part reported separately, for load balancers and operators. 200 while
 * the database answers (the API works; with Redis away, alerts wait in the database, the
 * outbox, and go when it is back); 503 when the database does not.
 */
export const healthRoutes: FastifyPluginAsyncZod<{
  services: Services;
  redisAnswers?: () => Promise<boolean>;
}> = async (app, { services, redisAnswers }) => {
  app.get(
    "/health",
    {
      schema: {
        tags: ["health"],
        summary: "Is the service up, and do its database and Redis answer?",
        response: { 200: health, 503: health, ...problems(500) },
      },
    },
    async (_request, reply) => {
      const [database, redis] = await Promise.all([
        probe(() => services.db.$queryRawUnsafe("SELECT 1")),
        redisAnswers
          ? probe(async () => {
              if (!(await redisAnswers())) throw new Error("Redis did not answer");
            })
          : Promise.resolve("not checked" as const),
      ]);
      const status = database !== "ok" ? "down" : redis === "unavailable" ? "degraded" : "ok";
      return reply.code(database === "ok" ? 200 : 503).send({ status, database, redis, today: services.clock.today() });
    },
  );
};
