/**
 * Every route says what it answers, and nothing else leaves the server: the OpenAPI
 * document lists a success schema and the problem+json answers for each operation, the
 * app refuses a route that does not, and the serializer drops a field its schema does not
 * list (a child's date of birth and UPN, here, on the status route).
 */
import Fastify from "fastify";
import { serializerCompiler, validatorCompiler } from "fastify-type-provider-zod";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { EXEMPT, isExempt, requiredStatuses, requireResponseSchemas } from "../../api/plugins/response-schemas.js";
import { problems, SIGNED_IN } from "../../api/responses/problem.js";
import type { Services } from "../../core/services.js";
import { type Json, startTestApp, type TestApp } from "../support/app.js";
import { buildSmallAuthority, type Fixture, PEOPLE, TODAY } from "../support/factories.js";

let t: TestApp;
let f: Fixture;
let doc: Json;

beforeAll(async () => {
  t = await startTestApp({ today: TODAY });
  f = await buildSmallAuthority(t.database.db);
  doc = await (await fetch(`${t.base}/docs/json`)).json();
});
afterAll(() => t.close());

type Operation = {
  parameters?: { in: string }[];
  requestBody?: unknown;
  security?: unknown;
  responses: Record<string, { content?: Record<string, { schema?: Json }> }>;
};

/** Every operation in the OpenAPI document, with its path as Fastify writes it (`:id`). */
function operations(): { method: string; url: string; op: Operation }[] {
  return Object.entries(doc.paths as Record<string, Record<string, Operation>>).flatMap(([path, methods]) =>
    Object.entries(methods).map(([method, op]) => ({ method, url: path.replace(/\{(\w+)\}/g, ":$1"), op })),
  );
}

/** A schema, or the component it refers to. */
const resolve = (schema: Json): Json =>
  typeof schema?.$ref === "string" ? doc.components.schemas[schema.$ref.split("/").pop()] : schema;

describe("the OpenAPI document", () => {
  it("lists the API's operations (hidden: the tab's second mount, the bot, the tab's files)", () => {
    const listed = operations().map((o) => `${o.method.toUpperCase()} ${o.url}`);
    expect(listed.length).toBeGreaterThanOrEqual(40);
    expect(listed).toEqual(
      expect.arrayContaining([
        "GET /api/children/:id/status",
        "POST /api/children/:id/peps",
        "POST /api/imports/:kind",
        "GET /api/children/:id/audit.csv",
        "GET /health",
      ]),
    );
    expect(listed.filter((l) => l.includes("/tab/") || l.includes("/api/messages"))).toEqual([]);
  });

  it("gives every operation a success schema and a problem+json schema for each error it can answer", () => {
    const gaps: string[] = [];
    for (const { method, url, op } of operations()) {
      const name = `${method.toUpperCase()} ${url}`;
      const success = Object.entries(op.responses).filter(([code]) => code.startsWith("2"));
      const typed = success.filter(([, r]) => Object.values(r.content ?? {}).some((c) => c.schema !== undefined));
      if (typed.length === 0) gaps.push(`${name}: no success schema`);
      const shape = {
        params: op.parameters?.some((p) => p.in === "path") ? {} : undefined,
        querystring: op.parameters?.some((p) => p.in === "query") ? {} : undefined,
        body: op.requestBody,
        security: op.security,
      };
      for (const status of requiredStatuses(url, shape)) {
        const own = op.responses[String(status)]?.content;
        const schema =
          status === 503 && url === "/health" ? own?.["application/json"] : own?.["application/problem+json"];
        if (!schema?.schema) gaps.push(`${name}: no ${status}`);
      }
    }
    expect(gaps).toEqual([]);
  });

  it("describes a problem as api/plugins/errors.ts sends it", () => {
    const status = operations().find((o) => o.url === "/api/children/:id/status");
    const problem = resolve(status?.op.responses["404"]?.content?.["application/problem+json"]?.schema);
    expect(problem.required).toEqual(expect.arrayContaining(["type", "title", "status", "detail", "instance"]));
    expect(Object.keys(problem.properties)).toContain("errors");
  });
});

describe("routes that do not say what they answer", () => {
  const appWith = () => {
    const app = Fastify();
    app.setValidatorCompiler(validatorCompiler);
    app.setSerializerCompiler(serializerCompiler);
    app.addHook("onRoute", requireResponseSchemas);
    return app;
  };
  const params = z.object({ id: z.coerce.number() });

  it("stop the app building, naming what is missing", () => {
    const security = [{ bearerAuth: [] }];
    expect(() => appWith().get("/api/things/:id", { schema: { params, security } }, async () => ({}))).toThrow(
      "GET /api/things/:id declares no response for a success (2xx) schema, 400, 401, 403, 404, 429, 500, 503",
    );
    const response = { 200: z.object({ id: z.number() }), ...problems(...SIGNED_IN) };
    expect(() =>
      appWith().get("/api/things/:id", { schema: { params, security, response } }, async () => ({ id: 1 })),
    ).toThrow("GET /api/things/:id declares no response for 400, 404");
    const whole = { ...response, ...problems(400, 404) };
    expect(() =>
      appWith().get("/api/things/:id", { schema: { params, security, response: whole } }, async () => ({ id: 1 })),
    ).not.toThrow();
  });

  it("are let off only where listed, each with a reason", async () => {
    for (const e of EXEMPT) expect(e.why.length).toBeGreaterThan(20);
    expect(["/api/messages", "/tab", "/tab/assets/app.js", "/admin/queues/login", "/docs/json"].every(isExempt)).toBe(
      true,
    );
    expect(["/tab/api/children/:id/status", "/api/children", "/health"].some(isExempt)).toBe(false);
    const app = appWith();
    app.post("/api/messages", async () => ({}));
    await expect(app.ready()).resolves.toBeDefined();
  });
});

describe("the serializer", () => {
  it("drops what the schema does not list: a date of birth and UPN a service let slip stay on the server", async () => {
    const children = t.runtime.services.children as Services["children"];
    const real = children.status;
    // As if the status facts began to select the whole child row (a query rewritten, say).
    children.status = async (actor, id) => {
      const status = await real(actor, id);
      return Object.assign(status, {
        upn: "A123456789012",
        child: { ...status.child, dateOfBirth: "2012-03-04", upn: "A123456789012" },
      });
    };
    try {
      const res = await t.call("GET", `/api/children/${f.jordan.id}/status`, { as: PEOPLE.vsh });
      expect(res.status).toBe(200);
      const text = await res.text();
      const body = JSON.parse(text);
      expect(body.child).toEqual({ id: f.jordan.id, firstName: "Jordan", lastName: "Smith" });
      expect(body).not.toHaveProperty("upn");
      expect(text).not.toContain("2012-03-04");
      expect(text).not.toContain("A123456789012");
      // The rest of the status is all there.
      expect(body).toMatchObject({ asOf: TODAY, childId: f.jordan.id, attendance: expect.any(Object) });
    } finally {
      children.status = real;
    }
  });

  it("keeps what a client reads: the alerts by status on the tab's dashboard, counted apart in the service", async () => {
    const res = await t.call("GET", "/api/stats", { as: PEOPLE.vsh });
    expect(res.status).toBe(200);
    expect(Object.keys((await res.json()).alerts).sort()).toEqual(
      ["acknowledged", "answered", "escalated", "open", "raisedSince", "resolved", "snoozed"].sort(),
    );
  });
});
