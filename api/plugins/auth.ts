/**
 * Bearer authentication for /api: the token is verified (dev key or Entra JWKS) and
 * mapped to a registered professional, who becomes `request.actor`. A bad token is 401;
 * a good token for someone the Virtual School does not know is 403.
 */
import type { FastifyInstance, FastifyRequest } from "fastify";
import fp from "fastify-plugin";
import type { Actor, Channel } from "../../core/access/roles.js";
import type { Db } from "../../core/platform/db.js";
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

/** The route's `:id`, when it is a whole positive number (a string before validation, a number after). */
function idParam(request: FastifyRequest): number | null {
  const raw = (request.params as { id?: unknown } | undefined)?.id;
  const id = typeof raw === "number" ? raw : typeof raw === "string" && /^\d{1,15}$/.test(raw) ? Number(raw) : null;
  return id !== null && Number.isSafeInteger(id) && id > 0 ? id : null;
}

/** A child's id in the route (`/children/:id…`), when the route names one. */
function childIdOf(request: FastifyRequest): number | null {
  return request.routeOptions.url?.includes("/children/:id") ? idParam(request) : null;
}

type Owner = (db: Db, id: number) => Promise<{ childId: number } | null>;
const select = { childId: true } as const;

/**
 * Routes keyed by another record's id (under /api or /tab/api), and how to find the child
 * that record belongs to. They answer 404 for a child outside the scope as well.
 */
const OWNERS = new Map<string, Owner>([
  ["/peps/:id", (db, id) => db.pep.findUnique({ where: { id }, select })],
  ["/reviews/:id", (db, id) => db.careReview.findUnique({ where: { id }, select })],
  ["/part-time/:id", (db, id) => db.partTimeTimetable.findUnique({ where: { id }, select })],
  ["/enrolments/:id", (db, id) => db.enrolment.findUnique({ where: { id }, select })],
  ["/alerts/:id", (db, id) => db.alert.findUnique({ where: { id }, select })],
]);

function ownerOf(url: string): Owner | undefined {
  const key = /\/[a-z-]+\/:id(?=\/|$)/.exec(url)?.[0];
  return key === undefined ? undefined : OWNERS.get(key);
}

/**
 * A refusal to audit: any 403, and a 404 on a child's route or a record's (out of scope
 * looks the same as missing, on purpose). A refusal on a record (403 or 404) names the
 * child it belongs to, or none when there is no such record. Other 404s (no such route)
 * are not refusals.
 */
async function refusalOf(request: FastifyRequest, status: number, db: Db): Promise<{ childId: number | null } | null> {
  const url = request.routeOptions.url;
  if (!url || (status !== 403 && status !== 404)) return null;
  const childId = childIdOf(request);
  if (childId !== null) return { childId };
  const owner = ownerOf(url);
  if (!owner) return status === 403 ? { childId: null } : null;
  const id = idParam(request);
  const record = id === null ? null : await owner(db, id);
  return { childId: record?.childId ?? null };
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
      try {
        const refusal = await refusalOf(request, reply.statusCode, services.db);
        if (refusal) {
          const actor = request.actor ?? { id: null, role: "unregistered", channel };
          await audit.record(actor, "access", [refusal.childId], { outcome: "refused" });
        }
      } catch (err: unknown) {
        request.log.error({ err }, "could not audit a refusal");
      }
      return payload;
    });
  },
  { name: "auth" },
);
