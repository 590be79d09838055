import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { ROLE_NAMES } from "../../core/access/roles.js";
import type { Services } from "../../core/services.js";
import { me, professionalList } from "../responses/directory.js";
import { problems, SIGNED_IN } from "../responses/problem.js";
import { secured } from "./schemas.js";

export const professionalRoutes: FastifyPluginAsyncZod<{ services: Services }> = async (app, { services }) => {
  app.get(
    "/me",
    {
      schema: {
        tags: ["professionals"],
        summary: "Who am I signed in as?",
        security: secured,
        response: { 200: me, ...problems(...SIGNED_IN) },
      },
    },
    async (request) => {
      const { id, name, role, schoolId } = request.actor;
      return { id, name, role, roleName: ROLE_NAMES[role], schoolId };
    },
  );

  app.get(
    "/professionals",
    {
      schema: {
        tags: ["professionals"],
        summary: "The Virtual School's directory (VSH only)",
        security: secured,
        response: { 200: professionalList, ...problems(...SIGNED_IN) },
      },
    },
    async (request) => ({ items: await services.professionals.list(request.actor) }),
  );
};
