/**
 * Security headers on every answer: API, bot endpoint, docs, queue board, 404s and errors.
 * Helmet sets the common ones on every request; an onSend hook at the root sets those
 * that differ by path. The tab keeps its own strict policy, which lets Teams frame it,
 * so it gets no X-Frame-Options or opener policy (Teams' sign-in pop-ups talk to their opener).
 */
import helmet from "@fastify/helmet";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import fp from "fastify-plugin";
import { LEGAL_PAGES } from "../routes/legal.js";
import { TAB_CSP } from "../routes/tab.js";

/** Nothing loads, nothing frames: JSON and problem+json answers. */
export const API_CSP = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

/** Swagger UI and bull-board: their own scripts only; both put styles inline. */
const UI_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join("; ");

const under = (path: string, prefix: string) => path === prefix || path.startsWith(`${prefix}/`);

/** The tab, and the privacy and terms pages Teams links to beside it: the tab's policy. */
const tabLike = (path: string) => under(path, "/tab") || Object.hasOwn(LEGAL_PAGES, path);

function policyFor(path: string): string {
  if (tabLike(path)) return TAB_CSP;
  return under(path, "/docs") || under(path, "/admin/queues") ? UI_CSP : API_CSP;
}

export const securityHeaders = fp(
  async (app: FastifyInstance, { https }: { https: boolean }) => {
    await app.register(helmet, {
      // By path, below.
      contentSecurityPolicy: false,
      frameguard: false,
      crossOriginOpenerPolicy: false,
      referrerPolicy: { policy: "no-referrer" },
      hsts: https ? { maxAge: 31_536_000, includeSubDomains: true } : false,
    });
    app.addHook("onSend", async (request: FastifyRequest, reply: FastifyReply, payload) => {
      const path = request.url.split("?")[0] ?? request.url;
      const tab = tabLike(path);
      reply.header("permissions-policy", "camera=(), microphone=(), geolocation=(), payment=(), usb=()");
      // The tab's own hook sets the same policy on its routes; this covers its 404s too.
      reply.header("content-security-policy", policyFor(path));
      if (!tab) {
        reply.header("x-frame-options", "DENY");
        reply.header("cross-origin-opener-policy", "same-origin");
      }
      // Answers about children are not for caches, shared or private.
      if (under(path, "/api") && !reply.hasHeader("cache-control")) reply.header("cache-control", "no-store");
      return payload;
    });
  },
  { name: "security-headers" },
);
