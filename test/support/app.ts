/**
 * The real application on an ephemeral port over a temp database and the real Redis
 * (a prefix of its own), with a fixed clock and a known dev signing key, so tests speak
 * real HTTP to exactly what `npm start` runs. Workers run when asked for.
 */
import type { AddressInfo } from "node:net";
import type { BotFrameworkAuthentication } from "botframework-connector";
import { expect } from "vitest";
import type { App } from "../../api/app.js";
import { declares, isExempt } from "../../api/plugins/response-schemas.js";
import { createRuntime, type Runtime } from "../../api/runtime.js";
import { unauthenticatedBot } from "../../bot/adapter.js";
import { devTokenVerifier, signDevToken } from "../../core/access/tokens.js";
import { fixedClock } from "../../core/platform/clock.js";
import { loadConfig } from "../../core/platform/config.js";
import type { IsoDate } from "../../core/platform/dates.js";
import { createTestDb, type TestDb } from "./db.js";
import { dropPrefix, uniquePrefix } from "./redis.js";

export const TEST_SECRET = "test-secret-test-secret-test-secret!";

/** Test-only: a JSON body whose shape each assertion checks. */
// biome-ignore lint/suspicious/noExplicitAny: assertions below inspect the body.
export type Json = any;
export type TestResponse = Omit<Response, "json"> & { json(): Promise<Json> };

export type TestApp = {
  app: App;
  runtime: Runtime;
  base: string;
  database: TestDb;
  prefix: string;
  token(email: string): Promise<string>;
  /** fetch against the app, as `email` when given. */
  call(method: string, path: string, opts?: { as?: string; body?: unknown; token?: string }): Promise<TestResponse>;
  close(): Promise<void>;
};

export async function startTestApp(opts: {
  today: IsoDate;
  /** England's wall clock ("HH:MM") for the whole run, where registers closing matter; default: the real time of day. */
  time?: string;
  env?: Record<string, string>;
  botAuthentication?: BotFrameworkAuthentication;
  /** Reuse a database (e.g. to restart the app over the same file). */
  database?: TestDb;
  /** Run the alert workers too (they send to whatever serviceUrl the references name). */
  workers?: boolean;
  /** Reuse a queue prefix (a restart that must see the same queues). */
  prefix?: string;
  /** Verify tokens as the settings say (e.g. AUTH_MODE=entra), not with the test's dev key. */
  realVerifier?: boolean;
}): Promise<TestApp> {
  const busyWait = opts.env?.DATABASE_BUSY_WAIT_MS;
  const database = opts.database ?? (await createTestDb("api", busyWait ? { busyWaitMs: Number(busyWait) } : {}));
  const prefix = opts.prefix ?? uniquePrefix();
  const { PUBLIC_URL, ...env } = opts.env ?? {};
  // Bot tests post activities with no channel token (there is no Bot Framework offline)
  // yet want card links to a public URL, which settings refuse without MICROSOFT_APP_ID
  // (closed unless explicitly opened): the harness opens the bot here, in code, where no
  // deployment can. Settings are still checked, as a local machine's.
  const openBot = Boolean(PUBLIC_URL) && !env.MICROSOFT_APP_ID && !opts.botAuthentication;
  const settings = {
    NODE_ENV: "test",
    DATABASE_URL: database.url,
    DEV_AUTH_SECRET: TEST_SECRET,
    SEED_DEMO: "false",
    QUEUE_PREFIX: prefix,
    LOG_LEVEL: "silent",
    ...env,
  };
  const config = openBot
    ? Object.freeze({ ...loadConfig(settings), PUBLIC_URL })
    : loadConfig({ ...settings, ...(PUBLIC_URL ? { PUBLIC_URL } : {}) });
  const key = new TextEncoder().encode(TEST_SECRET);
  const runtime = await createRuntime({
    config,
    db: database.db,
    clock: fixedClock(opts.today, opts.time),
    api: true,
    worker: opts.workers ?? false,
    schedules: false,
    botAuthentication: opts.botAuthentication ?? (openBot ? unauthenticatedBot() : undefined),
    verifyToken: opts.realVerifier ? undefined : devTokenVerifier(key),
  });
  const app = runtime.app;
  if (!app) throw new Error("the test runtime has no app");
  // Every answer a route gave whose status it declares no schema for
  // (api/plugins/response-schemas.ts): `close` fails on any, so a status a route really
  // returns cannot be left out of its OpenAPI description.
  const undeclared = new Set<string>();
  app.addHook("onSend", async (request, reply, payload) => {
    const route = request.routeOptions;
    const response = (route.schema as { response?: Record<string, unknown> } | undefined)?.response;
    if (route.url && !isExempt(route.url) && !declares(response, reply.statusCode)) {
      undeclared.add(`${request.method} ${route.url} answered ${reply.statusCode}`);
    }
    return payload;
  });
  await app.listen({ host: "127.0.0.1", port: 0 });
  const base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  const token = (email: string) => signDevToken(key, email);
  return {
    app,
    runtime,
    base,
    database,
    prefix,
    token,
    async call(method, path, { as, body, token: raw } = {}) {
      const headers: Record<string, string> = {};
      const bearer = raw ?? (as ? await token(as) : undefined);
      if (bearer) headers.authorization = `Bearer ${bearer}`;
      if (body !== undefined) headers["content-type"] = "application/json";
      const init = { method, headers, body: body === undefined ? undefined : JSON.stringify(body) };
      return (await fetch(`${base}${path}`, init)) as TestResponse;
    },
    async close() {
      await runtime.close();
      if (!opts.prefix) await dropPrefix(prefix);
      if (!opts.database) await database.close();
      expect([...undeclared], "statuses answered that the route does not declare").toEqual([]);
    },
  };
}
