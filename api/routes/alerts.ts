import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { requireRole } from "../../core/access/roles.js";
import type { Services } from "../../core/services.js";
import type { Queues } from "../../jobs/queues.js";
import { idParams, secured } from "./schemas.js";

export const alertRoutes: FastifyPluginAsyncZod<{ services: Services; queues: Queues }> = async (
  app,
  { services, queues },
) => {
  app.get(
    "/alerts",
    { schema: { tags: ["alerts"], summary: "Your open alerts, most serious first", security: secured } },
    async (request) => ({ items: await services.alerts.openFor(request.actor) }),
  );

  app.post(
    "/alerts/:id/acknowledge",
    { schema: { tags: ["alerts"], summary: "Acknowledge an alert sent to you", params: idParams, security: secured } },
    async (request) => services.answers.answer(request.actor, request.params.id, { kind: "acknowledge" }),
  );

  app.post(
    "/alerts/scan",
    {
      schema: {
        tags: ["alerts"],
        summary: "Run the alert scan now (VSH only); the deliveries follow on the queue",
        body: z.object({ registersClosed: z.boolean().optional() }).default({}),
        security: secured,
      },
    },
    async (request, reply) => {
      requireRole(request.actor, "vsh");
      const job = await queues.alerts.add("scan", request.body, { jobId: `scan-manual-${Date.now()}` });
      return reply.code(202).send({ jobId: job.id, queued: true });
    },
  );
};
