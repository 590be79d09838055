/**
 * POST /api/messages: the Bot Framework endpoint Teams calls. Authentication here is
 * the Bot Framework's own (a JWT from the channel, checked by CloudAdapter), not ours.
 */
import type { FastifyPluginAsync } from "fastify";
import { expressLikeRequest, expressLikeResponse, type TeamsBot } from "../../bot/index.js";

export const messageRoutes: FastifyPluginAsync<{ teamsBot: TeamsBot }> = async (app, { teamsBot }) => {
  app.post("/api/messages", { schema: { hide: true } }, async (request, reply) => {
    let turnStarted = false;
    // CloudAdapter answers 401 for most bad tokens but 500 for some (a forged signature
    // under a published key id): a failure before the turn starts is always the caller's.
    const response = expressLikeResponse(reply, (status) => (status >= 500 && !turnStarted ? 401 : status));
    await teamsBot.adapter.process(expressLikeRequest(request), response, async (context) => {
      turnStarted = true;
      await teamsBot.bot.run(context);
    });
    return reply;
  });
};
