import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { requireRole } from "../../core/access/roles.js";
import { registersClosedInput } from "../../core/attendance/registers.js";
import { elapsedMs } from "../../core/platform/clock.js";
import type { Services } from "../../core/services.js";
import { withinQueueWait } from "../../jobs/queue-guard.js";
import type { Queues } from "../../jobs/queues.js";
import { alertAnswer, alertList, scanQueued } from "../responses/activity.js";
import { problems, SIGNED_IN, WITH_BODY } from "../responses/problem.js";
import { idParams, secured } from "./schemas.js";

export const alertRoutes: FastifyPluginAsyncZod<{ services: Services; queues: Queues }> = async (
  app,
  { services, queues },
) => {
  app.get(
    "/alerts",
    {
      schema: {
        tags: ["alerts"],
        summary: "Your open alerts, most serious first",
        security: secured,
        response: { 200: alertList, ...problems(...SIGNED_IN) },
      },
    },
    async (request) => ({ items: await services.alerts.openFor(request.actor) }),
  );

  app.post(
    "/alerts/:id/acknowledge",
    {
      schema: {
        tags: ["alerts"],
        summary: "Acknowledge an alert sent to you",
        params: idParams,
        security: secured,
        response: { 200: alertAnswer, ...problems(...SIGNED_IN, 400, 404, 409, 422) },
      },
    },
    async (request) => services.answers.answer(request.actor, request.params.id, { kind: "acknowledge" }),
  );

  app.post(
    "/alerts/scan",
    {
      schema: {
        tags: ["alerts"],
        summary: "Run the alert scan now (VSH only); the deliveries follow on the queue",
        description:
          "`registersClosed`: `true` treats both of today's registers as closed, `false` neither, `{ am, pm }` session by session; left out, each register counts as closed from its closing time in the policy.",
        body: z.object({ registersClosed: registersClosedInput.optional() }).default({}),
        security: secured,
        response: { 202: scanQueued, ...problems(...SIGNED_IN, ...WITH_BODY) },
      },
    },
    async (request, reply) => {
      requireRole(request.actor, "vsh");
      // Nothing waits in the database for a scan asked for now: Redis away is a 503 to try again.
      const job = await withinQueueWait(
        queues.alerts.add("scan", request.body, { jobId: `scan-manual-${elapsedMs()}` }),
        services.config.QUEUE_WAIT_MS,
      );
      return reply.code(202).send({ jobId: job.id, queued: true });
    },
  );
};
