/**
 * Runs in a child process so the load generator does not share the server's event
 * loop: the real app on one port, and on another the baselines: a bare Fastify route
 * and a bare echo bot (same CloudAdapter, no work).
 */
import { ActivityHandler, CloudAdapter, ConfigurationBotFrameworkAuthentication } from "botbuilder";
import Fastify from "fastify";
import { createRuntime } from "../api/runtime.js";
import { expressLikeRequest, expressLikeResponse } from "../bot/index.js";
import { fixedClock } from "../core/platform/clock.js";
import { loadConfig } from "../core/platform/config.js";
import { createDb, dbOptions } from "../core/platform/db.js";

const config = loadConfig();
const db = await createDb(config.DATABASE_URL, dbOptions(config));
const clock = fixedClock(config.CLOCK_TODAY ?? "2026-11-23");
const runtime = await createRuntime({ config, db, clock, api: true, worker: false, schedules: false });
const app = runtime.app;
if (!app) throw new Error("no app");
await app.listen({ host: "127.0.0.1", port: 0 });

const echo = new ActivityHandler();
echo.onMessage(async (context, next) => {
  await context.sendActivity(context.activity.text ?? "");
  await next();
});
const echoAdapter = new CloudAdapter(new ConfigurationBotFrameworkAuthentication({}));

const bare = Fastify();
bare.get("/bare", async () => ({ status: "ok" }));
bare.post("/api/messages", async (request, reply) => {
  await echoAdapter.process(expressLikeRequest(request), expressLikeResponse(reply), (context) => echo.run(context));
  return reply;
});
await bare.listen({ host: "127.0.0.1", port: 0 });

const port = (s: typeof bare.server) => (s.address() as { port: number }).port;
process.send?.({ app: port(app.server), bare: port(bare.server) });
// The load generator asks for this process's CPU time (µs, user and system) around a run:
// CPU per request is a figure a loaded machine inflates far less than a rate.
process.on("message", (m) => {
  if (m === "cpu") {
    const { user, system } = process.cpuUsage();
    process.send?.({ cpuMicros: user + system });
  }
});
process.on("disconnect", async () => {
  await Promise.all([runtime.close(), bare.close()]);
  await db.$disconnect();
  process.exit(0);
});
