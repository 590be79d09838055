/**
 * Issue 13, item 4: a complete, tamper-evident audit. Every audit row carries the hash of
 * the one before it, whichever writer wrote it (the API, a second process's client, an
 * import) and however many write at once; `npm run audit:verify` names the first broken
 * link when a row is edited or deleted; the VSH exports a child's trail as spreadsheet-safe
 * CSV; refusals are audited with their outcome; the channel is the server's, not a header's.
 */
import { execFile } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { promisify } from "node:util";
import { parse } from "csv-parse/sync";
import Fastify from "fastify";
import { serializerCompiler, validatorCompiler, type ZodTypeProvider } from "fastify-type-provider-zod";
import { describe, expect, it } from "vitest";
import { authPlugin } from "../../api/plugins/auth.js";
import { childRoutes } from "../../api/routes/children.js";
import { auditHash, createAuditLog, verifyAuditChain } from "../../core/access/audit.js";
import { auditImport, type ImportContext } from "../../core/imports/context.js";
import { openImportDb } from "../../core/imports/sql.js";
import type { Db } from "../../core/platform/db.js";
import { createTestDb, type TestDb } from "../support/db.js";
import { PEOPLE } from "../support/factories.js";
import { useSmallAuthority } from "../support/small-authority.js";

const run = promisify(execFile);

const { t, f } = useSmallAuthority();
const db = () => t.database.db;

const chain = (d: Db) => d.auditEvent.findMany({ orderBy: { id: "asc" } });

/** Rows added by `call`, oldest first. */
async function added(call: () => Promise<unknown>) {
  const last = await db().auditEvent.findFirst({ orderBy: { id: "desc" }, select: { id: true } });
  await call();
  return db().auditEvent.findMany({ where: { id: { gt: last?.id ?? 0 } }, orderBy: { id: "asc" } });
}

/** Runs `npm run audit:verify`'s script against `url`: its exit code and what it printed. */
async function verifyScript(url: string) {
  try {
    const { stdout } = await run("npx", ["tsx", "scripts/audit-verify.ts"], {
      env: { ...process.env, DATABASE_URL: url },
    });
    return { code: 0, out: stdout };
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string };
    return { code: e.code, out: `${e.stdout}${e.stderr}` };
  }
}

/** A database of its own with a whole chain of `n` rows, for tampering with. */
async function chainOf(n: number): Promise<TestDb> {
  const own = await createTestDb("audit-chain");
  const audit = createAuditLog(own.db);
  for (let i = 0; i < n; i++) await audit.record({ id: 1, role: "vsh", channel: "api" }, "read_child", [i + 1]);
  return own;
}

describe("every audit row is chained to the one before it", () => {
  it("API reads, a multi-child list, another process and an import, written at once, make one unbroken chain", async () => {
    await t.call("GET", `/api/children/${f.jordan.id}`, { as: PEOPLE.sw1 });
    await t.call("GET", "/api/caseload", { as: PEOPLE.vsh });
    // Another process (say, the worker) appending 40 rows while this one appends and imports.
    const dir = mkdtempSync(join(tmpdir(), "vs-audit-writer-"));
    const script = join(dir, "writer.mts");
    writeFileSync(
      script,
      `import { createAuditLog } from ${JSON.stringify(resolve("core/access/audit.ts"))};
       import { createDb } from ${JSON.stringify(resolve("core/platform/db.ts"))};
       const db = await createDb(process.env.DATABASE_URL ?? "");
       const audit = createAuditLog(db);
       await Promise.all(Array.from({ length: 40 }, () => audit.record({ id: 1, role: "vsh", channel: "job" }, "read_alerts", [1, 2])));
       await db.$disconnect();`,
    );
    const importer = await openImportDb(t.database.url);
    const ctx = { db: importer, actor: { id: null, role: "system", channel: "job" } } as unknown as ImportContext;
    const audit = createAuditLog(db());
    try {
      await Promise.all([
        run("npx", ["tsx", script], { env: { ...process.env, DATABASE_URL: t.database.url } }),
        (async () => {
          for (let i = 0; i < 60; i++) {
            await Promise.all([
              audit.record({ id: f.vsh.id, role: "vsh", channel: "api" }, "read_status", [f.jordan.id, f.amira.id]),
              importer.write(() => auditImport(ctx, [f.tyler.id, f.leah.id])),
            ]);
          }
        })(),
      ]);
    } finally {
      importer.close();
      rmSync(dir, { recursive: true, force: true });
    }
    expect(await db().auditEvent.count({ where: { channel: "job", action: "read_alerts" } })).toBe(80);
    expect(await db().auditEvent.count({ where: { action: "import" } })).toBe(120);
    const rows = await chain(db());
    expect(rows.length).toBeGreaterThan(320);
    let prev: string | null = null;
    for (const row of rows) {
      expect(row.prevHash).toBe(prev);
      expect(row.hash).toBe(auditHash(row, row.prevHash));
      prev = row.hash;
    }
    // No fork: no two rows name the same predecessor.
    expect(new Set(rows.map((r) => r.prevHash)).size).toBe(rows.length);
    expect(await verifyAuditChain(db())).toEqual({ checked: rows.length, unchained: 0, broken: null });
    // It starts a second process (tsx compiling the writer): 3 s alone, past 20 s once under a
    // loaded full run with other processes starting; a hang still fails.
  }, 60_000);
});

describe("npm run audit:verify names the first broken link", () => {
  it("a whole chain: exit 0", async () => {
    const own = await chainOf(3);
    try {
      const { code, out } = await verifyScript(own.url);
      expect(code).toBe(0);
      expect(out).toContain("Audit chain whole: 3 row(s) checked");
    } finally {
      await own.close();
    }
  });

  it("a row's field edited: exit 1, naming that row", async () => {
    const own = await chainOf(5);
    try {
      const rows = await chain(own.db);
      await own.db.auditEvent.update({ where: { id: rows[2]?.id }, data: { childId: 99 } });
      const { code, out } = await verifyScript(own.url);
      expect(code).toBe(1);
      expect(out).toContain(`BROKEN at row ${rows[2]?.id}: its fields do not match its hash`);
    } finally {
      await own.close();
    }
  });

  it("a row edited and its hash recomputed: caught at the next row's link", async () => {
    const own = await chainOf(5);
    try {
      const rows = await chain(own.db);
      const target = rows[1];
      if (!target) throw new Error("no row");
      const forged = auditHash({ ...target, outcome: "refused" }, target.prevHash);
      await own.db.auditEvent.update({ where: { id: target.id }, data: { outcome: "refused", hash: forged } });
      expect((await verifyAuditChain(own.db)).broken).toMatchObject({ id: rows[2]?.id });
    } finally {
      await own.close();
    }
  });

  it("a row deleted: exit 1, naming the row after the gap", async () => {
    const own = await chainOf(5);
    try {
      const rows = await chain(own.db);
      await own.db.auditEvent.delete({ where: { id: rows[1]?.id } });
      const { code, out } = await verifyScript(own.url);
      expect(code).toBe(1);
      expect(out).toContain(`BROKEN at row ${rows[2]?.id}`);
      expect(out).toContain("deleted");
    } finally {
      await own.close();
    }
  });

  it("the first row deleted: caught at the row after it", async () => {
    const own = await chainOf(4);
    try {
      const rows = await chain(own.db);
      await own.db.auditEvent.delete({ where: { id: rows[0]?.id } });
      expect((await verifyAuditChain(own.db)).broken).toMatchObject({ id: rows[1]?.id });
    } finally {
      await own.close();
    }
  });

  it("the last row deleted: exit 1, naming it; still caught after later appends", async () => {
    const own = await chainOf(4);
    try {
      const rows = await chain(own.db);
      const last = rows.at(-1);
      await own.db.auditEvent.delete({ where: { id: last?.id } });
      const { code, out } = await verifyScript(own.url);
      expect(code).toBe(1);
      expect(out).toContain(`BROKEN at row ${last?.id}: rows after ${rows[2]?.id} up to ${last?.id} were deleted`);
      // The next row links to the head, the deleted row's hash: the gap stays in the chain.
      await createAuditLog(own.db).record({ id: 1, role: "vsh", channel: "api" }, "read_child", [1]);
      expect((await verifyAuditChain(own.db)).broken).toMatchObject({ id: (last?.id ?? 0) + 1 });
    } finally {
      await own.close();
    }
  });

  it("the tail truncated, or every row deleted: caught", async () => {
    const own = await chainOf(5);
    try {
      const rows = await chain(own.db);
      await own.db.auditEvent.deleteMany({ where: { id: { gte: rows[2]?.id } } });
      expect((await verifyAuditChain(own.db)).broken).toMatchObject({ id: rows[4]?.id });
      await own.db.auditEvent.deleteMany({});
      expect(await verifyAuditChain(own.db)).toMatchObject({ checked: 0, broken: { id: rows[4]?.id } });
    } finally {
      await own.close();
    }
  });

  it("the head deleted or altered: caught; the log emptied with its head starts a new chain", async () => {
    const own = await chainOf(3);
    try {
      const rows = await chain(own.db);
      await own.db.auditHead.update({ where: { id: 1 }, data: { hash: "0".repeat(64) } });
      expect((await verifyAuditChain(own.db)).broken).toMatchObject({ id: rows[2]?.id });
      await own.db.auditHead.deleteMany({});
      expect((await verifyAuditChain(own.db)).broken).toMatchObject({ id: rows[2]?.id });
      // Nothing in the database can tell a log emptied with its head from a new one (README: keep a copy of the last hash).
      await own.db.auditEvent.deleteMany({});
      await createAuditLog(own.db).record({ id: 1, role: "vsh", channel: "api" }, "read_child", [1]);
      await createAuditLog(own.db).record({ id: 1, role: "vsh", channel: "api" }, "read_child", [1]);
      expect(await verifyAuditChain(own.db)).toMatchObject({ checked: 2, broken: null });
    } finally {
      await own.close();
    }
  });
});

describe("the VSH exports one child's audit trail as CSV (a subject access request)", () => {
  it("header row, every row about the child oldest first, UTF-8, formula-leading cells escaped", async () => {
    await db().professional.update({ where: { id: f.sw1.id }, data: { name: '=HYPERLINK("http://x","Zoë")' } });
    await t.call("GET", `/api/children/${f.jordan.id}/status`, { as: PEOPLE.sw1 });
    const res = await t.call("GET", `/api/children/${f.jordan.id}/audit.csv`, { as: PEOPLE.vsh });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    const text = await res.text();
    const [header, ...rows] = parse(text) as string[][];
    expect(header).toEqual([
      "event id",
      "at (UTC)",
      "actor id",
      "actor name",
      "actor role",
      "action",
      "channel",
      "outcome",
      "hash",
    ]);
    const expected = await db().auditEvent.findMany({ where: { childId: f.jordan.id }, orderBy: { id: "asc" } });
    // The export itself is audited after it is written: every row before it is in it.
    expect(rows.map((r) => Number(r[0]))).toEqual(expected.slice(0, -1).map((e) => e.id));
    expect(expected.at(-1)).toMatchObject({ actorId: f.vsh.id, action: "read_audit", outcome: "allowed" });
    const bySw1 = rows.find((r) => r[2] === String(f.sw1.id) && r[5] === "read_status");
    expect(bySw1?.[3]).toBe(`'=HYPERLINK("http://x","Zoë")`);
    expect(rows.every((r) => r.every((cell) => !/^[=+\-@\t\r]/.test(cell)))).toBe(true);
  });

  it("anyone else gets 403 problem+json, and the refusal is audited", async () => {
    const rows = await added(async () => {
      const res = await t.call("GET", `/api/children/${f.jordan.id}/audit.csv`, { as: PEOPLE.sw1 });
      expect(res.status).toBe(403);
      expect(res.headers.get("content-type")).toContain("application/problem+json");
    });
    expect(rows).toMatchObject([{ actorId: f.sw1.id, action: "access", childId: f.jordan.id, outcome: "refused" }]);
  });
});

describe("refusals are audited with their outcome; the server sets the channel", () => {
  it("a child out of scope (404) is a refused row naming the child asked for", async () => {
    const rows = await added(async () => {
      expect((await t.call("GET", `/api/children/${f.amira.id}/status`, { as: PEOPLE.sw1 })).status).toBe(404);
    });
    expect(rows).toMatchObject([
      {
        actorId: f.sw1.id,
        actorRole: "social_worker",
        action: "access",
        childId: f.amira.id,
        channel: "api",
        outcome: "refused",
      },
    ]);
  });

  it("a VSH-only route (403) is a refused row", async () => {
    const rows = await added(async () => {
      const { upn } = await db().child.findUniqueOrThrow({ where: { id: f.jordan.id }, select: { upn: true } });
      const body = { localId: "X9", firstName: "A", lastName: "B", dateOfBirth: "2015-01-01", upn };
      expect((await t.call("POST", "/api/children", { as: PEOPLE.dtA, body })).status).toBe(403);
    });
    expect(rows).toMatchObject([{ actorId: f.dtA.id, action: "access", childId: null, outcome: "refused" }]);
  });

  it("an allowed read is recorded as allowed", async () => {
    const rows = await added(() => t.call("GET", `/api/children/${f.jordan.id}`, { as: PEOPLE.sw1 }));
    expect(rows).toMatchObject([{ action: "read_child", outcome: "allowed" }]);
  });

  it("registered with its channel, the auth plugin records that channel whatever the x-client header says", async () => {
    const rows: { channel: string }[] = [];
    for (const channel of ["api", "tab"] as const) {
      const app = Fastify().withTypeProvider<ZodTypeProvider>();
      app.setValidatorCompiler(validatorCompiler);
      app.setSerializerCompiler(serializerCompiler);
      await app.register(
        async (api) => {
          await api.register(authPlugin, { services: t.runtime.services, channel });
          await api.register(childRoutes, { services: t.runtime.services });
        },
        { prefix: "/api" },
      );
      try {
        const token = await t.token(PEOPLE.sw1);
        for (const header of ["bot", "tab", "api"]) {
          rows.push(
            ...(await added(async () => {
              const res = await app.inject({
                url: `/api/children/${f.jordan.id}`,
                headers: { authorization: `Bearer ${token}`, "x-client": header },
              });
              expect(res.statusCode).toBe(200);
            })),
          );
        }
      } finally {
        await app.close();
      }
    }
    expect(rows.map((r) => r.channel)).toEqual(["api", "api", "api", "tab", "tab", "tab"]);
  });
});
