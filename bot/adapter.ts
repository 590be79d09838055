/**
 * botbuilder behind Fastify: the CloudAdapter, its Bot Framework authentication (on
 * when MICROSOFT_APP_ID is set; off only in local dev, AUTH_MODE=dev with no PUBLIC_URL),
 * and the small Express-like response CloudAdapter.process expects, mapped onto Fastify's reply.
 */
import { CloudAdapter, ConfigurationBotFrameworkAuthentication, type TurnContext } from "botbuilder";
import type { BotFrameworkAuthentication } from "botframework-connector";
import type { FastifyBaseLogger, FastifyReply, FastifyRequest } from "fastify";
import { type Config, isLocalDev } from "../core/platform/config.js";
import { DatabaseBusy } from "../core/platform/db.js";

/**
 * No Bot Framework authentication: any activity gets a turn. For a local machine only
 * (Agents Playground); settings refuse it anywhere else (config.ts), and this refuses too.
 */
export function unauthenticatedBot(): BotFrameworkAuthentication {
  return new ConfigurationBotFrameworkAuthentication({ MicrosoftAppId: "", MicrosoftAppType: "MultiTenant" });
}

export function botAuthenticationFor(config: Config): BotFrameworkAuthentication {
  if (!config.MICROSOFT_APP_ID) {
    if (!isLocalDev(config)) throw new Error("bot authentication is required: set MICROSOFT_APP_ID");
    return unauthenticatedBot();
  }
  return new ConfigurationBotFrameworkAuthentication({
    MicrosoftAppId: config.MICROSOFT_APP_ID,
    MicrosoftAppPassword: config.MICROSOFT_APP_PASSWORD ?? "",
    MicrosoftAppTenantId: config.MICROSOFT_APP_TENANT_ID ?? "",
    MicrosoftAppType: config.MICROSOFT_APP_TENANT_ID ? "SingleTenant" : "MultiTenant",
  });
}

export function createAdapter(auth: BotFrameworkAuthentication, log: FastifyBaseLogger): CloudAdapter {
  const adapter = new CloudAdapter(auth);
  adapter.onTurnError = async (context: TurnContext, error: Error) => {
    // Ids only: the activity text may name a child.
    log.error(
      { err: error, activityType: context.activity.type, conversation: context.activity.conversation?.id },
      "bot turn failed",
    );
    if (context.activity.type === "message") {
      await context.sendActivity(
        error instanceof DatabaseBusy
          ? "The records are busy being updated just now (a large import, say). Please try again in a minute."
          : "Sorry, something went wrong on our side. Please try again in a moment.",
      );
    }
  };
  return adapter;
}

/**
 * The response shape CloudAdapter.process writes to: status(), then send(body) when
 * there is one, then end(). `mapStatus` may correct the status before it is sent.
 */
export function expressLikeResponse(reply: FastifyReply, mapStatus: (status: number) => number = (s) => s) {
  let status = 200;
  return {
    socket: reply.raw.socket,
    status(code: number) {
      status = mapStatus(code);
      return this;
    },
    header(name: string, value: unknown) {
      reply.header(name, value);
      return this;
    },
    send(body?: unknown) {
      reply.code(status).send(body ?? "");
      return this;
    },
    end() {
      if (!reply.sent) reply.code(status).send();
      return this;
    },
  };
}

/** The request shape CloudAdapter.process reads (body, headers, method). */
export const expressLikeRequest = (request: FastifyRequest) => ({
  body: request.body as Record<string, unknown>,
  headers: request.headers,
  method: request.method,
});
