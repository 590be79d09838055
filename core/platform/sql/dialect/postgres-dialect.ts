/** PostgreSQL's dialect (see dialect.ts): `postgres://` and `postgresql://` URLs. */
import type { PrismaClient } from "../../generated/prisma/client.js";
import type { Dialect } from "./dialect.js";

/** Takes the transaction-level advisory lock `key`, held to COMMIT, across processes. */
export const advisoryLock = (key: number): string => `SELECT pg_advisory_xact_lock(${Math.trunc(key)})`;

export const postgresDialect: Dialect = {
  name: "postgres",
  placeholder: (index) => `$${index + 1}`,
  transactionLock: advisoryLock,
  containsAnyCase: (text) => ({ contains: text, mode: "insensitive" }) as { contains: string },
  ownSyncConnection: false,
  async prismaClient(url, { busyWaitMs, poolSize, transactionOptions }) {
    const [{ PrismaClient }, { patientPg }] = await Promise.all([
      import("../../generated/prisma-pg/client.js"),
      import("../../pg-connection.js"),
    ]);
    // The PostgreSQL schema is generated from the SQLite one, so their model APIs are the same (db.ts).
    const adapter = patientPg(url, busyWaitMs, poolSize);
    return new PrismaClient({ adapter, transactionOptions }) as unknown as PrismaClient;
  },
  openEngine: async (url, options) => (await import("./postgres.js")).postgresEngine(url, options),
  migrate: async (url, dir) => (await import("../../migrate-pg.js")).migratePg(url, dir),
  openImportDb: async (url) => (await import("../../../imports/driver/postgres.js")).openPgImportDb(url),
};
