/**
 * The bot's status turn on PostgreSQL, counted in messages to the server (each a round
 * trip, paid in latency and in both processes' CPU): the conversation's dialog state and,
 * beside it, the name typed; the facts, the team, and the audit append's two messages (BEGIN, the chain's lock
 * and the INSERT; then the seals, the head and COMMIT: postgres-script.ts), where it was
 * ten. The append's values go into its text as literals: they must come back exactly as
 * given, and a failure between the two messages must leave nothing written and the
 * connection usable. Against the PostgreSQL server at TEST_PG_URL, whatever TEST_DATABASE
 * says; skipped, saying so, when there is none.
 */
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { verifyAuditChain } from "../../core/access/audit.js";
import { sqlOf } from "../../core/platform/sql/index.js";
import { startTestApp, type TestApp } from "../support/app.js";
import { botTurn } from "../support/bot-turns.js";
import { type ConnectorStub, startConnectorStub } from "../support/connector-stub.js";
import { createTestDb } from "../support/db.js";
import { aadOf, buildSmallAuthority, type Fixture, PEOPLE, TODAY } from "../support/factories.js";
import { pgAvailable } from "../support/pg.js";

const hasPg = await pgAvailable();

type Sent = { text: string; sent: number; answered: number };

/** The messages `work` sends to PostgreSQL from this process, in order, each with when it went and when it was answered (a step count). */
async function messagesDuring(work: () => Promise<unknown>): Promise<Sent[]> {
  const original = pg.Client.prototype.query;
  const sent: Sent[] = [];
  let step = 0;
  pg.Client.prototype.query = function (this: pg.Client, ...args: Parameters<pg.Client["query"]>) {
    const [query] = args as unknown[];
    const one = {
      text: String(typeof query === "string" ? query : (query as { text: string }).text),
      sent: ++step,
      answered: 0,
    };
    sent.push(one);
    const result = (original as (...a: unknown[]) => unknown).apply(this, args);
    const settled = () => {
      one.answered = ++step;
    };
    if (result instanceof Promise) result.then(settled, settled);
    return result;
  } as typeof original;
  try {
    await work();
    return sent;
  } finally {
    pg.Client.prototype.query = original;
  }
}

describe.skipIf(!hasPg)("the bot's status turn on PostgreSQL, in round trips", () => {
  let t: TestApp;
  let f: Fixture;
  let stub: ConnectorStub;
  beforeAll(async () => {
    stub = await startConnectorStub();
    t = await startTestApp({ today: TODAY, database: await createTestDb("pg-round-trips", { engine: "postgres" }) });
    f = await buildSmallAuthority(t.database.db);
  });
  afterAll(async () => {
    await t?.close();
    await t?.database.close();
    await stub?.close();
  });

  const status = () => botTurn(t.base, stub, { aadObjectId: aadOf(PEOPLE.vsh) }, "status Jordan Smith");

  it("asks six times: the dialog state beside the name, the facts, the team, and the audit append in two", async () => {
    await status(); // the person and the conversation reference, remembered from here on
    let card = "";
    const messages = await messagesDuring(async () => {
      card = JSON.stringify((await status()).cards);
    });
    const sent = messages.map((m) => m.text);
    // The names typed are asked for before the dialog state has come back: side by side.
    const dialogState = messages.find((m) => m.text.includes('"BotState"'));
    const names = messages.find((m) => m.text.includes("ILIKE"));
    expect(names?.sent).toBeLessThan(dialogState?.answered ?? 0);
    expect(card).toContain("Education status for Jordan");
    expect(sent.length).toBeLessThanOrEqual(6);
    const append = sent.filter((text) => /AuditEvent|AuditHead|^BEGIN|COMMIT$/.test(text));
    expect(append).toHaveLength(2);
    expect(append[0]).toMatch(/^BEGIN;\nSELECT pg_advisory_xact_lock\(\d+\);\nINSERT INTO "AuditEvent"/);
    expect(append[1]).toMatch(/^UPDATE "AuditEvent"[\s\S]*INSERT INTO "AuditHead"[\s\S]*;\nCOMMIT$/);
    const rows = await t.database.db.auditEvent.findMany({ orderBy: { id: "desc" }, take: 2 });
    expect(rows.map((r) => [r.action, r.childId])).toEqual([
      ["read_status", f.jordan.id],
      ["read_child", f.jordan.id],
    ]);
    expect((await verifyAuditChain(t.database.db)).broken).toBeNull();
  });

  it("values written into the text come back as they were given", async () => {
    const engine = sqlOf(t.database.db);
    const odd = ["it's", "back\\slash", "\\'", "$1 and $2", "ünïcödé ‘’ 😀", "", "--", "a\nb"];
    const returned: unknown[] = [];
    await engine.exclusivelyInTwo<Record<string, unknown>>(
      4242,
      [
        {
          sql: "SELECT $1::text AS a, $2::text AS b, $3::int AS n, $4::bigint AS big, $5::text AS none",
          params: [odd[0] ?? "", odd[1] ?? "", -7, 2n ** 40n, null],
        },
      ],
      (rows) => {
        returned.push(...rows);
        return [];
      },
    );
    expect(returned).toEqual([{ a: "it's", b: "back\\slash", n: -7, big: 2 ** 40, none: null }]);
    const echoed = await messagesDuring(() =>
      engine.exclusivelyInTwo<{ v: string }>(
        4242,
        odd.map((text) => ({ sql: "SELECT $1::text AS v", params: [text] })),
        (rows) => {
          expect(rows.map((r) => r.v)).toEqual(odd);
          return [];
        },
      ),
    );
    expect(echoed).toHaveLength(2);
  });

  it("a failure between the two messages writes nothing and leaves the connections usable", async () => {
    const engine = sqlOf(t.database.db);
    const before = await t.database.db.auditEvent.count();
    const insert = {
      sql: `INSERT INTO "AuditEvent" ("at", "actorId", "actorRole", "action", "childId", "channel", "outcome")
            VALUES ($1, NULL, 'vsh', 'read_child', NULL, 'api', 'allowed') RETURNING "id"`,
      params: [new Date().toISOString()],
    };
    const failing = () =>
      engine.exclusivelyInTwo(4242, [insert], () => {
        throw new Error("no seals");
      });
    // More failures than the pool has connections: each was given back, rolled back.
    for (let i = 0; i < 12; i++) await expect(failing()).rejects.toThrow("no seals");
    await expect(engine.exclusivelyInTwo(4242, [{ sql: "SELECT nope", params: [] }], () => [])).rejects.toThrow();
    expect(await t.database.db.auditEvent.count()).toBe(before);
    expect((await status()).cards).toHaveLength(1);
    expect((await verifyAuditChain(t.database.db)).broken).toBeNull();
  });
});
