import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import type { Services } from "../../core/services.js";

export const recordRoutes: FastifyPluginAsyncZod<{ services: Services }> = async (_app, { services: _services }) => {};
