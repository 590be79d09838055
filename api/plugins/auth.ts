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

/** A child's id in the route (`/children/:id…`), when the route names one. */
function childIdOf(request: FastifyRequest): number | null {
  if (!request.routeOptions.url?.includes("/children/:id")) return null;
  const raw = (request.params as { id?: unknown } | undefined)?.id;
  // A string before validation (a refusal at sign-in), a number after it.
  const id = typeof raw === "number" ? raw : typeof raw === "string" && /^\d{1,15}$/.test(raw) ? Number(raw) : null;
  return id !== null && Number.isSafeInteger(id) && id > 0 ? id : null;
}

/**
 * A refusal to audit: any 403, and a 404 on a child's route (out of scope looks the same
 * as missing, on purpose). Other 404s (no such route, no such alert) name no child.
 */
function refusalOf(request: FastifyRequest, status: number): { childId: number | null } | null {
  if (!request.routeOptions.url) return null;
  const childId = childIdOf(request);
  if (status === 403) return { childId };
  if (status === 404 && childId !== null) return { childId };
  return null;
}

/**
 * `channel`: where the routes under this plugin are reached, set by the server when it
 * registers them (`/api` as "api", the tab's `/tab/api` as "tab": api/routes/tab.ts
 * API_MOUNTS). No header a client sends chooses what the audit log records.
 */
export const authPlugin = fp(
  async (app: FastifyInstance, { services, channel }: { services: Services; channel: Channel }) => {
    app.decorateRequest("actor", null as unknown as Actor);
    const { audit } = services;
    app.addHook("onRequest", async (request) => {
      const identity = await services.verifyToken(bearer(request));
      request.actor = await services.professionals.resolve(identity, channel);
    });
    // Refusals are audited before the answer leaves, with who asked (when known) and the outcome.
    app.addHook("onSend", async (request, reply, payload) => {
      const refusal = refusalOf(request, reply.statusCode);
      if (refusal) {
        const actor = request.actor ?? { id: null, role: "unregistered", channel };
        await audit
          .record(actor, "access", [refusal.childId], { outcome: "refused" })
          .catch((err: unknown) => request.log.error({ err }, "could not audit a refusal"));
      }
      return payload;
    });
  },
  { name: "auth" },
);
