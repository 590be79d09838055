import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import type { Services } from "../../core/services.js";
import { problems, SIGNED_IN } from "../responses/problem.js";
import { stats } from "../responses/reports.js";
import { secured } from "./schemas.js";

export const statsRoutes: FastifyPluginAsyncZod<{ services: Services }> = async (app, { services }) => {
  app.get(
    "/stats",
    {
      schema: {
        tags: ["stats"],
        summary:
          "The Virtual School as if a single school: PEPs in date, attendance, absence, exclusions, Pupil Premium Plus (the VSH; an education adviser for their children)",
        security: secured,
        response: { 200: stats, ...problems(...SIGNED_IN) },
      },
    },
    async (request) => {
      const summary = await services.stats.summary(request.actor);
      const { asOf: _asOf, ...pupilPremiumPlus } = await services.peps.ppPlusTotals(request.actor);
      return { ...summary, pupilPremiumPlus };
    },
  );
};
