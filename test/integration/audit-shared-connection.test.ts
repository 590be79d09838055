/**
 * Issue 14, the status route's cost on SQLite: a read's audit row is appended on the SQL
 * layer's one connection, not on a connection of its own. SQLite empties a connection's
 * page cache whenever another connection has committed (`PRAGMA data_version` tells a
 * connection that this happened), so every audited read made the next read start cold.
 * And an append that arrives while the layer's connection is inside one of its own
 * transactions waits for it to end: its row neither joins that transaction nor rolls back
 * with it. PostgreSQL has no such connection (audit-appender.ts): SQLite only.
 */
import { setTimeout as sleep } from "node:timers/promises";
import { sql } from "kysely";
import { describe, expect, it } from "vitest";
import { createAuditLog, verifyAuditChain } from "../../core/access/audit.js";
import { sqlOf } from "../../core/platform/sql/index.js";
import { TEST_ENGINE } from "../support/db.js";
import { PEOPLE } from "../support/factories.js";
import { useSmallAuthority } from "../support/small-authority.js";

const onSqlite = TEST_ENGINE !== "postgres";
const { t, f } = useSmallAuthority();
const db = () => t.database.db;
const reader = { id: 1, role: "vsh", channel: "api" } as const;

/** The layer's connection's data_version: it moves only when another connection has committed. */
async function dataVersion(): Promise<number> {
  const { sqliteConnectionOf } = await import("../../core/platform/sql/dialect/sqlite.js");
  return Number(sqliteConnectionOf(sqlOf(db())).connection.pragma("data_version", { simple: true }));
}

const rowsFor = (childId: number) => db().auditEvent.count({ where: { childId, action: "read_status" } });

describe.skipIf(!onSqlite)("SQLite: reads' audit rows are written on the SQL layer's connection", () => {
  it("an audited status read commits no change from another connection (the layer's page cache stays warm)", async () => {
    const before = await rowsFor(f.jordan.id);
    const version = await dataVersion();
    for (let i = 0; i < 3; i++) {
      expect((await t.call("GET", `/api/children/${f.jordan.id}/status`, { as: PEOPLE.sw1 })).status).toBe(200);
    }
    expect(await rowsFor(f.jordan.id)).toBe(before + 3);
    expect(await dataVersion()).toBe(version);
    // The measure can move: a commit through Prisma's connection moves it.
    await db().botState.create({ data: { key: "data-version-probe", value: "{}", eTag: "1" } });
    await db().botState.delete({ where: { key: "data-version-probe" } });
    expect(await dataVersion()).not.toBe(version);
  });

  it("an append that meets the layer's own open transaction waits for its end, and is not rolled back with it", async () => {
    const audit = createAuditLog(db());
    const engine = sqlOf(db());
    const before = await rowsFor(f.amira.id);
    let appended = false;
    let append: Promise<void> | null = null;
    const rolledBack = engine
      .exclusively(0, async (trx) => {
        await sql`UPDATE "Child" SET "firstName" = 'Changed' WHERE "id" = ${f.amira.id}`.execute(trx);
        append = audit.record(reader, "read_status", [f.amira.id]).then(() => {
          appended = true;
        });
        await sleep(150);
        expect(appended).toBe(false);
        throw new Error("roll back");
      })
      .catch((err: Error) => err.message);
    expect(await rolledBack).toBe("roll back");
    await append;
    expect(appended).toBe(true);
    expect(await rowsFor(f.amira.id)).toBe(before + 1);
    expect((await db().child.findUniqueOrThrow({ where: { id: f.amira.id } })).firstName).not.toBe("Changed");
    expect((await verifyAuditChain(db())).broken).toBeNull();
  });
});
