/**
 * The PEP workflow over real HTTP (and, for card answers, through the core's answers as
 * the bot calls them) on the small test authority on Monday 23 November 2026, autumn term.
 * The file tells one story in order: Jordan's overdue initial PEP is booked, held with
 * targets, submitted and quality-assured; Amira's spring PEP is returned and resubmitted;
 * Tyler's is answered on his alert card and rated red by the Head; then the PP+ totals.
 *
 * The daily scan (fixed clock) raises the PEP alerts; their copies are marked sent, as if
 * Teams had them, so card updates are queued (no workers run: jobs stay in the queue,
 * where the tests read them). PP+ is the national default: £2,570.00 a child, nothing
 * kept centrally, a third released per term: £856.66 (85,666p) in the autumn term.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Role } from "../../core/access/roles.js";
import { runScan } from "../../core/alerts/scan.js";
import { londonDateOf } from "../../core/platform/dates.js";
import { outboxAlert } from "../support/alert-jobs.js";
import { type Json, startTestApp, type TestApp } from "../support/app.js";
import { buildSmallAuthority, type Fixture, PEOPLE, TODAY } from "../support/factories.js";

let t: TestApp;
let f: Fixture;
const db = () => t.database.db;
const services = () => t.runtime.services;

type Who = keyof typeof PEOPLE;
const as = (who: Who) => ({ as: PEOPLE[who] });

beforeAll(async () => {
  t = await startTestApp({ today: TODAY });
  f = await buildSmallAuthority(db());
  // Amira's autumn PEP was held on 1 Oct: her next is spring's.
  await db().pep.create({
    data: {
      childId: f.amira.id,
      term: "2026-autumn",
      dueDate: "2026-12-18",
      meetingDate: "2026-10-01",
      status: "complete",
    },
  });
  const s = services();
  await runScan(
    { db: s.db, calendars: s.calendars, policy: s.config.policy, clock: s.clock, queue: s.queue },
    { registersClosed: false },
  );
  // An alert that is not about a PEP: nothing the PEP does may touch it.
  await outboxAlert(db(), {
    childId: f.jordan.id,
    recipientIds: [f.sw1.id, f.dtA.id],
    raisedAt: new Date(`${TODAY}T10:30:00Z`),
    rule: "unexplained_absence_today",
    details: { date: TODAY, am: "N", pm: "none" },
  });
  // Every copy reached Teams.
  await db().alertDelivery.updateMany({ data: { status: "sent", activityId: "activity", conversationId: "conv" } });
});
afterAll(() => t.close());

/** The audit rows written by `fn`, as [action, actor, child, channel]. */
async function audited(fn: () => Promise<unknown>) {
  const since = (await db().auditEvent.findFirst({ orderBy: { id: "desc" } }))?.id ?? 0;
  await fn();
  const rows = await db().auditEvent.findMany({ where: { id: { gt: since } }, orderBy: { id: "asc" } });
  return rows.map((a) => [a.action, a.actorId, a.childId, a.channel]);
}

/**
 * Queued jobs of `name`, by delivery id (no worker runs, so they wait); a digest's update
 * counts for each copy it holds.
 */
async function queued(name: "deliver" | "updateCard"): Promise<number[]> {
  const jobs = await t.runtime.queues.deliveries.getJobs(["waiting", "delayed", "prioritized"]);
  const own = jobs.filter((j) => j.name === name).map((j) => Number(j.data.deliveryId));
  if (name !== "updateCard") return own;
  const posts = jobs.filter((j) => j.name === "updatePost").map((j) => Number(j.data.postId));
  const held = await db().alertDelivery.findMany({
    where: { postId: { in: posts } },
    select: { id: true, postId: true },
  });
  // One job, one update of each copy it holds.
  return [...own, ...posts.flatMap((postId) => held.filter((d) => d.postId === postId).map((d) => d.id))];
}

/** Card updates queued by `fn`, by delivery id, sorted. */
async function updatesQueuedBy(fn: () => Promise<unknown>): Promise<number[]> {
  const before = await queued("updateCard");
  await fn();
  const after = await queued("updateCard");
  const counts = new Map<number, number>();
  for (const id of before) counts.set(id, (counts.get(id) ?? 0) + 1);
  return after
    .filter((id) => {
      const left = counts.get(id) ?? 0;
      if (left > 0) counts.set(id, left - 1);
      return left === 0;
    })
    .sort((a, b) => a - b);
}

const alertOf = (childId: number, rule: string) =>
  db().alert.findFirstOrThrow({
    where: { childId, rule },
    orderBy: { id: "desc" },
    include: { deliveries: { orderBy: { id: "asc" } }, events: { orderBy: { id: "asc" } } },
  });
const sentIds = (alert: { deliveries: { id: number; status: string }[] }) =>
  alert.deliveries.filter((d) => d.status === "sent").map((d) => d.id);
/** The updates of this alert's copies (a digest's update also updates the other alerts it holds). */
const copiesOf = (updates: number[], alert: { deliveries: { id: number }[] }) =>
  updates.filter((id) => alert.deliveries.some((d) => d.id === id));
const history = (alert: { events: { action: string; detail: string | null; professionalId: number | null }[] }) =>
  alert.events.map((e) => [e.action, e.detail, e.professionalId]);

async function expectProblem(res: Response, status: number, detail?: string | RegExp) {
  expect(res.status).toBe(status);
  expect(res.headers.get("content-type")).toContain("application/problem+json");
  const body: Json = await res.json();
  expect(body.status).toBe(status);
  if (typeof detail === "string") expect(body.detail).toBe(detail);
  else if (detail) expect(body.detail).toMatch(detail);
  return body;
}

const actor = (who: "sw1" | "vsh" | "dtA" | "ea1", role: Role) => ({
  id: f[who].id,
  role,
  schoolId: who === "dtA" ? f.schoolA.id : null,
  name: who,
  channel: "bot" as const,
});

const jordanPeps = () => `/api/children/${f.jordan.id}/peps`;
const TARGETS = [
  { text: "Read with his carer four nights a week", owner: "Carer", byDate: "2027-02-12", ppRequestedPence: 30_000 },
  { text: "Maths tutoring, one hour a week", owner: "Class teacher", byDate: "2027-03-26", ppRequestedPence: 20_000 },
];
let jordanPepId = 0;

describe("Jordan's initial PEP (overdue since 29 Jan 2024): booked, then held", () => {
  it("the scan raised it to his DT and social worker", async () => {
    const alert = await alertOf(f.jordan.id, "pep_initial_overdue");
    expect(alert).toMatchObject({ status: "open", period: "2024-01-29" });
    expect(alert.deliveries.map((d) => d.professionalId).sort()).toEqual([f.sw1.id, f.dtA.id].sort());
  });

  it("only his DT, social worker and the Virtual School may record it: the IRO 403, others 404", async () => {
    const body = { status: "booked", meetingDate: "2026-12-02" };
    const rows = await audited(async () => {
      await expectProblem(await t.call("POST", jordanPeps(), { ...as("iro1"), body }), 403, /role does not allow/);
      for (const who of ["sw2", "dtB", "dtNoSchool"] as const)
        await expectProblem(await t.call("POST", jordanPeps(), { ...as(who), body }), 404, "No child found.");
      // The adviser has Jordan and Amira, not Tyler.
      const tyler = `/api/children/${f.tyler.id}/peps`;
      await expectProblem(await t.call("POST", tyler, { ...as("ea1"), body }), 404, "No child found.");
      await expectProblem(await t.call("POST", jordanPeps(), { body }), 401);
    });
    // Nothing recorded; each refusal (not the 401) audited as refused (issue 13).
    const j = f.jordan.id;
    expect(rows).toEqual([
      ["access", f.iro1.id, j, "api"],
      ["access", f.sw2.id, j, "api"],
      ["access", f.dtB.id, j, "api"],
      ["access", (await db().professional.findUniqueOrThrow({ where: { email: PEOPLE.dtNoSchool } })).id, j, "api"],
      ["access", f.ea1.id, f.tyler.id, "api"],
    ]);
    expect(await db().pep.count({ where: { childId: { in: [f.jordan.id, f.tyler.id] } } })).toBe(0);
  });

  it("bad input is problem+json naming each field", async () => {
    const cases: [unknown, string[]][] = [
      [{ status: "booked", meetingDate: "2026-02-30" }, ["meetingDate"]],
      [{ status: "draft", meetingDate: "2026-12-02" }, ["status"]],
      [
        {
          status: "held",
          meetingDate: "2026-11-20",
          targets: [{ text: "Reading", byDate: "2027-01-01", ppRequestedPence: -5 }],
        },
        ["targets.0.owner", "targets.0.ppRequestedPence"],
      ],
      [
        { status: "held", meetingDate: "2026-11-20", targets: [{ ...TARGETS[0], ppRequestedPence: 12.5 }] },
        ["targets.0.ppRequestedPence"],
      ],
    ];
    for (const [body, fields] of cases) {
      const problem = await expectProblem(await t.call("POST", jordanPeps(), { ...as("dtA"), body }), 400);
      expect(problem.errors.map((e: Json) => e.field).sort()).toEqual(fields);
    }
  });

  it("a held meeting in the future, or a booking in the past, is refused with the reason", async () => {
    const future = await expectProblem(
      await t.call("POST", jordanPeps(), { ...as("dtA"), body: { status: "held", meetingDate: "2026-11-24" } }),
      422,
      "A PEP meeting on 24 Nov 2026 has not happened yet: book it instead.",
    );
    expect(future.errors).toEqual([{ field: "meetingDate", message: "must be today or earlier for a held PEP" }]);
    await expectProblem(
      await t.call("POST", jordanPeps(), { ...as("dtA"), body: { status: "booked", meetingDate: "2026-11-22" } }),
      422,
      "22 Nov 2026 has passed: record the meeting as held instead.",
    );
  });

  it("the DT books it for 2 Dec: saved, noted on his open PEP alert (every copy updated), audited", async () => {
    const before = await alertOf(f.jordan.id, "pep_initial_overdue");
    const absence = await alertOf(f.jordan.id, "unexplained_absence_today");
    let res: Response | undefined;
    const updates = await updatesQueuedBy(async () => {
      const rows = await audited(async () => {
        res = await t.call("POST", jordanPeps(), {
          ...as("dtA"),
          body: { status: "booked", meetingDate: "2026-12-02" },
        });
      });
      expect(rows).toEqual([["record_pep", f.dtA.id, f.jordan.id, "api"]]);
    });
    expect(res?.status).toBe(201);
    const pep: Json = await res?.json();
    expect(pep).toMatchObject({
      childId: f.jordan.id,
      term: "initial",
      termLabel: "initial PEP",
      dueDate: "2024-01-29",
      meetingDate: "2026-12-02",
      status: "booked",
      targets: [],
      qualityAssurance: null,
    });
    jordanPepId = pep.id;

    const after = await alertOf(f.jordan.id, "pep_initial_overdue");
    expect(after.status).toBe("open");
    expect(history(after)).toEqual([["pep_booked", "2026-12-02", f.dtA.id]]);
    expect(copiesOf(updates, before)).toEqual(sentIds(before));
    // Not a PEP alert: untouched.
    expect(await alertOf(f.jordan.id, "unexplained_absence_today")).toEqual(absence);
  });

  it("booked again for 3 Dec: the same PEP moves; the caseload and the timeline show it", async () => {
    const res = await t.call("POST", jordanPeps(), {
      ...as("sw1"),
      body: { status: "booked", meetingDate: "2026-12-03" },
    });
    expect(res.status).toBe(201);
    expect((await res.json()).id).toBe(jordanPepId);
    expect(await db().pep.count({ where: { childId: f.jordan.id } })).toBe(1);

    const caseload: Json = await (await t.call("GET", "/api/caseload", as("dtA"))).json();
    const jordan = caseload.items.find((c: Json) => c.id === f.jordan.id);
    expect(jordan.badges).toEqual([
      // No register marks in this file's authority: the card's "no attendance data" too.
      { code: "no_attendance_data", text: "No attendance data", severity: "amber" },
      { code: "pep_overdue", text: "PEP overdue", severity: "red" },
      { code: "pep_booked", text: "PEP booked 3 Dec 2026", severity: "amber" },
    ]);

    const timeline: Json = await (await t.call("GET", jordanPeps(), as("dtA"))).json();
    expect(timeline.items).toEqual([
      {
        id: jordanPepId,
        term: "initial",
        dueDate: "2024-01-29",
        meetingDate: "2026-12-03",
        status: "booked",
        rag: null,
        booked: true,
        held: false,
        submittedAt: null,
        qaAt: null,
        targets: 0,
        ppRequestedPence: 0,
        ppPlusPence: null,
      },
    ]);
    expect(timeline.next).toEqual({
      required: true,
      for: "initial",
      dueDate: "2024-01-29",
      overdue: true,
      dueSoon: false,
      booked: "2026-12-03",
    });
    expect(timeline.pupilPremiumPlus).toMatchObject({
      schoolYear: 2026,
      eligible: true,
      released: 85_666,
      remaining: 85_666,
    });
  });

  it("asking for more PP+ than he has left this term (£856.66) is refused, saying how much is left", async () => {
    const body = {
      status: "held",
      meetingDate: "2026-11-20",
      targets: [TARGETS[0], { ...TARGETS[1], ppRequestedPence: 55_667 }],
    };
    const problem = await expectProblem(
      await t.call("POST", jordanPeps(), { ...as("dtA"), body }),
      422,
      "The Pupil Premium Plus requested (£856.67) is more than the £856.66 this child has remaining this school year.",
    );
    expect(problem.errors).toEqual([{ field: "targets", message: "PP+ requested must total at most £856.66" }]);
    expect((await db().pep.findUniqueOrThrow({ where: { id: jordanPepId } })).status).toBe("booked");
  });

  it("the DT records it held on 20 Nov with targets: the booked PEP completed, his PEP alert resolved on every copy", async () => {
    const alert = await alertOf(f.jordan.id, "pep_initial_overdue");
    const body = {
      status: "held",
      meetingDate: "2026-11-20",
      attendees: [" Jane Bell (DT) ", "Sam Patel (SW)", "Jordan"],
      childViews: "  I like art and want to read better.  ",
      targets: TARGETS,
    };
    let res: Response | undefined;
    const updates = await updatesQueuedBy(async () => {
      res = await t.call("POST", jordanPeps(), { ...as("dtA"), body });
    });
    expect(res?.status).toBe(201);
    const pep: Json = await res?.json();
    expect(pep).toMatchObject({
      id: jordanPepId,
      term: "initial",
      meetingDate: "2026-11-20",
      status: "held",
      attendees: ["Jane Bell (DT)", "Sam Patel (SW)", "Jordan"],
      childViews: "I like art and want to read better.",
      pupilPremiumPlus: {
        requestedPence: 50_000,
        approvedPence: null,
        childYear: {
          allocated: 257_000,
          released: 85_666,
          requested: 50_000,
          approved: 0,
          pending: 50_000,
          remaining: 35_666,
        },
      },
    });
    expect(pep.targets.map((x: Json) => [x.text, x.owner, x.byDate, x.ppRequestedPence, x.ppApprovedPence])).toEqual(
      TARGETS.map((x) => [x.text, x.owner, x.byDate, x.ppRequestedPence, null]),
    );

    const after = await alertOf(f.jordan.id, "pep_initial_overdue");
    expect(after.status).toBe("resolved");
    expect(history(after)).toEqual([
      ["pep_booked", "2026-12-02", f.dtA.id],
      ["pep_booked", "2026-12-03", f.sw1.id],
      ["cleared", "pep_held", f.dtA.id],
    ]);
    expect(copiesOf(updates, alert)).toEqual(sentIds(alert));
    // The brief's targets (free text) come from the same record.
    expect((await db().pep.findUniqueOrThrow({ where: { id: jordanPepId } })).targets).toBe(
      TARGETS.map((x) => x.text).join("\n"),
    );
    // The status card: the PEP is current, nothing overdue.
    const status: Json = await (await t.call("GET", `/api/children/${f.jordan.id}/status`, as("sw1"))).json();
    expect(status.pep).toMatchObject({ current: true, overdue: false, nextDueFor: "2026-spring", booked: null });
  });

  it("the same meeting again (a second answer) is a conflict; the PEP is unchanged", async () => {
    await expectProblem(
      await t.call("POST", jordanPeps(), { ...as("sw1"), body: { status: "held", meetingDate: "2026-11-20" } }),
      409,
      "A PEP was already recorded as held on 20 Nov 2026 (initial PEP); the next PEP (spring 2027) must be held after it.",
    );
    expect(await db().pep.count({ where: { childId: f.jordan.id } })).toBe(1);
    expect(await db().pepTarget.count({ where: { pepId: jordanPepId } })).toBe(2);
  });

  it("anyone who works with him may read it (audited); nobody else", async () => {
    const rows = await audited(async () => {
      const res = await t.call("GET", `/api/peps/${jordanPepId}`, as("iro1"));
      expect(res.status).toBe(200);
      expect((await res.json()).child).toEqual({ id: f.jordan.id, firstName: "Jordan", lastName: "Smith" });
      await expectProblem(await t.call("GET", `/api/peps/${jordanPepId}`, as("sw2")), 404, "No PEP found.");
      await expectProblem(await t.call("GET", "/api/peps/999999", as("vsh")), 404, "No PEP found.");
    });
    // Each 404 audited as refused: out of scope names the PEP's child, a PEP nobody has none.
    expect(rows).toEqual([
      ["read_pep", f.iro1.id, f.jordan.id, "api"],
      ["access", f.sw2.id, f.jordan.id, "api"],
      ["access", f.vsh.id, null, "api"],
    ]);
  });
});

describe("Jordan's PEP goes to the Virtual School and is quality-assured", () => {
  it("submitted by the DT: a QA card for his education adviser (ids, dates and amounts only)", async () => {
    await expectProblem(await t.call("POST", `/api/peps/${jordanPepId}/submit`, as("iro1")), 403);
    await expectProblem(await t.call("POST", `/api/peps/${jordanPepId}/submit`, as("dtB")), 404, "No PEP found.");
    let res: Response | undefined;
    const rows = await audited(async () => {
      res = await t.call("POST", `/api/peps/${jordanPepId}/submit`, as("dtA"));
    });
    expect(res?.status).toBe(200);
    const pep: Json = await res?.json();
    expect(pep.status).toBe("submitted");
    expect(londonDateOf(new Date(pep.submittedAt))).toBe(TODAY);
    expect(rows).toEqual([["record_pep", f.dtA.id, f.jordan.id, "api"]]);

    const qa = await alertOf(f.jordan.id, "pep_quality_assurance");
    expect(qa).toMatchObject({
      status: "open",
      severity: "amber",
      period: `p${jordanPepId}:1`,
      dedupeKey: `${f.jordan.id}:pep_quality_assurance:p${jordanPepId}:1`,
    });
    expect(JSON.parse(qa.details)).toEqual({
      pepId: jordanPepId,
      term: "initial",
      meetingDate: "2026-11-20",
      targets: 2,
      ppRequestedPence: 50_000,
    });
    expect(qa.deliveries.map((d) => d.professionalId)).toEqual([f.ea1.id]);
    expect(await queued("deliver")).toContain(qa.deliveries[0]?.id);
  });

  it("submitted twice is a conflict", async () => {
    await expectProblem(
      await t.call("POST", `/api/peps/${jordanPepId}/submit`, as("dtA")),
      409,
      "Only a held or returned PEP can be submitted; this one is submitted.",
    );
  });

  it("waits in the Virtual School's queue: his adviser's and the Head's, nobody else's (audited)", async () => {
    const item = {
      id: jordanPepId,
      term: "initial",
      meetingDate: "2026-11-20",
      submittedAt: expect.any(String),
      child: { id: f.jordan.id, firstName: "Jordan", lastName: "Smith" },
      targets: 2,
      ppRequestedPence: 50_000,
    };
    for (const who of ["ea1", "vsh"] as const) {
      let res: Response | undefined;
      const rows = await audited(async () => {
        res = await t.call("GET", "/api/peps/quality-assurance", as(who));
      });
      expect(res?.status).toBe(200);
      expect(await res?.json()).toEqual({ asOf: TODAY, items: [item] });
      expect(rows).toEqual([["read_peps", f[who].id, f.jordan.id, "api"]]);
    }
    for (const who of ["dtA", "sw1", "iro1"] as const) {
      await expectProblem(await t.call("GET", "/api/peps/quality-assurance", as(who)), 403);
    }
  });

  it("quality assurance is the Virtual School's: the DT, social worker and IRO get 403", async () => {
    const body = { rating: "green" };
    for (const who of ["dtA", "sw1", "iro1"] as const) {
      await expectProblem(
        await t.call("POST", `/api/peps/${jordanPepId}/quality-assurance`, { ...as(who), body }),
        403,
        "Only the Virtual School quality-assures PEPs.",
      );
      await expectProblem(
        await t.call("POST", `/api/peps/${jordanPepId}/return`, { ...as(who), body: { comment: "More detail" } }),
        403,
      );
    }
    await expectProblem(
      await t.call("POST", `/api/peps/${jordanPepId}/quality-assurance`, { ...as("sw2"), body }),
      404,
    );
  });

  it("a rating that is not RAG, an unknown criterion, or more approved than asked, is refused by field", async () => {
    const path = `/api/peps/${jordanPepId}/quality-assurance`;
    const bad = await expectProblem(
      await t.call("POST", path, { ...as("ea1"), body: { rating: "blue", criteria: ["vibes"] } }),
      400,
    );
    expect(bad.errors.map((e: Json) => e.field).sort()).toEqual(["criteria.0", "rating"]);
    const targetId = (await db().pepTarget.findFirstOrThrow({ where: { pepId: jordanPepId }, orderBy: { id: "asc" } }))
      .id;
    const over = await expectProblem(
      await t.call("POST", path, {
        ...as("ea1"),
        body: { rating: "green", approvals: [{ targetId, approvedPence: 30_001 }] },
      }),
      422,
    );
    expect(over.errors).toEqual([
      { field: "approvals.0.approvedPence", message: "must be at most the £300.00 requested" },
    ]);
    expect((await db().pep.findUniqueOrThrow({ where: { id: jordanPepId } })).status).toBe("submitted");
  });

  it("his adviser rates it green: £250 of the first target's £300 and all £200 of the second approved; the QA card closes; the DT and SW hear", async () => {
    const qa = await alertOf(f.jordan.id, "pep_quality_assurance");
    await db().alertDelivery.updateMany({ where: { alertId: qa.id }, data: { status: "sent", activityId: "qa" } });
    const [first, second] = await db().pepTarget.findMany({ where: { pepId: jordanPepId }, orderBy: { id: "asc" } });
    const body = {
      rating: "green",
      comment: "Clear targets, and the child's voice comes through.",
      criteria: ["child_voice", "smart_targets", "pp_plus_linked"],
      approvals: [{ targetId: first?.id, approvedPence: 25_000 }],
    };
    let res: Response | undefined;
    let rows: unknown[] = [];
    const updates = await updatesQueuedBy(async () => {
      rows = await audited(async () => {
        res = await t.call("POST", `/api/peps/${jordanPepId}/quality-assurance`, { ...as("ea1"), body });
      });
    });
    expect(res?.status).toBe(200);
    expect(rows).toEqual([["quality_assure_pep", f.ea1.id, f.jordan.id, "api"]]);
    const pep: Json = await res?.json();
    expect(pep).toMatchObject({
      status: "quality_assured",
      rag: "green",
      pupilPremiumPlus: {
        requestedPence: 50_000,
        approvedPence: 45_000,
        childYear: { requested: 50_000, approved: 45_000, pending: 0, remaining: 40_666 },
      },
    });
    expect(pep.targets.map((x: Json) => [x.id, x.ppApprovedPence])).toEqual([
      [first?.id, 25_000],
      [second?.id, 20_000],
    ]);
    expect(pep.qualityAssurance).toMatchObject({
      outcome: "rated",
      rating: "green",
      comment: body.comment,
      by: { id: f.ea1.id, name: "ea1" },
    });
    expect(pep.qualityAssurance.criteria.filter((c: Json) => c.met).map((c: Json) => c.key)).toEqual(body.criteria);
    expect(londonDateOf(new Date(pep.qualityAssurance.at))).toBe(TODAY);

    const closed = await alertOf(f.jordan.id, "pep_quality_assurance");
    expect(closed).toMatchObject({ status: "resolved", answer: "quality_assured", answeredById: f.ea1.id });
    expect(history(closed)).toEqual([["quality_assured", "green", f.ea1.id]]);
    expect(copiesOf(updates, closed)).toEqual(sentIds(closed));

    const outcome = await alertOf(f.jordan.id, "pep_qa_outcome");
    expect(outcome).toMatchObject({ status: "open", severity: "amber", period: `p${jordanPepId}:1` });
    expect(JSON.parse(outcome.details)).toEqual({ pepId: jordanPepId, rating: "green", approvedPence: 45_000 });
    expect(outcome.deliveries.map((d) => d.professionalId).sort()).toEqual([f.sw1.id, f.dtA.id].sort());
    expect(await queued("deliver")).toEqual(expect.arrayContaining(outcome.deliveries.map((d) => d.id)));
  });

  it("a quality-assured PEP cannot be rated or returned again", async () => {
    await expectProblem(
      await t.call("POST", `/api/peps/${jordanPepId}/return`, { ...as("vsh"), body: { comment: "Again" } }),
      409,
      "Only a submitted PEP can be quality-assured or returned; this one is quality assured.",
    );
  });
});

describe("Amira's spring PEP: returned for changes, changed, resubmitted, rated", () => {
  let amiraPepId = 0;
  const amiraPeps = () => `/api/children/${f.amira.id}/peps`;

  it("her DT records the spring PEP held today and submits it at once", async () => {
    const body = {
      status: "held",
      meetingDate: TODAY,
      targets: [{ text: "Attend the homework club", owner: "DT", byDate: "2027-03-26", ppRequestedPence: 10_000 }],
      submit: true,
    };
    let res: Response | undefined;
    const rows = await audited(async () => {
      res = await t.call("POST", amiraPeps(), { ...as("dtB"), body });
    });
    expect(res?.status).toBe(201);
    const pep: Json = await res?.json();
    expect(pep).toMatchObject({
      term: "2026-spring",
      termLabel: "spring 2027",
      dueDate: "2027-03-26",
      status: "submitted",
    });
    amiraPepId = pep.id;
    expect(rows).toEqual([
      ["record_pep", f.dtB.id, f.amira.id, "api"],
      ["record_pep", f.dtB.id, f.amira.id, "api"],
    ]);
    const qa = await alertOf(f.amira.id, "pep_quality_assurance");
    expect(qa.period).toBe(`p${amiraPepId}:1`);
    expect(qa.deliveries.map((d) => d.professionalId)).toEqual([f.ea1.id]);
  });

  it("returning needs a comment; returned, the QA card closes and the DT and social worker hear", async () => {
    const path = `/api/peps/${amiraPepId}/return`;
    const empty = await expectProblem(await t.call("POST", path, { ...as("ea1"), body: { comment: "  " } }), 400);
    expect(empty.errors.map((e: Json) => e.field)).toEqual(["comment"]);

    const res = await t.call("POST", path, { ...as("ea1"), body: { comment: "Add a target on attendance." } });
    expect(res.status).toBe(200);
    const pep: Json = await res.json();
    expect(pep).toMatchObject({
      status: "returned",
      rag: null,
      qualityAssurance: { outcome: "returned", rating: null, comment: "Add a target on attendance." },
    });
    const qa = await alertOf(f.amira.id, "pep_quality_assurance");
    expect(qa.status).toBe("resolved");
    expect(history(qa)).toEqual([["returned", null, f.ea1.id]]);
    const outcome = await alertOf(f.amira.id, "pep_qa_outcome");
    expect(JSON.parse(outcome.details)).toEqual({ pepId: amiraPepId, returned: true, approvedPence: 0 });
    expect(outcome.deliveries.map((d) => d.professionalId).sort()).toEqual([f.sw2.id, f.dtB.id].sort());
  });

  it("the DT changes the targets and resubmits: a second QA card; the Head rates it amber, approving what was asked", async () => {
    const targets = [
      { text: "Attend the homework club", owner: "DT", byDate: "2027-03-26", ppRequestedPence: 15_000 },
      { text: "Attendance above 95% this term", owner: "Carer", byDate: "2027-03-26", ppRequestedPence: 5_000 },
    ];
    const changed = await t.call("PATCH", `/api/peps/${amiraPepId}`, { ...as("dtB"), body: { targets } });
    expect(changed.status).toBe(200);
    expect((await changed.json()).pupilPremiumPlus.requestedPence).toBe(20_000);

    expect((await t.call("POST", `/api/peps/${amiraPepId}/submit`, as("dtB"))).status).toBe(200);
    const second = await alertOf(f.amira.id, "pep_quality_assurance");
    expect(second).toMatchObject({ status: "open", period: `p${amiraPepId}:2` });
    expect(JSON.parse(second.details)).toMatchObject({ targets: 2, ppRequestedPence: 20_000 });
    // While it is with the Virtual School, the school cannot change it.
    await expectProblem(await t.call("PATCH", `/api/peps/${amiraPepId}`, { ...as("dtB"), body: { targets } }), 409);

    const res = await t.call("POST", `/api/peps/${amiraPepId}/quality-assurance`, {
      ...as("vsh"),
      body: { rating: "amber" },
    });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({
      status: "quality_assured",
      rag: "amber",
      pupilPremiumPlus: { approvedPence: 20_000 },
    });
    expect((await alertOf(f.amira.id, "pep_quality_assurance")).status).toBe("resolved");
    const outcome = await alertOf(f.amira.id, "pep_qa_outcome");
    expect(outcome.period).toBe(`p${amiraPepId}:2`);
    expect(JSON.parse(outcome.details)).toEqual({ pepId: amiraPepId, rating: "amber", approvedPence: 20_000 });
  });
});

describe("Tyler's PEP, answered on his alert card; no adviser, so the Head quality-assures", () => {
  it("his social worker answers 'booked for 30 Nov' on the card: the alert acknowledged, the booking on its history", async () => {
    const alert = await alertOf(f.tyler.id, "pep_initial_overdue");
    expect(alert.deliveries.map((d) => d.professionalId)).toEqual([f.sw1.id]);
    let result: Json;
    const rows = await audited(async () => {
      result = await services().answers.answer(actor("sw1", "social_worker"), alert.id, {
        kind: "pep_booked",
        date: "2026-11-30",
      });
    });
    expect(result).toMatchObject({
      alertId: alert.id,
      status: "acknowledged",
      action: "pep_booked",
      detail: "2026-11-30",
    });
    expect(rows).toEqual([
      ["record_pep", f.sw1.id, f.tyler.id, "bot"],
      ["answer_alert", f.sw1.id, f.tyler.id, "bot"],
    ]);
    const after = await alertOf(f.tyler.id, "pep_initial_overdue");
    expect(after).toMatchObject({ status: "acknowledged", answer: "pep_booked", answeredById: f.sw1.id });
    expect(history(after)).toEqual([["pep_booked", "2026-11-30", f.sw1.id]]);
    expect(await db().pep.findFirst({ where: { childId: f.tyler.id } })).toMatchObject({
      term: "initial",
      status: "booked",
      meetingDate: "2026-11-30",
    });
  });

  it("then 'held on' today: the PEP held, the alert resolved; the same answer again is a conflict", async () => {
    const alert = await alertOf(f.tyler.id, "pep_initial_overdue");
    const updates = await updatesQueuedBy(() =>
      services().answers.answer(actor("sw1", "social_worker"), alert.id, { kind: "pep_held", date: TODAY }),
    );
    const after = await alertOf(f.tyler.id, "pep_initial_overdue");
    expect(after).toMatchObject({ status: "resolved", answer: "pep_held", answeredById: f.sw1.id });
    expect(history(after).at(-1)).toEqual(["cleared", "pep_held", f.sw1.id]);
    // One update per copy: the answer and the clearing are one change of the card.
    expect(copiesOf(updates, alert)).toEqual(sentIds(alert));
    expect(await db().pep.findFirst({ where: { childId: f.tyler.id } })).toMatchObject({
      status: "held",
      meetingDate: TODAY,
    });
    await expect(
      services().answers.answer(actor("sw1", "social_worker"), alert.id, { kind: "pep_held", date: TODAY }),
    ).rejects.toMatchObject({ code: "conflict", message: "This alert is already resolved." });
  });

  it("a PEP answer on an alert that is not about a PEP is refused", async () => {
    const absence = await alertOf(f.jordan.id, "unexplained_absence_today");
    await expect(
      services().answers.answer(actor("sw1", "social_worker"), absence.id, { kind: "pep_held", date: TODAY }),
    ).rejects.toMatchObject({ code: "validation", message: "This alert is not about a PEP that is due." });
  });

  it("his social worker adds a target and submits: the QA card goes to the Head; the adviser cannot see it", async () => {
    const pep = await db().pep.findFirstOrThrow({ where: { childId: f.tyler.id } });
    const targets = [
      { text: "A school place by January", owner: "SW", byDate: "2027-01-04", ppRequestedPence: 12_000 },
    ];
    expect((await t.call("PATCH", `/api/peps/${pep.id}`, { ...as("sw1"), body: { targets } })).status).toBe(200);
    expect((await t.call("POST", `/api/peps/${pep.id}/submit`, as("sw1"))).status).toBe(200);
    const qa = await alertOf(f.tyler.id, "pep_quality_assurance");
    expect(qa.deliveries.map((d) => d.professionalId)).toEqual([f.vsh.id]);
    await expectProblem(await t.call("GET", `/api/peps/${pep.id}`, as("ea1")), 404);
    await expectProblem(
      await t.call("POST", `/api/peps/${pep.id}/quality-assurance`, { ...as("ea1"), body: { rating: "green" } }),
      404,
    );
  });

  it("the Head rates it red on the card: nothing released; the social worker hears (there is no DT)", async () => {
    const qa = await alertOf(f.tyler.id, "pep_quality_assurance");
    const rows = await audited(() =>
      services().answers.answer(actor("vsh", "vsh"), qa.id, {
        kind: "pep_qa",
        rating: "red",
        comment: "No plan for a school place.",
        criteria: ["child_voice"],
      }),
    );
    expect(rows).toEqual([
      ["quality_assure_pep", f.vsh.id, f.tyler.id, "bot"],
      ["answer_alert", f.vsh.id, f.tyler.id, "bot"],
    ]);
    const pep = await db().pep.findFirstOrThrow({ where: { childId: f.tyler.id }, include: { targetList: true } });
    expect(pep).toMatchObject({
      status: "quality_assured",
      rag: "red",
      ppPlusPence: 0,
      qaComment: "No plan for a school place.",
    });
    expect(JSON.parse(pep.qaCriteria ?? "[]")).toEqual(["child_voice"]);
    expect(pep.targetList.map((x) => x.ppApprovedPence)).toEqual([0]);
    expect((await alertOf(f.tyler.id, "pep_quality_assurance")).status).toBe("resolved");
    const outcome = await alertOf(f.tyler.id, "pep_qa_outcome");
    expect(outcome.deliveries.map((d) => d.professionalId)).toEqual([f.sw1.id]);
    expect(JSON.parse(outcome.details)).toEqual({ pepId: pep.id, rating: "red", approvedPence: 0 });
  });
});

describe("Pupil Premium Plus in GET /api/stats", () => {
  /*
   * All four children were born 1 May 2015 (11 on 31 Aug 2026) and looked after since
   * 15 Jan 2024: eligible. Each: £2,570.00 allocated, £856.66 released this autumn.
   * Jordan: asked 50,000, approved 45,000 → remaining 85,666 − 45,000 = 40,666.
   * Amira: asked 20,000 (after the return), approved 20,000 → 65,666.
   * Tyler: asked 12,000, rated red, approved 0 → 85,666. Leah: nothing → 85,666.
   */
  const figures = (allocated: number, released: number, requested: number, approved: number, remaining: number) => ({
    allocated,
    released,
    requested,
    approved,
    pending: 0,
    remaining,
  });

  it("the Head: per child, per school and the Virtual School, as worked by hand", async () => {
    const res = await t.call("GET", "/api/stats", as("vsh"));
    expect(res.status).toBe(200);
    const { pupilPremiumPlus: pp } = await res.json();
    expect(pp.settings).toEqual({
      schoolYear: 2026,
      ratePence: 257_000,
      retainedPercent: 0,
      release: "termly",
      perChildPence: 257_000,
      retainedPerChildPence: 0,
      thirdsReleased: 1,
    });
    expect(pp.virtualSchool).toEqual({
      eligibleChildren: 4,
      retainedCentrally: 0,
      ...figures(1_028_000, 342_664, 82_000, 65_000, 277_664),
    });
    expect(pp.schools).toEqual([
      {
        school: { id: f.schoolB.id, name: "Hillside Academy" },
        eligibleChildren: 1,
        ...figures(257_000, 85_666, 20_000, 20_000, 65_666),
      },
      {
        school: { id: f.schoolA.id, name: "Oakfield Primary" },
        eligibleChildren: 1,
        ...figures(257_000, 85_666, 50_000, 45_000, 40_666),
      },
      { school: null, eligibleChildren: 2, ...figures(514_000, 171_332, 12_000, 0, 171_332) },
    ]);
    expect(pp.children.map((c: Json) => [c.firstName, c.eligible, c.requested, c.approved, c.remaining])).toEqual([
      ["Tyler", true, 12_000, 0, 85_666],
      ["Amira", true, 20_000, 20_000, 65_666],
      ["Leah", true, 0, 0, 85_666],
      ["Jordan", true, 50_000, 45_000, 40_666],
    ]);
  });

  it("an education adviser: their own children only, and the read is audited", async () => {
    let pp: Json;
    const rows = await audited(async () => {
      const res = await t.call("GET", "/api/stats", as("ea1"));
      expect(res.status).toBe(200);
      pp = (await res.json()).pupilPremiumPlus;
    });
    expect(pp.virtualSchool).toEqual({
      eligibleChildren: 2,
      retainedCentrally: 0,
      ...figures(514_000, 171_332, 70_000, 65_000, 106_332),
    });
    expect(pp.children.map((c: Json) => c.childId)).toEqual([f.amira.id, f.jordan.id]);
    expect(rows.sort()).toEqual(
      [
        ["read_peps", f.ea1.id, f.amira.id, "api"],
        ["read_peps", f.ea1.id, f.jordan.id, "api"],
      ].sort(),
    );
  });

  it.each(["dtA", "sw1", "iro1"] as const)("%s: 403, as the figures always were", async (who) => {
    await expectProblem(await t.call("GET", "/api/stats", as(who)), 403, /role does not allow/);
  });
});
