/**
 * Bearer authentication for /api: the token is verified (dev key or Entra JWKS) and
 * mapped to a registered professional, who becomes `request.actor`. A bad token is 401;
 * a good token for someone the Virtual School does not know is 403.
 */
import type { FastifyInstance, FastifyRequest } from "fastify";
import fp from "fastify-plugin";
import type { Actor, Channel } from "../../core/access/roles.js";
import { DomainError } from "../../core/platform/errors.js";
import type { Services } from "../../core/services.js";

declare module "fastify" {
  interface FastifyRequest {
    actor: Actor;
  }
}

function bearer(request: FastifyRequest): string {
  const header = request.headers.authorization ?? "";
  const [scheme, token] = header.split(" ");
  if (scheme?.toLowerCase() !== "bearer" || !token) {
    throw new DomainError("unauthenticated", "Sign in first: send an Authorization: Bearer <token> header.");
  }
  return token;
}

/** The tab says where it runs so the audit log can tell tab reads from API calls. */
const channelOf = (request: FastifyRequest): Channel => (request.headers["x-client"] === "tab" ? "tab" : "api");

export const authPlugin = fp(
  async (app: FastifyInstance, { services }: { services: Services }) => {
    app.decorateRequest("actor", null as unknown as Actor);
    app.addHook("onRequest", async (request) => {
      const identity = await services.verifyToken(bearer(request));
      request.actor = await services.professionals.resolve(identity, channelOf(request));
    });
  },
  { name: "auth" },
);
