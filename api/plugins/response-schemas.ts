/**
 * Every route says what it answers: a schema for its success status, and the problem+json
 * answers its shape implies (api/responses/problem.ts). Checked as each route is added, so
 * the server does not start with a route that lacks them: the OpenAPI document stays
 * complete, and the serializer sends only what a schema lists.
 */
import type { RouteOptions } from "fastify";

/** Routes that answer no JSON of ours, each with the reason. Nothing else is let off. */
export const EXEMPT: readonly { readonly test: (url: string) => boolean; readonly why: string }[] = [
  {
    test: (url) => url === "/api/messages",
    why: "the Bot Framework endpoint: CloudAdapter writes the answers (Teams reads them, not an API client)",
  },
  {
    test: (url) => url === "/tab" || url === "/tab/" || url.startsWith("/tab/assets/"),
    why: "the Teams tab's page and its static scripts and styles (the tab's API under /tab/api is checked)",
  },
  {
    test: (url) => url === "/admin/queues" || url.startsWith("/admin/queues/"),
    why: "bull-board's own pages and API, and its sign-in form (HTML), not part of our API",
  },
  { test: (url) => url === "/docs" || url.startsWith("/docs/"), why: "the OpenAPI document and its UI" },
  {
    test: (url) => url === "/privacy" || url === "/terms",
    why: "the privacy notice and terms of use the Teams manifest links to: HTML pages for people, not API answers",
  },
];

export const isExempt = (url: string): boolean => EXEMPT.some((e) => e.test(url));

type RouteSchema = {
  params?: unknown;
  querystring?: unknown;
  body?: unknown;
  security?: unknown;
  response?: Record<string, unknown>;
};

/** The statuses a route must declare, from its shape: signed in, input, an id, a body. */
export function requiredStatuses(url: string, schema: RouteSchema): number[] {
  const input = schema.params !== undefined || schema.querystring !== undefined || schema.body !== undefined;
  return [
    500,
    ...(schema.security !== undefined ? [401, 403, 429, 503] : []),
    ...(input ? [400] : []),
    ...(url.includes(":id") ? [404] : []),
    ...(schema.body !== undefined ? [408, 413, 415] : []),
  ].sort((a, b) => a - b);
}

/** Whether `status` has a schema: its own, or its class's (`4xx`), as Fastify serializes. */
export function declares(response: Record<string, unknown> | undefined, status: number): boolean {
  return response !== undefined && (String(status) in response || `${String(status)[0]}xx` in response);
}

/** What a route lacks: a success schema, and each required problem status. Empty: nothing. */
export function missingResponses(url: string, schema: RouteSchema | undefined): string[] {
  const response = schema?.response;
  const success = Object.keys(response ?? {}).some((code) => /^2(\d\d|xx)$/.test(code));
  const missing = success ? [] : ["a success (2xx) schema"];
  for (const status of requiredStatuses(url, schema ?? {})) {
    if (!declares(response, status)) missing.push(String(status));
  }
  return missing;
}

/** The onRoute hook: refuses a route (not exempt) that does not say what it answers. */
export function requireResponseSchemas(route: RouteOptions): void {
  if (isExempt(route.url)) return;
  const missing = missingResponses(route.url, route.schema as RouteSchema | undefined);
  if (missing.length > 0) {
    throw new Error(`${route.method} ${route.url} declares no response for ${missing.join(", ")}`);
  }
}
