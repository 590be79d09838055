/**
 * POST /api/messages: the Bot Framework endpoint Teams calls. Authentication here is
 * the Bot Framework's own (a JWT from the channel, checked by CloudAdapter), not ours.
 */
import type { FastifyPluginAsync } from "fastify";
import { expressLikeRequest, expressLikeResponse, type TeamsBot } from "../../bot/index.js";

export const messageRoutes: FastifyPluginAsync<{ teamsBot: TeamsBot }> = async (app, { teamsBot }) => {
  app.post("/api/messages", { schema: { hide: true } }, async (request, reply) => {
    await teamsBot.adapter.process(expressLikeRequest(request), expressLikeResponse(reply), (context) =>
      teamsBot.bot.run(context),
    );
    return reply;
  });
};
