/**
 * How a scan's news reaches people (core/alerts/digest-plan.ts planPosts, bySeriousness)
 * and how a digest reads (cards/views/digest-views.ts): one digest per person, a child absent
 * today alone, a single alert as its own card; most serious first; a card that stays
 * within Teams' size with whole children and a count of the rest.
 */
import { describe, expect, it } from "vitest";
import { digestCard } from "../../cards/index.js";
import { DIGEST_UNITS, digestCardView } from "../../cards/views/digest-views.js";
import type { PostForCard } from "../../core/alerts/digest.repo.js";
import { bySeriousness, planPosts } from "../../core/alerts/digest-plan.js";

describe("planPosts", () => {
  const d = (id: number, professionalId: number | null, rule: string) => ({ id, professionalId, rule });

  it("gives each person one digest of their alerts", () => {
    expect(
      planPosts([d(1, 7, "pep_overdue"), d(2, 8, "pep_overdue"), d(3, 7, "no_school_place"), d(4, 8, "suspension")]),
    ).toEqual({
      alone: [],
      digests: [
        { professionalId: 7, deliveryIds: [1, 3] },
        { professionalId: 8, deliveryIds: [2, 4] },
      ],
    });
  });

  it("sends a child absent today alone, even beside a digest", () => {
    const plan = planPosts([d(1, 7, "unexplained_absence_today"), d(2, 7, "pep_overdue"), d(3, 7, "review_overdue")]);
    expect(plan).toEqual({ alone: [1], digests: [{ professionalId: 7, deliveryIds: [2, 3] }] });
  });

  it("sends a person's only alert as its own card", () => {
    expect(planPosts([d(5, 7, "pep_overdue"), d(6, 7, "unexplained_absence_today")])).toEqual({
      alone: [5, 6],
      digests: [],
    });
  });

  it("sends a copy for nobody in particular alone", () => {
    expect(planPosts([d(1, null, "pep_overdue"), d(2, null, "review_overdue")])).toEqual({
      alone: [1, 2],
      digests: [],
    });
  });

  it("plans nothing for nothing", () => {
    expect(planPosts([])).toEqual({ alone: [], digests: [] });
  });
});

describe("bySeriousness", () => {
  const order = (alerts: { rule: string; severity: string }[]) => [...alerts].sort(bySeriousness).map((a) => a.rule);

  it("puts red before amber whatever the rule", () => {
    expect(
      order([
        { rule: "missing_education", severity: "amber" },
        { rule: "follow_up", severity: "red" },
      ]),
    ).toEqual(["follow_up", "missing_education"]);
  });

  it("puts a child out of education before an overdue PEP, and an overdue PEP before one due", () => {
    expect(
      order([
        { rule: "pep_review_due", severity: "red" },
        { rule: "pep_overdue", severity: "red" },
        { rule: "missing_education", severity: "red" },
      ]),
    ).toEqual(["missing_education", "pep_overdue", "pep_review_due"]);
  });

  it("puts a rule it does not know after those it does", () => {
    expect(
      order([
        { rule: "something_new", severity: "red" },
        { rule: "follow_up", severity: "red" },
      ]),
    ).toEqual(["follow_up", "something_new"]);
  });
});

describe("digestCardView", () => {
  let nextId = 1;
  type Person = { id: number; name: string; role: string };
  const alert = (
    childId: number,
    rule: string,
    severity = "red",
    status = "open",
    by: string | null = null,
    forWhom: Person | null = null,
  ) => ({
    id: nextId++,
    childId,
    rule,
    severity,
    status,
    period: "2026-11-23",
    snoozedUntil: null,
    raisedAt: new Date("2026-11-23T10:15:00Z"),
    child: { firstName: `Child${childId}`, lastName: "Surname" },
    last: by ? { action: "acknowledged", detail: null, by } : null,
    forWhom,
  });
  const post = (alerts: PostForCard["alerts"]): PostForCard => ({
    id: 9,
    kind: "digest",
    professionalId: 3,
    alertId: null,
    createdAt: new Date("2026-11-23T10:15:00Z"),
    onBehalfOf: null,
    alerts,
    teamsUserIds: ["29:x"],
  });

  it("groups by child, the most serious child first, and counts what is still open", () => {
    const view = digestCardView(
      post([
        alert(1, "pep_review_due", "amber"),
        alert(2, "missing_education"),
        alert(1, "review_overdue", "red", "acknowledged", "Sam Patel"),
      ]),
    );
    expect(view.heading).toBe("2 children need you");
    expect(view.intro).toBe(
      "3 alerts from the Virtual School's check on Mon 23 Nov 2026, most serious first. 2 still open.",
    );
    expect(view.children.map((c) => c.name)).toEqual(["Child2 S.", "Child1 S."]);
    expect(view.children[1]?.alerts.map((a) => [a.heading, a.state, a.canAcknowledge])).toEqual([
      ["Red: Care-plan review overdue", "Acknowledged by Sam P.", false],
      ["Amber: PEP review due", "Open", true],
    ]);
    expect(view.onBehalfOf).toBeNull();
    expect(view.more).toBeNull();
  });

  it("says whose alerts a rerouted digest carries", () => {
    const priya = { id: 4, name: "Priya Shah", role: "social_worker" };
    const view = digestCardView(
      post([
        alert(1, "pep_overdue", "red", "open", null, priya),
        alert(1, "review_overdue", "red", "open", null, priya),
      ]),
    );
    expect(view.onBehalfOf).toBe(
      "Sent to you because Priya Shah (social worker) could not be reached in Teams: these were their alerts.",
    );
    expect(view.heading).toBe("1 child needs you");
    expect(view.intro).toMatch(/^2 alerts from/);
    // One person's: the line above says whose, the rows need not.
    expect(view.children[0]?.alerts.map((a) => a.state)).toEqual(["Open", "Open"]);
  });

  it("names each person once, and each row's owner, when several people's copies are on one card", () => {
    const priya = { id: 4, name: "Priya Shah", role: "social_worker" };
    const dana = { id: 5, name: "Dana Thompson", role: "designated_teacher" };
    const view = digestCardView(
      post([
        alert(1, "pep_overdue", "red", "open", null, priya),
        alert(2, "no_school_place", "red", "open", null, priya),
        alert(3, "persistent_absence", "amber", "open", null, dana),
      ]),
    );
    expect(view.onBehalfOf).toBe(
      "Sent to you because Dana Thompson (designated teacher) and Priya Shah (social worker) could not be reached in Teams: each alert says whose it was.",
    );
    expect(view.children.map((c) => c.alerts[0]?.state)).toEqual([
      "Open · was for Priya Shah (social worker)",
      "Open · was for Priya Shah (social worker)",
      "Open · was for Dana Thompson (designated teacher)",
    ]);
  });

  it("counts the people rather than listing them when many could not be reached", () => {
    const people = [1, 2, 3, 4].map((id) => ({ id, name: `Person ${id}`, role: "social_worker" }));
    const view = digestCardView(post(people.map((p, i) => alert(i + 1, "pep_overdue", "red", "open", null, p))));
    expect(view.onBehalfOf).toBe(
      "Sent to you because 4 people could not be reached in Teams (they have not installed the app, or it was removed): each alert says whose it was.",
    );
    expect(view.children[0]?.alerts[0]?.state).toMatch(/^Open · was for Person \d \(social worker\)$/);
  });

  it("shows whole children up to the card's limit and counts the rest", () => {
    const many = Array.from({ length: 30 }, (_, i) => [
      alert(100 + i, "pep_overdue"),
      alert(100 + i, "review_overdue", "amber"),
    ]).flat();
    const view = digestCardView(post(many));
    // Each child costs a heading and two alerts: 5 units.
    const fit = Math.floor(DIGEST_UNITS / 5);
    expect(view.children).toHaveLength(fit);
    expect(view.children.every((c) => c.alerts.length === 2)).toBe(true);
    expect(view.more).toBe(`And ${30 - fit} more children: tap “All my alerts” for the full list.`);
  });

  it("shows the first child's alerts even when one child has more than a card holds", () => {
    const view = digestCardView(post(Array.from({ length: DIGEST_UNITS }, () => alert(1, "follow_up", "amber"))));
    expect(view.children).toHaveLength(1);
    expect(view.children[0]?.alerts).toHaveLength(Math.floor((DIGEST_UNITS - 1) / 2));
  });

  it("counts one alert as one", () => {
    expect(digestCardView(post([alert(1, "pep_overdue")])).intro).toBe(
      "1 alert from the Virtual School's check on Mon 23 Nov 2026, most serious first. 1 still open.",
    );
  });

  it("stays within Teams' card limit at its worst: one alert per child, each rerouted, long names", () => {
    const owner = (id: number) => ({
      id,
      name: `Professional-With-A-Long-Name ${id}`,
      role: "independent_reviewing_officer",
    });
    const worst = Array.from({ length: 60 }, (_, i) =>
      alert(500 + i, "missing_education", "red", "acknowledged", "Somebody With A Long Name", owner(i)),
    );
    const card = digestCard(digestCardView(post(worst)));
    const bytes = Buffer.byteLength(JSON.stringify({ type: "message", attachments: [{ content: card }] }), "utf8");
    expect(bytes).toBeLessThan(27_000);
    const fewLong = Array.from({ length: 60 }, (_, i) =>
      alert(600 + Math.floor(i / 3), "pep_overdue", "red", "open", null, owner(i)),
    );
    expect(Buffer.byteLength(JSON.stringify(digestCard(digestCardView(post(fewLong)))), "utf8")).toBeLessThan(27_000);
  });

  it("says all answered when nothing is open", () => {
    const view = digestCardView(
      post([alert(1, "pep_overdue", "red", "resolved"), alert(2, "pep_overdue", "red", "snoozed")]),
    );
    expect(view.intro).toContain("All answered.");
    expect(view.children.flatMap((c) => c.alerts.map((a) => a.canAcknowledge))).toEqual([false, false]);
  });
});
