/** Assembles the Teams bot: adapter, state in the database, references, the bot itself. */
import { ConversationState } from "botbuilder";
import type { BotFrameworkAuthentication } from "botframework-connector";
import type { FastifyBaseLogger } from "fastify";
import { tabLinksFor } from "../cards/views/tab-links.js";
import type { Services } from "../core/services.js";
import { botAuthenticationFor, createAdapter } from "./adapter.js";
import { VirtualSchoolBot } from "./bot.js";
import { createReferenceRepo } from "./references.repo.js";
import { DatabaseStorage } from "./storage.js";

export { expressLikeRequest, expressLikeResponse } from "./adapter.js";

export function createTeamsBot(services: Services, log: FastifyBaseLogger, auth?: BotFrameworkAuthentication) {
  const conversationState = new ConversationState(new DatabaseStorage(services.db));
  // A failed message turn forgets the conversation's open dialog: the next message starts afresh.
  const adapter = createAdapter(auth ?? botAuthenticationFor(services.config), log, (context) =>
    conversationState.delete(context),
  );
  const bot = new VirtualSchoolBot({
    services,
    conversationState,
    references: createReferenceRepo(services.db),
    links: tabLinksFor(services.config.PUBLIC_URL, services.config.TEAMS_APP_ID),
  });
  return { adapter, bot };
}
export type TeamsBot = ReturnType<typeof createTeamsBot>;
