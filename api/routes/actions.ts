import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { logActionSchema } from "../../core/actions/action-log.service.js";
import type { Services } from "../../core/services.js";
import { action, actionList } from "../responses/activity.js";
import { problems, SIGNED_IN, WITH_BODY } from "../responses/problem.js";
import { idParams, secured } from "./schemas.js";

export const actionRoutes: FastifyPluginAsyncZod<{ services: Services }> = async (app, { services }) => {
  app.get(
    "/children/:id/actions",
    {
      schema: {
        tags: ["actions"],
        summary: "Actions logged for a child, newest first",
        params: idParams,
        querystring: z.object({ limit: z.coerce.number().int().min(1).max(200).default(50) }),
        security: secured,
        response: { 200: actionList, ...problems(...SIGNED_IN, 400, 404) },
      },
    },
    async (request) => ({
      items: await services.actions.list(request.actor, request.params.id, request.query.limit),
    }),
  );

  app.post(
    "/children/:id/actions",
    {
      schema: {
        tags: ["actions"],
        summary: "Log an action for a child (category guessed from the text when omitted)",
        params: idParams,
        body: logActionSchema,
        security: secured,
        response: { 201: action, ...problems(...SIGNED_IN, ...WITH_BODY, 404, 422) },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await services.actions.log(request.actor, request.params.id, request.body)),
  );
};
