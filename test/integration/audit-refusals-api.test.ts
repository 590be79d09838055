/**
 * Refusals on routes keyed by another record (a PEP, a review, a part-time timetable, a
 * school place, an alert): out of scope answers 404, as for a child, and the audit records
 * the refusal naming the child that record belongs to; a record nobody has names no child.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { auditAdded } from "../support/audit-rows.js";
import { PEOPLE, TODAY } from "../support/factories.js";
import { useSmallAuthority } from "../support/small-authority.js";

const { t, f } = useSmallAuthority();
const db = () => t.database.db;
/** Amira's records (she is sw2's child, outside sw1's scope), by the route's resource. */
const ids = { pep: 0, review: 0, partTime: 0, enrolment: 0, alert: 0 };

beforeAll(async () => {
  const childId = f.amira.id;
  const select = { id: true } as const;
  ids.pep = (
    await db().pep.create({ data: { childId, term: "initial", dueDate: TODAY, status: "submitted" }, select })
  ).id;
  ids.review = (await db().careReview.create({ data: { childId, date: "2026-12-01", status: "planned" }, select })).id;
  ids.partTime = (
    await db().partTimeTimetable.create({
      data: { childId, startDate: "2026-11-02", plannedEndDate: "2026-12-18", reviewDate: "2026-12-04" },
      select,
    })
  ).id;
  ids.enrolment = (await db().enrolment.findFirstOrThrow({ where: { childId }, select })).id;
  ids.alert = (
    await db().alert.create({
      data: {
        childId,
        rule: "unexplained_absence_today",
        dedupeKey: "amira:refusals",
        period: TODAY,
        severity: "amber",
      },
      select,
    })
  ).id;
});

/** [label, method, path under the mount, valid body]: every route keyed by another record. */
const ROUTES = [
  ["GET a PEP", "GET", () => `/peps/${ids.pep}`, undefined],
  ["change a PEP", "PATCH", () => `/peps/${ids.pep}`, { childViews: "Likes maths" }],
  ["submit a PEP", "POST", () => `/peps/${ids.pep}/submit`, undefined],
  ["quality-assure a PEP", "POST", () => `/peps/${ids.pep}/quality-assurance`, { rating: "green" }],
  ["return a PEP", "POST", () => `/peps/${ids.pep}/return`, { comment: "Add a target" }],
  ["record a review held", "POST", () => `/reviews/${ids.review}/held`, { heldOn: TODAY }],
  ["change a part-time timetable", "PATCH", () => `/part-time/${ids.partTime}`, { reviewDate: "2026-12-11" }],
  ["end a school place", "POST", () => `/enrolments/${ids.enrolment}/end`, { toDate: TODAY }],
  ["acknowledge an alert", "POST", () => `/alerts/${ids.alert}/acknowledge`, undefined],
] as const;

/** Runs `call` and returns the audit rows it added, oldest first. */
const added = (call: () => Promise<unknown>) =>
  auditAdded(db(), call, { actorId: true, actorRole: true, action: true, childId: true, channel: true, outcome: true });

/** Sends the request and checks its status; returns the audit rows it added. */
const expectStatus = (status: number, method: string, path: string, as: string, body?: unknown) =>
  added(async () => expect((await t.call(method, path, { as, body })).status).toBe(status));

const refused = (actor: { id: number; role: string }, childId: number | null, channel = "api") => ({
  actorId: actor.id,
  actorRole: actor.role,
  action: "access",
  childId,
  channel,
  outcome: "refused",
});

describe("a record of a child outside the scope: 404, audited as refused naming that child", () => {
  it.each(ROUTES)("%s, through the API", async (_, method, path, body) => {
    expect(await expectStatus(404, method, `/api${path()}`, PEOPLE.sw1, body)).toEqual([refused(f.sw1, f.amira.id)]);
  });

  it.each(ROUTES)("%s, through the tab", async (_, method, path, body) => {
    expect(await expectStatus(404, method, `/tab/api${path()}`, PEOPLE.sw1, body)).toEqual([
      refused(f.sw1, f.amira.id, "tab"),
    ]);
  });
});

describe("the same asked for by someone who may", () => {
  it("Amira's PEP and alert: refused for sw1, 200 for the VSH with nothing refused", async () => {
    const ack = `/api/alerts/${ids.alert}/acknowledge`;
    expect(await expectStatus(404, "GET", `/api/peps/${ids.pep}`, PEOPLE.sw1)).toEqual([refused(f.sw1, f.amira.id)]);
    expect(await expectStatus(404, "POST", ack, PEOPLE.sw1)).toEqual([refused(f.sw1, f.amira.id)]);
    const read = await expectStatus(200, "GET", `/api/peps/${ids.pep}`, PEOPLE.vsh);
    expect(read).toEqual([{ ...refused(f.vsh, f.amira.id), action: "read_pep", outcome: "allowed" }]);
    const acknowledged = await expectStatus(200, "POST", ack, PEOPLE.vsh);
    expect(acknowledged.length).toBeGreaterThan(0);
    expect(acknowledged.filter((r) => r.outcome === "refused")).toEqual([]);
  });
});

describe("a record nobody has", () => {
  it("404 on each route, refused with no child named; a 404 the table does not name is no refusal", async () => {
    for (const [, method, path, body] of ROUTES) {
      const missing = path().replace(/\/\d+(?=\/|$)/, "/999999");
      expect(await expectStatus(404, method, `/api${missing}`, PEOPLE.vsh, body)).toEqual([refused(f.vsh, null)]);
    }
    // A school is no child's record; an unknown route is no refusal either.
    expect(await expectStatus(404, "GET", "/api/schools/999999", PEOPLE.vsh)).toEqual([]);
    expect(await expectStatus(404, "GET", `/api/nothing/${ids.pep}`, PEOPLE.vsh)).toEqual([]);
  });
});
