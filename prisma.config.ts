// Prisma CLI settings. The CLI is used only to generate the clients and, on a
// developer's machine, to author migrations; `npm start` and the tests apply the
// committed SQL with the project's own runner (core/platform/migrate.ts).
import { defineConfig } from "prisma/config";

// The CLI downloads a native schema engine on first use from a host this project must
// not depend on. `generate` never runs the engine, so any executable stops the download
// (see README, "Prisma without its binary host"). A user's own setting wins.
process.env.PRISMA_SCHEMA_ENGINE_BINARY ??= process.execPath;
process.env.CHECKPOINT_DISABLE ??= "1";

const url = process.env.DATABASE_URL || "file:./data/virtual-school.db";
// A schema's provider is fixed: PostgreSQL has its own schema (generated from the SQLite
// one by scripts/pg-schema.ts) and its own migrations folder.
const postgres = /^postgres(ql)?:\/\//.test(url);

export default defineConfig({
  schema: postgres ? "prisma/pg/schema.prisma" : "prisma/schema.prisma",
  migrations: { path: postgres ? "prisma/pg/migrations" : "prisma/migrations" },
  datasource: { url },
});
