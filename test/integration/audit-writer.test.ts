/**
 * Issue 13, item 4, the audit's cost: a read's audit row is appended through the audit's
 * own connection in one synchronous transaction, which never waits on SQLite's busy
 * timeout (that would stop the event loop): while another writer holds the lock it
 * retries asynchronously, and at its deadline it gives up with DatabaseBusy (a 503).
 * Appended alongside changes (whose rows go through their own Prisma transaction), the
 * chain stays one unbroken line.
 */
import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { auditHash, createAuditLog, verifyAuditChain } from "../../core/access/audit.js";
import { DatabaseBusy } from "../../core/platform/db.js";
import { sqlitePath } from "../../core/platform/migrate.js";
import { PEOPLE } from "../support/factories.js";
import { useSmallAuthority } from "../support/small-authority.js";

const { t, f } = useSmallAuthority();
const db = () => t.database.db;

const reader = { id: 1, role: "vsh", channel: "api" } as const;

/** Another connection holding SQLite's write lock (as an import or the worker would) until released. */
function holdWriteLock() {
  const other = new Database(sqlitePath(t.database.url), { timeout: 0 });
  other.prepare("BEGIN IMMEDIATE").run();
  return () => {
    other.prepare("COMMIT").run();
    other.close();
  };
}

/** Counts event-loop turns (a 5 ms interval) while `work` runs. */
async function ticksDuring<T>(work: Promise<T>): Promise<{ ticks: number; result: T }> {
  let ticks = 0;
  const timer = setInterval(() => ticks++, 5);
  try {
    const result = await work;
    return { ticks, result };
  } finally {
    clearInterval(timer);
  }
}

describe("an append meets a database another writer has locked", () => {
  it("waits without stopping the event loop, and appends once the lock is free", async () => {
    const audit = createAuditLog(db(), { url: t.database.url });
    const release = holdWriteLock();
    setTimeout(release, 300);
    const started = performance.now();
    const { ticks } = await ticksDuring(audit.record(reader, "read_child", [f.jordan.id]));
    expect(performance.now() - started).toBeGreaterThanOrEqual(250);
    // Blocked synchronously, the interval could not have run at all (a tick at most); on a
    // loaded machine a 5 ms interval over 300 ms fires about 20 times, not 60.
    expect(ticks).toBeGreaterThan(5);
    audit.close();
    expect((await verifyAuditChain(db())).broken).toBeNull();
  });

  it("gives up at its deadline with DatabaseBusy (the API's 503), appending nothing", async () => {
    const audit = createAuditLog(db(), { url: t.database.url, deadlineMs: 150 });
    const before = await db().auditEvent.count();
    const release = holdWriteLock();
    try {
      const { ticks, result } = await ticksDuring(
        audit.record(reader, "read_child", [f.jordan.id]).then(
          () => null,
          (err: unknown) => err,
        ),
      );
      expect(result).toBeInstanceOf(DatabaseBusy);
      expect(ticks).toBeGreaterThan(10);
    } finally {
      release();
      audit.close();
    }
    expect(await db().auditEvent.count()).toBe(before);
  });
});

describe("reads (the audit's connection) and changes (their own transactions) append to one chain", () => {
  it("40 reads and 20 actions logged at once: every row links to the one before, no fork", async () => {
    const first = (await db().auditEvent.findFirst({ orderBy: { id: "desc" }, select: { id: true } }))?.id ?? 0;
    await Promise.all([
      ...Array.from({ length: 40 }, () => t.call("GET", `/api/children/${f.jordan.id}/status`, { as: PEOPLE.sw1 })),
      ...Array.from({ length: 20 }, (_, i) =>
        t.call("POST", `/api/children/${f.tyler.id}/actions`, { as: PEOPLE.sw1, body: { text: `Call ${i}` } }),
      ),
    ]).then((answers) =>
      expect(answers.map((a) => a.status).sort()).toEqual([...Array(40).fill(200), ...Array(20).fill(201)].sort()),
    );
    const rows = await db().auditEvent.findMany({ where: { id: { gt: first } }, orderBy: { id: "asc" } });
    expect(rows.filter((r) => r.action === "read_status")).toHaveLength(40);
    expect(rows.filter((r) => r.action === "log_action")).toHaveLength(20);
    for (const [i, r] of rows.entries()) {
      if (i > 0) expect(r.prevHash).toBe(rows[i - 1]?.hash);
      expect(r.hash).toBe(auditHash(r, r.prevHash));
    }
    expect(await verifyAuditChain(db())).toMatchObject({ broken: null });
  });
});
