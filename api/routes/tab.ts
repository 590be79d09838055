/**
 * The Teams personal tab: one HTML page and its plain ES-module scripts and stylesheet
 * from `tab/` (no build step), plus TeamsJS straight from node_modules. Teams shows the
 * tab in an iframe, so the policy lets Teams (and nothing else) frame it and lets no
 * inline script run. The page reads data only from /tab/api (the API's routes, mounted
 * again for the tab: see API_MOUNTS), with a bearer token.
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { basename, dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import fastifyStatic from "@fastify/static";
import type { FastifyPluginAsync, RouteOptions } from "fastify";
import type { Channel } from "../../core/access/roles.js";

const TAB_DIR = resolve(dirname(fileURLToPath(import.meta.url)), "../../tab");
/** The package's `main` is its minified UMD bundle, which defines `window.microsoftTeams`. */
const TEAMS_JS = createRequire(import.meta.url).resolve("@microsoft/teams-js");

/** Where Teams runs the tab: the Teams web and desktop clients, and Microsoft 365 / Outlook. */
const TEAMS_HOSTS = ["teams.microsoft.com", "*.teams.microsoft.com", "*.cloud.microsoft", "*.office.com"];

export const TAB_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  // TeamsJS checks a host it does not know against Microsoft's published list of hosts.
  "connect-src 'self' https://res.cdn.office.net",
  "font-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  `frame-ancestors 'self' ${TEAMS_HOSTS.join(" ")}`,
].join("; ");

/**
 * Where the API is mounted, and the channel the audit log records for each: the tab calls
 * the same routes under its own prefix, so the server knows a read came through the tab.
 */
export const API_MOUNTS = [
  ["/api", "api"],
  ["/tab/api", "tab"],
] as const satisfies readonly (readonly [string, Channel])[];

/** The tab's mount repeats /api: the OpenAPI document lists each route once. */
export const hiddenFromDocs = (route: RouteOptions): void => {
  route.schema = { ...route.schema, hide: true };
};

export type TabOptions = {
  /** Offer the dev sign-in form outside Teams (AUTH_MODE=dev, not production). */
  devSignIn: boolean;
};

export const tabRoutes: FastifyPluginAsync<TabOptions> = async (app, { devSignIn }) => {
  // Read once: the page is small and its one setting is fixed for the life of the process.
  // A meta tag carries it because the policy forbids inline scripts.
  const page = readFileSync(resolve(TAB_DIR, "index.html"), "utf8").replace(
    "__DEV_SIGN_IN__",
    devSignIn ? "true" : "false",
  );

  app.addHook("onSend", async (_request, reply, payload) => {
    reply.header("content-security-policy", TAB_CSP);
    reply.header("x-content-type-options", "nosniff");
    reply.header("referrer-policy", "no-referrer");
    return payload;
  });

  app.get("/tab", { schema: { hide: true } }, async (_request, reply) =>
    reply.type("text/html; charset=utf-8").header("cache-control", "no-cache").send(page),
  );
  // The fragment (#/children/5) survives a redirect, so deep links written either way work.
  app.get("/tab/", { schema: { hide: true } }, async (_request, reply) => reply.redirect("/tab", 301));

  await app.register(fastifyStatic, {
    root: resolve(TAB_DIR, "assets"),
    prefix: "/tab/assets/",
    decorateReply: false,
    index: false,
  });
  // Only TeamsJS's bundle from its folder. Its address does not carry the version, so a
  // day's caching bounds how long an upgrade takes to reach browsers.
  await app.register(fastifyStatic, {
    root: dirname(TEAMS_JS),
    prefix: "/tab/assets/vendor/",
    decorateReply: false,
    index: false,
    allowedPath: (pathName) => pathName === `/${basename(TEAMS_JS)}`,
    maxAge: "1d",
  });
};
