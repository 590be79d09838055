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

/**
 * What a failed turn logs: the error's kind, message and stack, and its cause's. Not the
 * error itself: a dialog's error carries the dialog's state (a draft note, a child's name)
 * and a connector error its request, and a logger would write every field of them.
 */
export function turnFailure(error: Error) {
  const inner = (error as Error & { error?: unknown }).error;
  const cause =
    inner instanceof Error
      ? {
          type: inner.name,
          message: inner.message,
          statusCode: (inner as Error & { statusCode?: number }).statusCode,
          code: (inner as Error & { code?: string }).code,
        }
      : undefined;
  return { type: error.name, message: error.message, stack: error.stack, ...(cause ? { cause } : {}) };
}

/**
 * `forget`: drops the conversation's saved state (an open dialog) after a failed message
 * turn, so that one failure does not fail every later message the same way.
 */
export function createAdapter(
  auth: BotFrameworkAuthentication,
  log: FastifyBaseLogger,
  forget?: (context: TurnContext) => Promise<void>,
): CloudAdapter {
  const adapter = new CloudAdapter(auth);
  adapter.onTurnError = async (context: TurnContext, error: Error) => {
    // Ids only: the activity text may name a child.
    log.error(
      { err: turnFailure(error), activityType: context.activity.type, conversation: context.activity.conversation?.id },
      "bot turn failed",
    );
    if (context.activity.type === "message") {
      if (forget)
        await forget(context).catch((e: unknown) =>
          log.error({ err: turnFailure(e as Error) }, "could not reset the conversation"),
        );
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
