/**
 * cards/views/alert-views.ts: what each alert card says to each viewer, decided from the alert,
 * its history and (for a PEP's quality assurance) the PEP. Pure; the cards themselves are
 * checked in cards.alert.test.ts.
 */
import { describe, expect, it } from "vitest";
import { type AlertForCard, alertCardView, viewerFor } from "../../cards/views/alert-views.js";
import { tabLinksFor } from "../../cards/views/tab-links.js";
import { QA_CRITERIA } from "../../core/peps/pep.workflow.js";

const links = tabLinksFor("https://vs.example.org");
const at = (iso: string) => new Date(iso);

function alertOf(over: Omit<Partial<AlertForCard>, "details"> & { details?: object }): AlertForCard {
  const { details, ...rest } = over;
  return {
    id: 5,
    childId: 7,
    rule: "pep_overdue",
    severity: "red",
    status: "open",
    raisedAt: at("2026-11-23T07:00:00Z"),
    snoozedUntil: null,
    child: { firstName: "Jordan", lastName: "Smith" },
    events: [],
    ...rest,
    details: JSON.stringify(details ?? { dueDate: "2026-11-17", schoolDaysOverdue: 4 }),
  };
}

const PEP: NonNullable<AlertForCard["pep"]> = {
  id: 31,
  term: "2026-autumn",
  meetingDate: "2026-11-19",
  status: "submitted",
  rag: null,
  attendees: "Designated teacher\nSocial worker\n\nCarer\nJordan",
  submittedAt: at("2026-11-20T15:00:00Z"),
  qaComment: null,
  targets: [
    { text: "Read each evening", owner: "Carer", byDate: "2027-02-12", ppRequestedPence: 0 },
    { text: "Maths tutor", owner: "Class teacher", byDate: "2027-03-26", ppRequestedPence: 60_000 },
  ],
};

describe("who gets which buttons", () => {
  it.each([
    ["designated_teacher", true, "designated_teacher"],
    ["social_worker", true, "social_worker"],
    ["iro", true, "iro"],
    ["education_adviser", true, "virtual_school"],
    ["vsh", true, "virtual_school"],
    ["vsh", false, "virtual_school"],
    ["social_worker", false, "other"],
    ["education_adviser", false, "other"],
  ] as const)("%s (recipient: %s) → %s", (role, recipient, viewer) => {
    expect(viewerFor(role, recipient)).toBe(viewer);
  });
});

describe("a PEP alert", () => {
  it.each(["pep_initial_due", "pep_initial_overdue", "pep_review_due", "pep_overdue", "pep_before_review"])(
    "%s offers booked / held to the DT, the social worker and the Virtual School, bounded by today",
    (rule) => {
      for (const viewer of ["designated_teacher", "social_worker", "virtual_school"] as const) {
        expect(alertCardView(alertOf({ rule }), viewer, [], links, "2026-11-23").pepAnswer).toEqual({
          bookedMin: "2026-11-23",
          heldMax: "2026-11-23",
          formUrl: "https://vs.example.org/tab#/children/7/pep",
        });
      }
      for (const viewer of ["iro", "other"] as const) {
        expect(alertCardView(alertOf({ rule }), viewer, [], links, "2026-11-23").pepAnswer).toBeNull();
      }
    },
  );

  it("is unbounded without today (the delivery job's first copy), and offers nothing once resolved", () => {
    expect(alertCardView(alertOf({}), "designated_teacher", [], links).pepAnswer).toMatchObject({
      bookedMin: null,
      heldMax: null,
    });
    expect(alertCardView(alertOf({ status: "resolved" }), "designated_teacher", [], links).pepAnswer).toBeNull();
    expect(
      alertCardView(alertOf({ rule: "persistent_absence" }), "designated_teacher", [], links).pepAnswer,
    ).toBeNull();
  });

  it("shows the latest booking from its history, and none once resolved", () => {
    const events = [
      { at: at("2026-11-20T09:00:00Z"), action: "pep_booked", detail: "2026-11-30", by: "Chris Dean" },
      { at: at("2026-11-23T09:00:00Z"), action: "pep_booked", detail: "2026-12-03", by: "Sam Patel" },
    ];
    const view = alertCardView(alertOf({ events }), "social_worker", [], links);
    expect(view.booked).toBe("PEP meeting booked for Thu 3 Dec 2026");
    expect(view.history.map((h) => [h.who, h.what])).toEqual([
      ["Chris D.", "Booked the PEP meeting for Mon 30 Nov 2026"],
      ["Sam P.", "Booked the PEP meeting for Thu 3 Dec 2026"],
    ]);
    expect(alertCardView(alertOf({ events, status: "resolved" }), "social_worker", [], links).booked).toBeNull();
  });

  it.each([
    ["pep_held", "Recorded the PEP meeting as held", "Resolved: PEP meeting held"],
    ["pep_booked", "Booked the PEP meeting", "Resolved: PEP meeting booked"],
    ["review_booked", "Booked the care-plan review", "Resolved: care-plan review booked"],
    ["review_held", "Recorded the care-plan review as held", "Resolved: care-plan review held"],
    ["place_started", "Recorded a school place", "Resolved: school place recorded"],
    ["part_time_changed", "Updated the part-time timetable", "Resolved: part-time timetable updated"],
    [
      "record_changed",
      "The child's record was updated, so this alert no longer applies",
      "Resolved: the record no longer calls for it",
    ],
  ])("cleared by the record (%s): a sentence in the history, and the state says why", (reason, line, state) => {
    const events = [{ at: at("2026-11-23T11:00:00Z"), action: "cleared", detail: reason, by: "Chris Dean" }];
    const view = alertCardView(alertOf({ events, status: "resolved" }), "social_worker", [], links);
    expect(view.history.map((h) => h.what)).toEqual([line]);
    expect(view.state).toBe(state);
    expect(view.answered).toBe(true);
  });

  it("says 'the Virtual School' for what the nightly scan cleared", () => {
    const events = [{ at: at("2026-11-23T06:00:00Z"), action: "cleared", detail: "record_changed", by: null }];
    expect(alertCardView(alertOf({ events, status: "resolved" }), "social_worker", [], links).history[0]?.who).toBe(
      "The Virtual School",
    );
  });
});

describe("titles and facts of the new alerts", () => {
  it.each([
    ["review_overdue", "Red: Care-plan review overdue"],
    ["part_time_review_overdue", "Red: Part-time timetable past its review date"],
    ["pep_quality_assurance", "PEP to quality-assure"],
  ])("%s → %s", (rule, heading) => {
    expect(alertCardView(alertOf({ rule, details: {} }), "social_worker", [], links).heading).toBe(heading);
  });

  it("review overdue: the statutory date and the booking", () => {
    const view = alertCardView(
      alertOf({ rule: "review_overdue", details: { reviewDue: "2026-11-20", reviewBooked: "2026-12-02" } }),
      "iro",
      [],
      links,
    );
    expect(view.facts).toEqual([
      { title: "Review due by", value: "20 Nov 2026" },
      { title: "Review booked for", value: "2 Dec 2026" },
    ]);
  });

  it("part-time timetable: its own review date, not the care-plan review's; no ids", () => {
    const details = { partTimeId: 4, since: "2026-11-02", reviewDate: "2026-11-16", plannedEnd: "2026-12-18" };
    const view = alertCardView(alertOf({ rule: "part_time_review_overdue", details }), "social_worker", [], links);
    expect(view.facts).toEqual([
      { title: "Part-time since", value: "2 Nov 2026" },
      { title: "Review was due", value: "16 Nov 2026" },
      { title: "Planned end", value: "18 Dec 2026" },
    ]);
  });

  it("a PEP to quality-assure, to anyone without the summary: term, meeting, targets and money, formatted", () => {
    const details = { pepId: 31, term: "2026-spring", meetingDate: "2027-01-20", targets: 2, ppRequestedPence: 60_000 };
    const view = alertCardView(alertOf({ rule: "pep_quality_assurance", details }), "designated_teacher", [], links);
    expect(view.facts).toEqual([
      { title: "PEP for", value: "Spring term 2027" },
      { title: "PEP meeting", value: "20 Jan 2027" },
      { title: "Targets", value: "2" },
      { title: "PP+ requested", value: "£600.00" },
    ]);
    expect(view.qa).toBeNull();
  });
});

describe("a PEP's quality-assurance card", () => {
  const qaAlert = (over: Omit<Partial<AlertForCard>, "details"> = {}) =>
    alertOf({ rule: "pep_quality_assurance", severity: "amber", details: { pepId: 31 }, pep: PEP, ...over });

  it("shows Virtual School staff the summary, targets and PP+, with the criteria to judge", () => {
    const view = alertCardView(qaAlert(), "virtual_school", [], links);
    expect(view.qa).toEqual({
      term: "Autumn term 2026",
      meeting: "Thu 19 Nov 2026",
      attendees: 4,
      submitted: "20 Nov 2026",
      targets: [
        { text: "Read each evening", owner: "Carer", by: "12 Feb 2027", ppRequested: null },
        { text: "Maths tutor", owner: "Class teacher", by: "26 Mar 2027", ppRequested: "£600.00" },
      ],
      ppRequestedTotal: "£600.00",
      criteria: QA_CRITERIA.map((c) => ({ value: c.key, title: c.label })),
      canAnswer: true,
      formUrl: "https://vs.example.org/tab#/children/7/pep",
    });
    expect(view.displayName).toBe("Jordan S.");
  });

  it("shows nobody else the targets", () => {
    for (const viewer of ["designated_teacher", "social_worker", "iro", "other"] as const) {
      expect(alertCardView(qaAlert(), viewer, [], links).qa).toBeNull();
    }
  });

  it("once answered, keeps the summary without the inputs, and says how it was decided", () => {
    const events = [{ at: at("2026-11-24T10:00:00Z"), action: "quality_assured", detail: "green", by: "Ellis Adams" }];
    const view = alertCardView(qaAlert({ status: "resolved", events }), "virtual_school", [], links);
    expect(view.qa?.canAnswer).toBe(false);
    expect(view.state).toBe("Resolved: PEP quality-assured: Green");
    expect(view.history.map((h) => [h.who, h.what])).toEqual([["Ellis A.", "Quality-assured the PEP: Green"]]);
    const returned = [{ at: at("2026-11-24T10:00:00Z"), action: "returned", detail: null, by: "Ellis Adams" }];
    expect(alertCardView(qaAlert({ status: "resolved", events: returned }), "virtual_school", [], links).state).toBe(
      "Resolved: PEP returned for changes",
    );
  });
});

describe("the quality-assurance outcome notice", () => {
  const outcome = (
    details: object,
    pep: AlertForCard["pep"] = { ...PEP, status: "quality_assured", rag: "green", qaComment: " Well done. " },
  ) =>
    alertCardView(
      alertOf({ rule: "pep_qa_outcome", severity: "amber", details, pep }),
      "designated_teacher",
      [],
      links,
    );

  it("says the rating in words, never the alert's amber, with the comment", () => {
    const view = outcome({ pepId: 31, rating: "green", approvedPence: 60_000 });
    expect(view.heading).toBe("PEP quality-assured: Green");
    expect(view.notice).toBe(true);
    expect(view.comment).toBe("Well done.");
    expect(view.facts).toEqual([{ title: "PP+ approved", value: "£600.00" }]);
    expect(view.pepAnswer).toBeNull();
    expect(JSON.stringify(view)).not.toContain("Amber");
  });

  it("says a PEP went back for changes, with no approval to show", () => {
    const view = outcome(
      { pepId: 31, returned: true, approvedPence: 0 },
      { ...PEP, status: "returned", qaComment: "Targets need dates." },
    );
    expect(view.heading).toBe("PEP returned for changes");
    expect(view.comment).toBe("Targets need dates.");
    expect(view.facts).toEqual([]);
  });

  it("keeps what it announced when the PEP has moved on (returned, then rated)", () => {
    expect(outcome({ pepId: 31, returned: true }).heading).toBe("PEP returned for changes");
    expect(outcome({ pepId: 31, rating: "red" }).heading).toBe("PEP quality-assured: Red");
  });
});
