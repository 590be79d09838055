/**
 * Property-based fuzzing of the API (issue 13, item 8). Every route the OpenAPI document
 * lists is called as every role (and with no token, or a garbage one) with arbitrary path
 * ids, query strings and bodies: arbitrary JSON, broken JSON, and near-valid bodies drawn
 * from the route's own schema. No answer is a 5xx, none shows a stack trace or a path on
 * this machine, every 4xx is problem+json, and no answer names a child outside the
 * caller's scope (worked out here from the allocations and enrolments, not by the code
 * under test). Fixed seed, bounded runs; the counts are printed at the end.
 */
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addDays } from "../../core/platform/dates.js";
import { startTestApp, type TestApp } from "../support/app.js";
import { buildSmallAuthority, PEOPLE, TODAY } from "../support/factories.js";

const SEED = 20261123;
const RUNS = 35;
const counts: Record<string, number> = {};
const statuses: Record<number, number> = {};

type Schema = Partial<{ type: string; pattern: string; maxLength: number; maxItems: number; required: string[] }> & {
  enum?: unknown[];
  properties?: Record<string, Schema>;
  items?: Schema;
  oneOf?: Schema[];
  anyOf?: Schema[];
};
type Route = { method: string; path: string; query: string[]; body?: Schema };

let t: TestApp;
let routes: Route[] = [];
const FIXTURE_CHILDREN = ["T001", "T002", "T003", "T004"];

beforeAll(async () => {
  t = await startTestApp({ today: TODAY, env: { RATE_LIMIT_DEV_TOKEN_PER_IP: "0" } });
  await buildSmallAuthority(t.database.db);
  type Op = {
    parameters?: { in: string; name: string }[];
    requestBody?: { content?: Record<string, { schema?: Schema }> };
  };
  const doc = (await (await fetch(`${t.base}/docs/json`)).json()) as { paths: Record<string, Record<string, Op>> };
  for (const [path, ops] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(ops)) {
      const query = (op.parameters ?? []).filter((p) => p.in === "query").map((p) => p.name);
      const body = op.requestBody?.content?.["application/json"]?.schema;
      routes.push({ method: method.toUpperCase(), path, query, ...(body ? { body } : {}) });
    }
  }
  // Starting a school place widens a DT's scope: last, so the scope oracle below is exercised on the rest first.
  routes = routes.sort((a, b) => Number(a.path.endsWith("/enrolments")) - Number(b.path.endsWith("/enrolments")));
});

afterAll(async () => {
  await t.close();
  const total = Object.values(counts).reduce((a, b) => a + b, 0);
  const byStatus = Object.entries(statuses).map(([s, n]) => `${s}:${n}`);
  console.log(
    `fuzz-api: ${total} requests over ${Object.keys(counts).length} routes (seed ${SEED}); ${byStatus.join(" ")}`,
  );
});

/** Worked out again after any change is accepted (a new school place widens a DT's scope). */
const scopes = new Map<string, Promise<string[]>>();
const outsideScope = (email: string | undefined) => {
  const key = email ?? "";
  const known = scopes.get(key) ?? workOutOutside(email);
  scopes.set(key, known);
  return known;
};

/** The names of fixture children outside `email`'s scope today (the VSH has none outside). */
async function workOutOutside(email: string | undefined): Promise<string[]> {
  const db = t.database.db;
  const me = email ? await db.professional.findUnique({ where: { email } }) : null;
  const children = await db.child.findMany({
    where: { localId: { in: FIXTURE_CHILDREN } },
    include: { allocations: { where: openToday }, enrolments: { where: openToday } },
  });
  const sees = (c: (typeof children)[number]) => {
    if (!me?.active) return false;
    if (me.role === "vsh") return true;
    if (me.role === "designated_teacher")
      return c.enrolments.some((e) => me.schoolId !== null && e.schoolId === me.schoolId);
    return c.allocations.some((a) => a.professionalId === me.id && a.role === me.role);
  };
  return children.filter((c) => !sees(c)).flatMap((c) => [c.firstName, c.lastName]);
}

const openToday = { fromDate: { lte: TODAY }, OR: [{ toDate: null }, { toDate: { gte: TODAY } }] };

/** What a response must never show: a stack frame, a source path, a driver's words. */
const LEAKS = /\n\s+at |node_modules|\/(work|tmp)\/|\.[cm]?[jt]s:\d+|prisma|sqlite|(Type|Reference|Range)Error/i;

const dates = fc.oneof(
  fc.constantFrom(TODAY, "2026-11-30", "2026-09-01", "2027-02-29", "2026-13-01", "23/11/2026", "", "today"),
  fc.date({ noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10)),
);
const validDates = fc.integer({ min: -120, max: 120 }).map((n) => addDays(TODAY, n));
const words = fc.oneof(
  fc.string({ unit: "grapheme-ascii", minLength: 1, maxLength: 40 }),
  fc.constantFrom("Met carer", "**bold** [x](javascript:1)", "=1+1"),
);
const text = fc.oneof(fc.string({ unit: "grapheme", maxLength: 40 }), fc.string({ unit: "binary", maxLength: 20 }));

/** Values that fit `schema`; with `noise`, a wrong leaf now and then. */
function near(schema: Schema, key: string, noise: boolean): fc.Arbitrary<unknown> {
  if (!noise) return fits(schema, key, false);
  const wrong = fc.oneof(fc.jsonValue({ maxDepth: 2 }), fc.constantFrom(null, "", -1, 0, 1e308, "1", true, [], {}));
  return fc.oneof({ weight: 6, arbitrary: fits(schema, key, true) }, { weight: 1, arbitrary: wrong });
}

function fits(schema: Schema, key: string, noise: boolean): fc.Arbitrary<unknown> {
  const options = schema.oneOf ?? schema.anyOf;
  if (options) return fc.oneof(...options.map((s) => near(s, key, noise)));
  if (schema.enum) return fc.constantFrom(...schema.enum);
  switch (schema.type) {
    case "object": {
      const props = Object.entries(schema.properties ?? {});
      if (props.length === 0) return fc.dictionary(text, fc.jsonValue({ maxDepth: 1 }), { maxKeys: 3 });
      const required = schema.required ?? [];
      const record = fc.record(Object.fromEntries(props.map(([k, s]) => [k, near(s, k, noise)])), {
        requiredKeys: noise ? [] : required,
      });
      if (!noise) return record;
      // Sometimes a required key is missing; sometimes an unknown one comes too.
      return fc
        .tuple(record, fc.boolean(), fc.option(fc.tuple(text, fc.jsonValue({ maxDepth: 1 }))))
        .map(([r, fill, extra]) => ({
          ...(fill ? Object.fromEntries(required.map((k) => [k, r[k] ?? null])) : {}),
          ...r,
          ...(extra ? { [extra[0]]: extra[1] } : {}),
        }));
    }
    case "array":
      return fc.array(near(schema.items ?? {}, key, noise), { maxLength: (schema.maxItems ?? 4) + (noise ? 1 : 0) });
    case "integer":
      if (!noise) return fc.integer({ min: 1, max: 8 });
      return fc.oneof(fc.integer({ min: -2, max: 12 }), fc.constantFrom(0, 2 ** 31, 2 ** 53), fc.integer());
    case "number":
      if (!noise) return fc.integer({ min: 1, max: 20 }).map((n) => n / 2);
      return fc.oneof(
        fc.integer({ min: -1, max: 100 }).map((n) => n / 2),
        fc.double({ noNaN: true }),
      );
    case "boolean":
      return fc.boolean();
    case "string": {
      if (/date|on$|since|birth/i.test(key)) return noise ? dates : validDates;
      if (schema.pattern) {
        const matching = fc.stringMatching(new RegExp(schema.pattern));
        if (!noise) return matching;
      }
      if (!noise && key === "email") return fc.constantFrom(...Object.values(PEOPLE));
      if (!noise && key === "yearGroup") return fc.constantFrom("R", "5", "11");
      if (!noise) return words;
      const patterned = schema.pattern ? [fc.stringMatching(new RegExp(schema.pattern))] : [];
      const long = fc.string({ minLength: (schema.maxLength ?? 100) - 1, maxLength: (schema.maxLength ?? 100) + 2 });
      return fc.oneof(text, long, ...patterned);
    }
    default:
      return fc.jsonValue({ maxDepth: 2 });
  }
}

const ids = fc.oneof(
  { weight: 6, arbitrary: fc.oneof(fc.integer({ min: 1, max: 4 }), fc.integer({ min: 1, max: 12 })).map(String) },
  { weight: 2, arbitrary: fc.constantFrom("0", "-1", "9007199254740993", "1e3", "1.5", "0x1", " 1", "abc", "..") },
  { weight: 1, arbitrary: text.map(encodeURIComponent) },
);
const queryValue = fc.oneof(
  text,
  fc.integer({ min: -5, max: 500 }).map(String),
  fc.constantFrom("", " ", "1e400", "%", "Amira", "Khan", "T002", "*", "' OR 1=1 --"),
);

type Call = { who: string | undefined; garbage?: string; url: string; body?: string; type?: string };

/** A call to `route`: `tidy` ones are near valid (known ids, sensible queries, bodies that fit the schema). */
function callsFor(route: Route, tidy: boolean): fc.Arbitrary<Call> {
  const who = fc.oneof(
    { weight: 8, arbitrary: fc.constantFrom<string | undefined>(...Object.values(PEOPLE)) },
    { weight: tidy ? 4 : 0, arbitrary: fc.constant(PEOPLE.vsh) },
    { weight: tidy ? 0 : 1, arbitrary: fc.constant(undefined) },
  );
  const garbage = fc.oneof(
    { weight: 12, arbitrary: fc.constant(undefined) },
    { weight: tidy ? 0 : 1, arbitrary: fc.oneof(text, fc.constant("eyJhbGciOiJub25lIn0.e30.")) },
  );
  const path = fc
    .tuple(tidy ? fc.integer({ min: 1, max: 6 }).map(String) : ids, fc.constantFrom("ssda903", "attendance", "nope"))
    .map(([id, kind]) => route.path.replace("{id}", id).replace("{kind}", kind));
  const value = tidy ? fc.oneof(fc.integer({ min: 0, max: 60 }).map(String), words) : queryValue;
  const query = fc
    .tuple(
      fc.tuple(...route.query.map(() => fc.option(value, { freq: 2 }))),
      fc.option(fc.tuple(text, queryValue), { freq: tidy ? 1 : 2 }),
    )
    .map(([values, extra]) => {
      const params = new URLSearchParams();
      route.query.forEach((name, i) => {
        const v = values[i];
        if (v !== null && v !== undefined) params.append(name, v);
      });
      if (extra && !tidy) params.append(extra[0], extra[1]);
      return params.size > 0 ? `?${params}` : "";
    });
  const json = (v: unknown) => ({ body: JSON.stringify(v), type: "application/json" });
  const schema = route.body ?? {};
  const body: fc.Arbitrary<{ body?: string; type?: string }> =
    route.method === "GET"
      ? fc.constant({})
      : tidy
        ? near(schema, "", false).map(json)
        : fc.oneof(
            { weight: 3, arbitrary: near(schema, "", true).map(json) },
            { weight: 2, arbitrary: fc.jsonValue().map(json) },
            { weight: 1, arbitrary: text.map((s) => ({ body: `{"${s}`, type: "application/json" })) },
            { weight: 1, arbitrary: fc.constantFrom({}, { body: "a=1", type: "text/plain" }) },
          );
  return fc.record({ who, garbage, path, query, body }).map((c) => ({
    who: c.who,
    ...(c.garbage !== undefined ? { garbage: c.garbage } : {}),
    url: `${c.path}${c.query}`,
    ...c.body,
  }));
}

const decoded = (url: string) => {
  try {
    return decodeURIComponent(url.replaceAll("+", " "));
  } catch {
    return url;
  }
};

const tokens = new Map<string, Promise<string>>();
const tokenOf = (email: string) => tokens.get(email) ?? tokens.set(email, t.token(email)).get(email) ?? t.token(email);

async function send(route: Route, call: Call) {
  const headers: Record<string, string> = {};
  const bearer = call.garbage ?? (call.who ? await tokenOf(call.who) : undefined);
  if (bearer !== undefined) headers.authorization = `Bearer ${bearer.replace(/[^\x20-\x7e]/g, "?")}`;
  if (call.type) headers["content-type"] = call.type;
  const res = await fetch(`${t.base}${call.url}`, { method: route.method, headers, body: call.body });
  return { res, text: await res.text() };
}

describe("every API route under fuzzing", () => {
  it("lists the routes from the OpenAPI document", () => {
    expect(routes.length).toBeGreaterThan(30);
    expect(routes.map((r) => `${r.method} ${r.path}`)).toContain("POST /api/children/{id}/actions");
  });

  it("the scope oracle: the VSH's list names every child, a DT's only its own", async () => {
    expect(await outsideScope(PEOPLE.dtA)).toEqual(["Amira", "Khan", "Tyler", "Brooks", "Leah", "Morgan"]);
    expect(await outsideScope(PEOPLE.vsh)).toEqual([]);
    const all = await (await t.call("GET", "/api/children", { as: PEOPLE.vsh })).text();
    for (const name of ["Smith", "Khan", "Brooks", "Morgan"]) expect(all).toContain(name);
    const dt = await (await t.call("GET", "/api/children?q=Amira", { as: PEOPLE.dtA })).text();
    expect(dt).not.toContain("Khan");
  });

  it.each(Array.from({ length: 48 }, (_, i) => i))(
    "route %i: no 5xx, no internals, problem+json, scope held",
    async (i) => {
      const route = routes[i];
      if (!route) {
        expect(i).toBeGreaterThanOrEqual(routes.length);
        return;
      }
      const name = `${route.method} ${route.path}`;
      let runs = 0;
      await fc.assert(
        fc.asyncProperty(fc.oneof(callsFor(route, true), callsFor(route, false)), async (call) => {
          runs += 1;
          const outside = call.garbage === undefined ? await outsideScope(call.who) : await outsideScope(undefined);
          const { res, text: body } = await send(route, call);
          statuses[res.status] = (statuses[res.status] ?? 0) + 1;
          if (res.status < 300 && route.method !== "GET") scopes.clear();
          const what = `${name} ${call.url} as ${call.who ?? "nobody"} → ${res.status}: ${body.slice(0, 300)}`;
          expect(res.status, what).toBeLessThan(500);
          const input = `${call.url} ${call.body ?? ""} ${decoded(call.url)}`;
          if (!LEAKS.test(input)) expect(body, what).not.toMatch(LEAKS);
          if (res.status >= 400) {
            expect(res.headers.get("content-type") ?? "", what).toMatch(/^application\/problem\+json/);
            const problem = JSON.parse(body) as { status: number; title: string; detail: string };
            expect(problem.status, what).toBe(res.status);
            expect(typeof problem.detail, what).toBe("string");
          }
          for (const child of outside)
            if (!input.includes(child)) expect(body, `${what}: shows ${child}`).not.toContain(child);
        }),
        { seed: SEED + i, numRuns: RUNS, endOnFailure: true },
      );
      counts[name] = runs;
      expect(runs).toBe(RUNS);
    },
  );
});
