/**
 * The audit trail (README, The API: "every read or write of a child's record writes an
 * AuditEvent row (who, role, what, which child, channel, when)"), one kind at a time: one
 * call over real HTTP, then exactly the rows it added, compared whole. Every AuditAction
 * in core/access/audit.ts is here, through the API, the tab's header or the bot; and every
 * refused call adds no row at all.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp, type TestResponse } from "../support/app.js";
import { botTurn } from "../support/bot-turns.js";
import { type ConnectorStub, startConnectorStub } from "../support/connector-stub.js";
import { aadOf, buildSmallAuthority, type Fixture, PEOPLE, TODAY } from "../support/factories.js";

let t: TestApp;
let f: Fixture;
let stub: ConnectorStub;

beforeAll(async () => {
  stub = await startConnectorStub();
  t = await startTestApp({ today: TODAY });
  f = await buildSmallAuthority(t.database.db);
});
afterAll(async () => {
  await t.close();
  await stub.close();
});

type Who = "vsh" | "sw1" | "sw2" | "dtA" | "dtB" | "iro1";
const ROLE: Record<Who, string> = {
  vsh: "vsh",
  sw1: "social_worker",
  sw2: "social_worker",
  dtA: "designated_teacher",
  dtB: "designated_teacher",
  iro1: "iro",
};

/** The row one read or write of `childId` should add. */
const row = (who: Who, action: string, childId: number, channel = "api") => ({
  actorId: f[who].id,
  actorRole: ROLE[who],
  action,
  childId,
  channel,
  outcome: "allowed",
});

/** Runs `call` and returns the audit rows it added, oldest first. */
async function auditedBy(call: () => Promise<unknown>) {
  const db = t.database.db;
  const last = await db.auditEvent.findFirst({ orderBy: { id: "desc" }, select: { id: true } });
  await call();
  return db.auditEvent.findMany({
    where: { id: { gt: last?.id ?? 0 } },
    orderBy: { id: "asc" },
    select: { actorId: true, actorRole: true, action: true, childId: true, channel: true, outcome: true },
  });
}

const byChild = (a: { childId: number | null }, b: { childId: number | null }) => (a.childId ?? 0) - (b.childId ?? 0);

/** `call`'s answer must be `status`; returns the audit rows it added. */
async function expectStatus(status: number, call: () => Promise<TestResponse>) {
  return auditedBy(async () => expect((await call()).status).toBe(status));
}

const get = (who: Who, path: string) => () => t.call("GET", path, { as: PEOPLE[who] });
const say = (who: Who, text: string) => botTurn(t.base, stub, { aadObjectId: aadOf(PEOPLE[who]) }, text);

/** An alert about Jordan sent to his DT, raised this morning. */
async function alertForJordan(dedupeKey: string) {
  return t.database.db.alert.create({
    data: {
      childId: f.jordan.id,
      rule: "unexplained_absence_today",
      dedupeKey,
      period: TODAY,
      severity: "amber",
      raisedAt: new Date("2026-11-23T10:30:00Z"),
      deliveries: { create: { professionalId: f.dtA.id, status: "sent" } },
    },
  });
}

describe("one audit row per child, exactly, for each kind of read and write", () => {
  it("read_child: GET /api/children/:id", async () => {
    const rows = await expectStatus(200, get("sw1", `/api/children/${f.jordan.id}`));
    expect(rows).toEqual([row("sw1", "read_child", f.jordan.id)]);
  });

  it("read_status: GET /api/children/:id/status", async () => {
    const rows = await expectStatus(200, get("dtA", `/api/children/${f.jordan.id}/status`));
    expect(rows).toEqual([row("dtA", "read_status", f.jordan.id)]);
  });

  it("read_status from the tab (its own mount, /tab/api) is recorded with the tab as the channel", async () => {
    const rows = await expectStatus(
      200,
      async () =>
        (await fetch(`${t.base}/tab/api/children/${f.amira.id}/status`, {
          headers: { authorization: `Bearer ${await t.token(PEOPLE.sw2)}` },
        })) as TestResponse,
    );
    expect(rows).toEqual([row("sw2", "read_status", f.amira.id, "tab")]);
  });

  it("read_attendance: GET /api/children/:id/attendance", async () => {
    const rows = await expectStatus(200, get("iro1", `/api/children/${f.jordan.id}/attendance`));
    expect(rows).toEqual([row("iro1", "read_attendance", f.jordan.id)]);
  });

  it("read_peps: GET /api/children/:id/peps", async () => {
    const rows = await expectStatus(200, get("vsh", `/api/children/${f.tyler.id}/peps`));
    expect(rows).toEqual([row("vsh", "read_peps", f.tyler.id)]);
  });

  it("read_actions: GET /api/children/:id/actions", async () => {
    const rows = await expectStatus(200, get("dtB", `/api/children/${f.amira.id}/actions`));
    expect(rows).toEqual([row("dtB", "read_actions", f.amira.id)]);
  });

  it("read_caseload: GET /api/caseload, one row per child listed", async () => {
    const rows = await expectStatus(200, get("sw1", "/api/caseload"));
    // Jordan was added before Tyler, so has the lower id.
    expect(rows.sort(byChild)).toEqual([
      row("sw1", "read_caseload", f.jordan.id),
      row("sw1", "read_caseload", f.tyler.id),
    ]);
  });

  it("search: GET /api/children?q=, one row per child found, none when nobody is", async () => {
    expect(await expectStatus(200, get("vsh", "/api/children?q=smith"))).toEqual([row("vsh", "search", f.jordan.id)]);
    const listed = await expectStatus(200, get("sw1", "/api/children"));
    // sw1's list is by surname: Brooks, Smith.
    expect(listed).toEqual([row("sw1", "search", f.tyler.id), row("sw1", "search", f.jordan.id)]);
    expect(await expectStatus(200, get("sw1", "/api/children?q=amira"))).toEqual([]);
  });

  it("create_child: POST /api/children", async () => {
    let id = 0;
    const rows = await auditedBy(async () => {
      const res = await t.call("POST", "/api/children", {
        as: PEOPLE.vsh,
        // H801200001001: the DfE guidance's example UPN (test/unit/upn-published.test.ts).
        body: {
          localId: "AUD1",
          firstName: "Noor",
          lastName: "Hassan",
          dateOfBirth: "2016-02-29",
          upn: "H801200001001",
        },
      });
      expect(res.status).toBe(201);
      id = (await res.json()).id;
    });
    expect(rows).toEqual([row("vsh", "create_child", id)]);
  });

  it("log_action: POST /api/children/:id/actions", async () => {
    const rows = await auditedBy(async () => {
      const res = await t.call("POST", `/api/children/${f.tyler.id}/actions`, {
        as: PEOPLE.sw1,
        body: { text: "Rang the carer about a school place" },
      });
      expect(res.status).toBe(201);
    });
    expect(rows).toEqual([row("sw1", "log_action", f.tyler.id)]);
  });

  it("answer_alert: POST /api/alerts/:id/acknowledge", async () => {
    const alert = await alertForJordan("jordan:audit-acknowledge:2026-11-23");
    const rows = await expectStatus(200, () =>
      t.call("POST", `/api/alerts/${alert.id}/acknowledge`, { as: PEOPLE.dtA }),
    );
    expect(rows).toEqual([row("dtA", "answer_alert", f.jordan.id)]);
  });

  it("import: POST /api/imports/roll, one row per child the import changed", async () => {
    // A school no test's DT works at, so no one else's scope changes.
    await t.database.db.school.create({
      data: { urn: "100077", name: "Brookside School", phase: "primary", localAuthority: "999" },
    });
    const lines = ["child,urn,from", "T003,100077,01/09/2026", "T004,100077,01/09/2026", "T004,100077,01/09/2026"];
    const form = new FormData();
    form.append("file", new Blob([`${lines.join("\n")}\n`], { type: "text/csv" }), "roll.csv");
    const rows = await expectStatus(
      200,
      async () =>
        (await fetch(`${t.base}/api/imports/roll`, {
          method: "POST",
          headers: { authorization: `Bearer ${await t.token(PEOPLE.vsh)}` },
          body: form,
        })) as TestResponse,
    );
    // Tyler and Leah gain a place; the third line repeats the second and is refused.
    expect(rows.sort(byChild)).toEqual([row("vsh", "import", f.tyler.id), row("vsh", "import", f.leah.id)]);
  });

  it("read_brief: `brief <child>` in the bot, once (finding the child is not a second read)", async () => {
    const rows = await auditedBy(async () => {
      const { cards } = await say("iro1", "brief Jordan Smith");
      expect(cards).toHaveLength(1);
    });
    expect(rows).toEqual([row("iro1", "read_brief", f.jordan.id, "bot")]);
  });

  it("read_status and read_caseload in the bot, with the bot as the channel", async () => {
    const status = await auditedBy(async () => expect((await say("sw1", "status Tyler")).cards).toHaveLength(1));
    // The status card names whom to contact: the team is a read of the record too (services.team).
    expect(status).toEqual([row("sw1", "read_child", f.tyler.id, "bot"), row("sw1", "read_status", f.tyler.id, "bot")]);
    const caseload = await auditedBy(async () => expect((await say("dtB", "my pupils")).cards).toHaveLength(1));
    expect(caseload).toEqual([row("dtB", "read_caseload", f.amira.id, "bot")]);
  });

  it("read_alerts: the alerts list names children, in the API and in the bot", async () => {
    await alertForJordan("jordan:audit-list:2026-11-23");
    const listed = await auditedBy(async () => {
      const res = await t.call("GET", "/api/alerts", { as: PEOPLE.dtA });
      expect(res.status).toBe(200);
      const { items } = await res.json();
      // Other tests may leave more of Jordan's alerts open: the list names him, once a child.
      expect(new Set(items.map((a: { child: { id: number } }) => a.child.id))).toEqual(new Set([f.jordan.id]));
    });
    expect(listed).toEqual([row("dtA", "read_alerts", f.jordan.id)]);
    const shown = await auditedBy(async () => expect((await say("dtA", "alerts")).cards).toHaveLength(1));
    expect(shown).toEqual([row("dtA", "read_alerts", f.jordan.id, "bot")]);
  });
});

/** The one row a refused call adds (issue 13: refusals are audited with their outcome). */
const refused = (who: Who | null, childId: number | null) => ({
  actorId: who ? f[who].id : null,
  actorRole: who ? ROLE[who] : "unregistered",
  action: "access",
  childId,
  channel: "api",
  outcome: "refused",
});

describe("a refused call adds one refused row, and nothing else", () => {
  // Jordan's social worker is sw1, his school's DT is dtA and his IRO is iro1.
  it.each([
    ["his status, for another social worker", "sw2", "/status"],
    ["his record, for the DT of another school", "dtB", ""],
    ["his attendance, for another social worker", "sw2", "/attendance"],
    ["his PEPs, for the DT of another school", "dtB", "/peps"],
    ["his actions, for another social worker", "sw2", "/actions"],
  ] as const)("%s (404)", async (_, who, suffix) => {
    expect(await expectStatus(404, get(who, `/api/children/${f.jordan.id}${suffix}`))).toEqual([
      refused(who, f.jordan.id),
    ]);
  });

  it("a child that does not exist, for the VSH", async () => {
    expect(await expectStatus(404, get("vsh", "/api/children/99999/status"))).toEqual([refused("vsh", 99999)]);
  });

  it("writes refused for the role or the scope", async () => {
    const newChild = { localId: "AUD2", firstName: "Sam", lastName: "Lee", dateOfBirth: "2016-03-01", upn: "UN1" };
    expect(await expectStatus(403, () => t.call("POST", "/api/children", { as: PEOPLE.sw1, body: newChild }))).toEqual([
      refused("sw1", null),
    ]);
    expect(
      await expectStatus(404, () =>
        t.call("POST", `/api/children/${f.jordan.id}/actions`, { as: PEOPLE.sw2, body: { text: "Rang the school" } }),
      ),
    ).toEqual([refused("sw2", f.jordan.id)]);
  });

  it("an answer from someone the alert was not sent to, in scope (403) or not (404), naming its child", async () => {
    const alert = await alertForJordan("jordan:audit-refused:2026-11-23");
    const ack = (who: Who) => () => t.call("POST", `/api/alerts/${alert.id}/acknowledge`, { as: PEOPLE[who] });
    expect(await expectStatus(403, ack("iro1"))).toEqual([refused("iro1", f.jordan.id)]);
    expect(await expectStatus(404, ack("sw2"))).toEqual([refused("sw2", f.jordan.id)]);
  });

  it("no token (nothing), or a token for someone the Virtual School does not know (refused)", async () => {
    const path = `/api/children/${f.jordan.id}/status`;
    expect(await expectStatus(401, () => t.call("GET", path))).toEqual([]);
    expect(await expectStatus(403, () => t.call("GET", path, { as: "nobody@test.local" }))).toEqual([
      refused(null, f.jordan.id),
    ]);
    expect(await expectStatus(403, () => t.call("GET", path, { as: PEOPLE.inactive }))).toEqual([
      refused(null, f.jordan.id),
    ]);
  });

  it("the VSH's figures and imports, for anyone else", async () => {
    expect(await expectStatus(403, get("sw1", "/api/stats"))).toEqual([refused("sw1", null)]);
    const form = new FormData();
    form.append("file", new Blob(["child,urn,from\nT001,100001,01/09/2026\n"], { type: "text/csv" }), "roll.csv");
    const upload = async () =>
      (await fetch(`${t.base}/api/imports/roll`, {
        method: "POST",
        headers: { authorization: `Bearer ${await t.token(PEOPLE.dtA)}` },
        body: form,
      })) as TestResponse;
    expect(await expectStatus(403, upload)).toEqual([refused("dtA", null)]);
  });

  it("a brief in the bot for a child outside the scope, asked for by name: refused, by id", async () => {
    const rows = await auditedBy(async () => {
      const { text, cards } = await say("sw2", "brief Jordan Smith");
      expect(cards).toEqual([]);
      expect(text).toMatch(/couldn't find a child/);
    });
    expect(rows).toEqual([{ ...refused("sw2", f.jordan.id), channel: "bot" }]);
  });
});
