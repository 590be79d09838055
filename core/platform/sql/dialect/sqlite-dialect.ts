/** SQLite's dialect (see dialect.ts): `file:` URLs. */
import type { Dialect } from "./dialect.js";

export const sqliteDialect: Dialect = {
  name: "sqlite",
  placeholder: () => "?",
  transactionLock: () => null,
  containsAnyCase: (text) => ({ contains: text }),
  ownSyncConnection: true,
  async prismaClient(url, { busyWaitMs, transactionOptions }) {
    const [{ PrismaClient }, { patientSqlite }, { sqlitePath }] = await Promise.all([
      import("../../generated/prisma/client.js"),
      import("../../sqlite-connection.js"),
      import("../../migrate.js"),
    ]);
    const db = new PrismaClient({ adapter: patientSqlite(sqlitePath(url), busyWaitMs), transactionOptions });
    // Per-connection: in WAL mode NORMAL is durable across crashes of the process.
    await db.$queryRawUnsafe("PRAGMA synchronous = NORMAL");
    return db;
  },
  openEngine: async (url, options) => (await import("./sqlite.js")).sqliteEngine(url, options),
  migrate: async (url, dir) => (await import("../../migrate-sqlite.js")).migrateSqlite(url, dir),
  openImportDb: async (url) => (await import("../../../imports/driver/sqlite.js")).openSqliteImportDb(url),
};
