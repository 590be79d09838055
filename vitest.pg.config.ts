/**
 * `npm run test:pg`: the integration files (less test/pg-files.ts's few that do not apply)
 * again, each over a fresh PostgreSQL database (TEST_DATABASE=postgres: test/support/db.ts)
 * instead of a temp SQLite file.
 * Once, at the real date: the moved system dates are about the product's Clock, not the
 * engine, and `npm test` runs them.
 */
import { defineConfig } from "vitest/config";
import { PG_INCLUDE, PG_PENDING } from "./test/pg-files.js";
import base from "./vitest.config.js";

const { projects: _sqliteProjects, ...shared } = base.test ?? {};

export default defineConfig({
  test: {
    ...shared,
    name: "postgres",
    include: [...PG_INCLUDE],
    exclude: [...(shared.exclude ?? []), ...Object.keys(PG_PENDING)],
    // As `npm test`'s projects: files share a worker's loaded modules.
    isolate: false,
    env: { TEST_DATABASE: "postgres" },
  },
});
