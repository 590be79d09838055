/**
 * Builds the Fastify application (plugins, routes, one error handler) without listening,
 * so tests and benchmarks run exactly the app that `npm start` serves.
 */
import swagger from "@fastify/swagger";
import swaggerUi from "@fastify/swagger-ui";
import type { BotFrameworkAuthentication } from "botframework-connector";
import Fastify, { type FastifyServerOptions } from "fastify";
import {
  jsonSchemaTransform,
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
import { actionRoutes } from "./routes/actions.js";
import { alertRoutes } from "./routes/alerts.js";
import { childRoutes } from "./routes/children.js";
import { devSignInEnabled, devTokenRoutes } from "./routes/dev-token.js";
import { healthRoutes } from "./routes/health.js";
import { importRoutes } from "./routes/imports.js";
import { messageRoutes } from "./routes/messages.js";
import { pepRoutes } from "./routes/peps.js";
import { professionalRoutes } from "./routes/professionals.js";
import { recordRoutes } from "./routes/records.js";
import { schoolRoutes } from "./routes/schools.js";
import { statsRoutes } from "./routes/stats.js";
import { tabRoutes } from "./routes/tab.js";

export type AppOptions = {
  services: Services;
  logger?: FastifyServerOptions["logger"];
  /** Bot Framework authentication; by default from MICROSOFT_APP_* settings. */
  botAuthentication?: BotFrameworkAuthentication;
  queues: Queues;
};

export { loggerOptions } from "../core/platform/logger.js";

export async function buildApp({ services, logger = false, botAuthentication, queues }: AppOptions) {
  const app = Fastify({
    logger,
    bodyLimit: 1024 * 1024,
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  registerErrorHandler(app);

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
  });
  await app.register(swaggerUi, { routePrefix: "/docs" });

  await app.register(healthRoutes, { services });
  await app.register(messageRoutes, { teamsBot: createTeamsBot(services, app.log, botAuthentication) });
  await queueBoard(app, { services, queues });
  const devSignIn = devSignInEnabled(services.config);
  await app.register(tabRoutes, { devSignIn });
  // Outside the authenticated context below: it is how the tab gets a token in dev mode.
  if (devSignIn) await app.register(devTokenRoutes, { services, prefix: "/api" });
  await app.register(
    async (api) => {
      await api.register(authPlugin, { services });
      for (const routes of [
        professionalRoutes,
        schoolRoutes,
        childRoutes,
        actionRoutes,
        statsRoutes,
        pepRoutes,
        recordRoutes,
      ]) {
        await api.register(routes, { services });
      }
      await api.register(alertRoutes, { services, queues });
      await api.register(importRoutes, { services });
    },
    { prefix: "/api" },
  );
  return app;
}
export type App = Awaited<ReturnType<typeof buildApp>>;
