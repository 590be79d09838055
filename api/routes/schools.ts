import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { createSchoolSchema } from "../../core/schools/school.service.js";
import type { Services } from "../../core/services.js";
import { school, schoolList } from "../responses/directory.js";
import { problems, SIGNED_IN, WITH_BODY } from "../responses/problem.js";
import { idParams, secured } from "./schemas.js";

export const schoolRoutes: FastifyPluginAsyncZod<{ services: Services }> = async (app, { services }) => {
  app.get(
    "/schools",
    {
      schema: {
        tags: ["schools"],
        summary: "Schools, by name or URN",
        querystring: z.object({ q: z.string().trim().max(100).optional() }),
        security: secured,
        response: { 200: schoolList, ...problems(...SIGNED_IN, 400) },
      },
    },
    async (request) => ({ items: await services.schools.list(request.query.q) }),
  );

  app.get(
    "/schools/:id",
    {
      schema: {
        tags: ["schools"],
        summary: "One school",
        params: idParams,
        security: secured,
        response: { 200: school, ...problems(...SIGNED_IN, 400, 404) },
      },
    },
    async (request) => services.schools.get(request.params.id),
  );

  app.post(
    "/schools",
    {
      schema: {
        tags: ["schools"],
        summary: "Add a school (VSH only)",
        body: createSchoolSchema,
        security: secured,
        response: { 201: school, ...problems(...SIGNED_IN, ...WITH_BODY, 409, 422) },
      },
    },
    async (request, reply) => reply.code(201).send(await services.schools.create(request.actor, request.body)),
  );
};
