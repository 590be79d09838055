/**
 * Builds the Fastify application (plugins, routes, one error handler) without listening,
 * so tests and benchmarks run exactly the app that `npm start` serves.
 */
import swagger from "@fastify/swagger";
import swaggerUi from "@fastify/swagger-ui";
import type { BotFrameworkAuthentication } from "botframework-connector";
import Fastify, { type FastifyBaseLogger, type FastifyRequest } from "fastify";
import {
  jsonSchemaTransform,
  jsonSchemaTransformObject,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from "fastify-type-provider-zod";
import { createTeamsBot } from "../bot/index.js";
import type { Services } from "../core/services.js";
import type { Queues } from "../jobs/queues.js";
import { authPlugin } from "./plugins/auth.js";
import { registerErrorHandler } from "./plugins/errors.js";
import { queueBoard } from "./plugins/queue-board.js";
import { byConversation, byIp, byTeamsUser, limiter, registerRateLimits } from "./plugins/rate-limits.js";
import { requireResponseSchemas } from "./plugins/response-schemas.js";
import { securityHeaders } from "./plugins/security-headers.js";
import { requestDeadlines, serverTimeouts } from "./plugins/timeouts.js";
import { actionRoutes } from "./routes/actions.js";
import { alertRoutes } from "./routes/alerts.js";
import { auditExportRoutes } from "./routes/audit-export.js";
import { childRoutes } from "./routes/children.js";
import { devSignInEnabled, devTokenRoutes } from "./routes/dev-token.js";
import { healthRoutes } from "./routes/health.js";
import { importRoutes } from "./routes/imports.js";
import { legalRoutes } from "./routes/legal.js";
import { messageRoutes } from "./routes/messages.js";
import { pepRoutes } from "./routes/peps.js";
import { professionalRoutes } from "./routes/professionals.js";
import { recordRoutes } from "./routes/records.js";
import { schoolRoutes } from "./routes/schools.js";
import { statsRoutes } from "./routes/stats.js";
import { API_MOUNTS, hiddenFromDocs, tabRoutes } from "./routes/tab.js";

/** The signed-in professional (set by the auth hook): the token's subject, resolved. */
const perActor = (request: FastifyRequest): string | undefined =>
  request.actor ? String(request.actor.id) : undefined;

export type AppOptions = {
  services: Services;
  /** The process's logger (core/platform/logger.ts), for requests and errors; none: silent. */
  logger?: FastifyBaseLogger;
  /** Bot Framework authentication; by default from MICROSOFT_APP_* settings. */
  botAuthentication?: BotFrameworkAuthentication;
  queues: Queues;
  /** Whether Redis answers now (for /health); by default it is not asked. */
  redisAnswers?: () => Promise<boolean>;
};

export async function buildApp({ services, logger, botAuthentication, queues, redisAnswers }: AppOptions) {
  const config = services.config;
  const app = Fastify({
    ...(logger ? { loggerInstance: logger } : { logger: false }),
    bodyLimit: 1024 * 1024,
    ...serverTimeouts(config),
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  // Before any route: each one must say what it answers, or the app does not build.
  app.addHook("onRoute", requireResponseSchemas);
  registerErrorHandler(app);
  await app.register(requestDeadlines, config);
  await app.register(securityHeaders, { https: config.PUBLIC_URL?.startsWith("https:") ?? false });
  await registerRateLimits(app);

  await app.register(swagger, {
    openapi: {
      info: {
        title: "Virtual School in Teams",
        description: "The education record of the children the authority looks after.",
        version: "0.1.0",
      },
      components: { securitySchemes: { bearerAuth: { type: "http", scheme: "bearer", bearerFormat: "JWT" } } },
    },
    transform: jsonSchemaTransform,
    // Named response schemas (`.meta({ id })`: Problem, ChildStatus…) under components.schemas.
    transformObject: jsonSchemaTransformObject,
  });
  await app.register(swaggerUi, { routePrefix: "/docs" });

  await app.register(healthRoutes, { services, redisAnswers });
  const teamsBot = createTeamsBot(services, app.log, botAuthentication);
  await app.register(async (bot) => {
    bot.addHook("onRequest", limiter(app, config, "bot per address", config.RATE_LIMIT_MESSAGES_PER_IP, byIp));
    // The body names them; the adapter authenticates it afterwards, in the handler.
    const perConversation = config.RATE_LIMIT_MESSAGES_PER_CONVERSATION;
    bot.addHook("preHandler", limiter(app, config, "bot per user", perConversation, byTeamsUser));
    bot.addHook("preHandler", limiter(app, config, "bot per conversation", perConversation, byConversation));
    await bot.register(messageRoutes, { teamsBot });
  });
  await queueBoard(app, { services, queues });
  const devSignIn = devSignInEnabled(services.config);
  await app.register(tabRoutes, { devSignIn });
  // The privacy notice and terms of use the manifest links to.
  await app.register(legalRoutes, { config });
  // Outside the authenticated context below: it is how the tab gets a token in dev mode.
  if (devSignIn) {
    await app.register(async (dev) => {
      dev.addHook("onRequest", limiter(app, config, "sign-in per address", config.RATE_LIMIT_DEV_TOKEN_PER_IP, byIp));
      await dev.register(devTokenRoutes, { services, prefix: "/api" });
    });
  }
  // Per address before sign-in (floods of bad tokens too), per identity after it; one count for both mounts.
  const perAddress = limiter(app, config, "API per address", config.RATE_LIMIT_API_PER_IP, byIp);
  const perPerson = limiter(app, config, "API per person", config.RATE_LIMIT_API_PER_USER, perActor);
  // The same routes twice: /api, and the tab's own /tab/api (not in the OpenAPI document),
  // so the server, not a client's header, says through which a record was read (the audit's channel).
  for (const [prefix, channel] of API_MOUNTS) {
    await app.register(
      async (api) => {
        if (channel === "tab") api.addHook("onRoute", hiddenFromDocs);
        api.addHook("onRequest", perAddress);
        await api.register(authPlugin, { services, channel });
        api.addHook("onRequest", perPerson);
        for (const routes of [
          professionalRoutes,
          schoolRoutes,
          childRoutes,
          actionRoutes,
          statsRoutes,
          pepRoutes,
          recordRoutes,
          auditExportRoutes,
        ]) {
          await api.register(routes, { services });
        }
        await api.register(alertRoutes, { services, queues });
        await api.register(importRoutes, { services });
      },
      { prefix },
    );
  }
  return app;
}
export type App = Awaited<ReturnType<typeof buildApp>>;
