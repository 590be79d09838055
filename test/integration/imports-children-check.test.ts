/**
 * A batch of marks names only children that are there, and none of them can be deleted
 * before its transaction ends: on SQLite by the foreign key (foreign_keys = ON) and the one
 * write lock; on PostgreSQL by the foreign key's per-row check, or, where the importer's
 * connection may turn that off (a superuser, as here), by the merge's own check once a
 * batch (driver/pg-marks.ts): the children given new marks are locked as the per-row check
 * locks them, and a missing one makes the batch fail with the foreign key's own error.
 * Both PostgreSQL paths run: as the server's superuser, and as a plain role.
 */
import { randomBytes } from "node:crypto";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { checksChildrenOnce } from "../../core/imports/driver/pg-marks.js";
import { importTypes } from "../../core/imports/driver/postgres.js";
import type { ImportDb } from "../../core/imports/import-db.js";
import { type Mark, placesOf } from "../../core/imports/marks.js";
import { openImportDb } from "../../core/imports/sql.js";
import { createTestDb, type TestDb } from "../support/db.js";
import { PG_ADMIN_URL, pgAvailable } from "../support/pg.js";

const hasPg = await pgAvailable();

/** A batch as the importer hands it to the driver: one mark per child, date and session. */
function batchOf(marks: readonly [number, string, string, string][]) {
  const list: Mark[] = marks.map(([childId, date, session, code], i) => ({
    childId,
    date,
    session,
    code,
    row: { line: i + 2, values: [] },
  }));
  const at = placesOf(list);
  return { byPlace: new Map(list.map((m) => [at.place(m.childId, m.date, m.session), m])), at };
}

async function withChildren(t: TestDb, n: number): Promise<number[]> {
  const ids: number[] = [];
  for (let i = 0; i < n; i++) {
    const data = {
      localId: `K${i}`,
      firstName: "C",
      lastName: `K${i}`,
      dateOfBirth: "2015-05-01",
      placingAuthority: "999",
    };
    ids.push((await t.db.child.create({ data })).id);
  }
  return ids;
}

/** A role that is not a superuser (so may not set session_replication_role), allowed the app's tables. */
const plainRole = `vs_plain_${randomBytes(4).toString("hex")}`;
const admin = async (url: string, sql: string) => {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
};
async function asPlainRole(url: string): Promise<string> {
  await admin(url, `CREATE ROLE "${plainRole}" LOGIN NOSUPERUSER`).catch(() => undefined);
  await admin(
    url,
    `GRANT USAGE ON SCHEMA public TO "${plainRole}";
     GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO "${plainRole}";
     GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO "${plainRole}"`,
  );
  const as = new URL(url);
  as.username = plainRole;
  return as.toString();
}
afterAll(async () => {
  if (hasPg) await admin(PG_ADMIN_URL, `DROP ROLE IF EXISTS "${plainRole}"`);
});

const cases = [
  ["sqlite", "sqlite", true],
  ["postgres", "postgres (superuser: checked once a batch)", hasPg],
  ["postgres", "postgres (plain role: checked per row)", hasPg],
] as const;

describe.each(cases)("a batch's children on %s: %s", (engine, label, available) => {
  const plain = label.includes("plain role");
  const open = async (t: TestDb): Promise<ImportDb> => openImportDb(plain ? await asPlainRole(t.url) : t.url);

  it.skipIf(!available)(
    "a batch naming a child that is not there fails whole, with the foreign key's error",
    async () => {
      const t = await createTestDb(`children-check-${engine}`, { engine });
      const sql = await open(t);
      try {
        const [a = 0, b = 0] = await withChildren(t, 2);
        const gone = b + 1_000;
        const merge = (marks: [number, string, string, string][]) => sql.write(() => sql.mergeMarks(batchOf(marks)));
        await expect(
          merge([
            [a, "2026-11-02", "AM", "/"],
            [gone, "2026-11-02", "AM", "/"],
            [b, "2026-11-02", "PM", "N"],
          ]),
        ).rejects.toThrow(/foreign key/i);
        expect(await t.db.attendanceMark.count()).toBe(0);
        // The connection goes on: the same batch without the missing child is taken whole.
        const merged = await merge([
          [a, "2026-11-02", "AM", "/"],
          [b, "2026-11-02", "PM", "N"],
        ]);
        expect(merged).toMatchObject({ created: 2, updated: 0, unchanged: 0 });
        expect(await t.db.attendanceMark.count()).toBe(2);
      } finally {
        await sql.close();
        await t.close();
      }
    },
  );

  it.skipIf(!available || engine === "sqlite")(
    "a child given new marks cannot be deleted until the batch's transaction ends; then its marks go with it",
    async () => {
      const t = await createTestDb(`children-lock-${engine}`, { engine });
      const sql = await open(t);
      const other = new pg.Client({ connectionString: t.url });
      await other.connect();
      try {
        const [a = 0, b = 0] = await withChildren(t, 2);
        let deleting: Promise<unknown> | null = null;
        await sql.write(async () => {
          await sql.mergeMarks(batchOf([[a, "2026-11-02", "AM", "/"]]));
          // Another process deletes the child meanwhile: it must wait for this transaction.
          await other.query("SET lock_timeout = '300ms'");
          await expect(other.query(`DELETE FROM "Child" WHERE "id" = $1`, [a])).rejects.toThrow(/lock timeout/);
          // A child the batch does not name is not held.
          await other.query(`DELETE FROM "Child" WHERE "id" = $1`, [b]);
          await other.query("SET lock_timeout = 0");
          deleting = other.query(`DELETE FROM "Child" WHERE "id" = $1`, [a]);
        });
        await deleting;
        expect(await t.db.child.count()).toBe(0);
        expect(await t.db.attendanceMark.count()).toBe(0);
      } finally {
        await other.end();
        await sql.close();
        await t.close();
      }
    },
  );
});

describe.skipIf(!hasPg)("which way PostgreSQL's merge checks the children", () => {
  it("once a batch as a superuser; per row as a plain role, or with a trigger of one's own on the table", async () => {
    const t = await createTestDb("children-check-way", { engine: "postgres" });
    // As the importer's connection reads values (booleans as 0 and 1).
    const ask = async (url: string) => {
      const client = new pg.Client({ connectionString: url, types: importTypes });
      await client.connect();
      try {
        await client.query("BEGIN");
        return await checksChildrenOnce(client);
      } finally {
        await client.end();
      }
    };
    try {
      expect(await ask(t.url)).toBe(true);
      expect(await ask(await asPlainRole(t.url))).toBe(false);
      await t.db.$executeRawUnsafe(
        `CREATE FUNCTION "noop"() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$`,
      );
      await t.db.$executeRawUnsafe(
        `CREATE TRIGGER "noop" BEFORE INSERT ON "AttendanceMark" FOR EACH ROW EXECUTE FUNCTION "noop"()`,
      );
      expect(await ask(t.url)).toBe(false);
    } finally {
      await t.close();
    }
  });
});
