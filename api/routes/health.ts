import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import type { Services } from "../../core/services.js";

/** Liveness and database reachability, for load balancers and `npm start` users. */
export const healthRoutes: FastifyPluginAsyncZod<{ services: Services }> = async (app, { services }) => {
  app.get(
    "/health",
    {
      schema: {
        tags: ["health"],
        summary: "Is the service up and can it reach its database?",
        response: { 200: z.object({ status: z.literal("ok"), database: z.literal("ok"), today: z.string() }) },
      },
    },
    async () => {
      await services.db.$queryRawUnsafe("SELECT 1");
      return { status: "ok" as const, database: "ok" as const, today: services.clock.today() };
    },
  );
};
