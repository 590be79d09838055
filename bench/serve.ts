/**
 * Runs in a child process so the load generator does not share the server's event
 * loop: the real app on one port and a bare Fastify route (the baseline) on another.
 */
import Fastify from "fastify";
import { buildApp } from "../api/app.js";
import { fixedClock } from "../core/platform/clock.js";
import { loadConfig } from "../core/platform/config.js";
import { createDb } from "../core/platform/db.js";
import { createServices } from "../core/services.js";

const config = loadConfig();
const db = await createDb(config.DATABASE_URL);
const clock = fixedClock(config.CLOCK_TODAY ?? "2026-11-23");
const app = await buildApp({ services: createServices({ db, config, clock }) });
await app.listen({ host: "127.0.0.1", port: 0 });

const bare = Fastify();
bare.get("/bare", async () => ({ status: "ok" }));
await bare.listen({ host: "127.0.0.1", port: 0 });

const port = (s: typeof bare.server) => (s.address() as { port: number }).port;
process.send?.({ app: port(app.server), bare: port(bare.server) });
process.on("disconnect", async () => {
  await Promise.all([app.close(), bare.close()]);
  await db.$disconnect();
  process.exit(0);
});
