/** The PEP workflow's pure rules: which PEP a booking or meeting is for, the moves allowed, QA. */
import { describe, expect, it } from "vitest";
import { parseInput, qualityAssureSchema, recordPepSchema } from "../../core/peps/pep.schema.js";
import {
  approvalsFor,
  assertCanSubmit,
  assertEditable,
  assertSubmitted,
  checkMeetingDate,
  checkPpPlusRequest,
  checkTargets,
  criteriaView,
  planRecord,
  pounds,
  QA_CRITERIA,
  QA_CRITERION_KEYS,
  termLabel,
} from "../../core/peps/pep.workflow.js";
import { DomainError } from "../../core/platform/errors.js";

const TODAY = "2026-11-23";

/** The DomainError `fn` throws, for its code, message and fields. */
function thrown(fn: () => unknown): DomainError {
  try {
    fn();
  } catch (e) {
    if (e instanceof DomainError) return e;
    throw e;
  }
  throw new Error("expected a DomainError");
}

describe("term labels", () => {
  it.each([
    ["2026-autumn", "autumn 2026"],
    ["2026-spring", "spring 2027"],
    ["2026-Summer", "summer 2027"],
    ["initial", "initial PEP"],
    ["initial-2026-03-02", "initial PEP"],
    ["Autumn 2025", "Autumn 2025"],
  ])("%s → %s", (term, label) => {
    expect(termLabel(term)).toBe(label);
  });

  it("money in pounds, as people read it", () => {
    expect([pounds(257_000), pounds(85_666), pounds(0)]).toEqual(["£2,570.00", "£856.66", "£0.00"]);
  });
});

describe("meeting dates", () => {
  it.each([
    ["held", "2026-11-23", null],
    ["held", "2026-09-01", null],
    ["held", "2026-11-24", "must be today or earlier for a held PEP"],
    ["booked", "2026-11-23", null],
    ["booked", "2027-01-05", null],
    ["booked", "2026-11-22", "must be today or later for a booked PEP"],
  ] as const)("%s on %s", (status, date, problem) => {
    if (problem === null) {
      expect(() => checkMeetingDate(status, date, TODAY)).not.toThrow();
      return;
    }
    const e = thrown(() => checkMeetingDate(status, date, TODAY));
    expect(e.code).toBe("validation");
    expect(e.fields).toEqual([{ field: "meetingDate", message: problem }]);
  });

  it("targets are for a date on or after the meeting", () => {
    expect(() => checkTargets([{ byDate: "2026-11-20" }], "2026-11-20")).not.toThrow();
    const e = thrown(() => checkTargets([{ byDate: "2027-01-01" }, { byDate: "2026-11-19" }], "2026-11-20"));
    expect(e.fields).toEqual([{ field: "targets.1.byDate", message: "must be on or after the meeting date" }]);
  });
});

describe("PP+ requests", () => {
  it("up to what remains is fine; a penny more is refused, saying how much remains", () => {
    expect(() => checkPpPlusRequest(85_666, 85_666, true)).not.toThrow();
    const e = thrown(() => checkPpPlusRequest(85_667, 85_666, true));
    expect(e.code).toBe("validation");
    expect(e.message).toBe(
      "The Pupil Premium Plus requested (£856.67) is more than the £856.66 this child has remaining this school year.",
    );
    expect(e.fields).toEqual([{ field: "targets", message: "PP+ requested must total at most £856.66" }]);
  });

  it("a child who is not eligible: says why nothing can be asked", () => {
    expect(thrown(() => checkPpPlusRequest(100, 0, false)).message).toMatch(/not eligible for Pupil Premium Plus/);
  });
});

describe("which PEP a booking or a meeting writes", () => {
  const owed = { term: "2026-spring", dueDate: "2027-03-26" };
  const autumn = { term: "2026-autumn", heldOn: "2026-10-01" };

  it("nothing owed (not looked after, too old, no next term) is a conflict", () => {
    const e = thrown(() => planRecord("booked", "2026-12-01", null, [], null, null));
    expect(e.code).toBe("conflict");
    expect(e.message).toMatch(/^No PEP is owed for this child now/);
  });

  it("a new row for the term owed", () => {
    expect(planRecord("booked", "2026-12-01", owed, [], autumn, "2024-01-15")).toEqual({
      term: "2026-spring",
      dueDate: "2027-03-26",
      existingId: null,
    });
  });

  it("the term's booked (or draft) row is the one a meeting completes", () => {
    const rows = [
      { id: 7, term: "2026-autumn", status: "complete", meetingDate: "2026-10-01" },
      { id: 9, term: "2026-spring", status: "booked", meetingDate: "2026-12-01" },
    ];
    expect(planRecord("held", "2026-11-23", owed, rows, autumn, "2024-01-15")).toEqual({
      term: "2026-spring",
      dueDate: "2027-03-26",
      existingId: 9,
    });
  });

  it.each(["held", "submitted", "returned", "complete", "quality_assured"])(
    "a term already held (%s) is a conflict that says when",
    (status) => {
      const rows = [{ id: 9, term: "2026-spring", status, meetingDate: "2026-11-20" }];
      const e = thrown(() => planRecord("held", "2026-11-23", owed, rows, autumn, "2024-01-15"));
      expect(e.code).toBe("conflict");
      expect(e.message).toBe("The spring 2027 PEP is already recorded as held on 20 Nov 2026.");
    },
  );

  it("a meeting on or before the last PEP held cannot be the next one (a second answer on the same card)", () => {
    const last = { term: "initial", heldOn: "2026-11-20" };
    const e = thrown(() => planRecord("held", "2026-11-20", owed, [], last, "2024-01-15"));
    expect(e.code).toBe("conflict");
    expect(e.message).toBe(
      "A PEP was already recorded as held on 20 Nov 2026 (initial PEP); the next PEP (spring 2027) must be held after it.",
    );
    expect(planRecord("held", "2026-11-21", owed, [], last, "2024-01-15").term).toBe("2026-spring");
    // A booking is for the future: the last meeting held does not stand in its way.
    expect(planRecord("booked", "2026-11-23", owed, [], last, "2024-01-15").term).toBe("2026-spring");
  });

  it("back in care: the new period's initial PEP gets its own row beside the old one", () => {
    const rows = [{ id: 3, term: "initial", status: "complete", meetingDate: "2023-02-01" }];
    const plan = planRecord("held", "2026-11-23", { term: "initial", dueDate: "2026-11-16" }, rows, null, "2026-11-02");
    expect(plan).toEqual({ term: "initial-2026-11-02", dueDate: "2026-11-16", existingId: null });
  });
});

describe("moves between states", () => {
  const STATES = ["not_started", "booked", "draft", "held", "submitted", "returned", "complete", "quality_assured"];
  const allowed = (assert: (s: string) => void) =>
    STATES.filter((s) => {
      try {
        assert(s);
        return true;
      } catch (e) {
        expect(e).toBeInstanceOf(DomainError);
        expect((e as DomainError).code).toBe("conflict");
        return false;
      }
    });

  it("submit: from held, or returned for changes", () => {
    expect(allowed(assertCanSubmit)).toEqual(["held", "returned"]);
  });
  it("quality-assure or return: only a submitted PEP", () => {
    expect(allowed(assertSubmitted)).toEqual(["submitted"]);
  });
  it("change: held or returned (not while with the Virtual School, nor after)", () => {
    expect(allowed(assertEditable)).toEqual(["held", "returned"]);
  });
  it("a refusal says the state the PEP is in", () => {
    expect(thrown(() => assertSubmitted("quality_assured")).message).toBe(
      "Only a submitted PEP can be quality-assured or returned; this one is quality assured.",
    );
  });
});

describe("quality assurance", () => {
  const targets = [
    { id: 11, ppRequestedPence: 30_000 },
    { id: 12, ppRequestedPence: 20_000 },
    { id: 13, ppRequestedPence: 0 },
  ];

  it("targets not named are approved as requested; a named one at the amount given", () => {
    const approved = approvalsFor(targets, [{ targetId: 11, approvedPence: 25_000 }], "green");
    expect([...approved]).toEqual([
      [11, 25_000],
      [12, 20_000],
      [13, 0],
    ]);
  });

  it("rated red (inadequate): nothing released unless named", () => {
    const approved = approvalsFor(targets, [{ targetId: 12, approvedPence: 5_000 }], "red");
    expect([...approved]).toEqual([
      [11, 0],
      [12, 5_000],
      [13, 0],
    ]);
  });

  it("more than requested, or a target of another PEP, is refused field by field", () => {
    const e = thrown(() =>
      approvalsFor(
        targets,
        [
          { targetId: 11, approvedPence: 30_001 },
          { targetId: 99, approvedPence: 1 },
        ],
        "amber",
      ),
    );
    expect(e.code).toBe("validation");
    expect(e.fields).toEqual([
      { field: "approvals.0.approvedPence", message: "must be at most the £300.00 requested" },
      { field: "approvals.1.targetId", message: "is not a target of this PEP" },
    ]);
  });

  it("the criteria: a fixed list of keys and labels; what was met, read back whatever is stored", () => {
    expect(QA_CRITERIA.map((c) => c.key)).toEqual([...QA_CRITERION_KEYS]);
    expect(QA_CRITERIA.every((c) => c.label.length > 10)).toBe(true);
    const view = criteriaView('["child_voice","attendance","gone_since"]');
    expect(view.filter((c) => c.met).map((c) => c.key)).toEqual(["child_voice", "attendance"]);
    expect(view).toHaveLength(6);
    expect(criteriaView("not json").some((c) => c.met)).toBe(false);
    expect(criteriaView(null).some((c) => c.met)).toBe(false);
  });
});

describe("input as it arrives (zod)", () => {
  it("a held PEP: text trimmed, requests default to nothing", () => {
    const input = parseInput(recordPepSchema, {
      status: "held",
      meetingDate: "2026-11-20",
      attendees: ["  Ms Bell (DT) "],
      childViews: "  Likes art  ",
      targets: [{ text: " Reading age +1 year ", owner: "Class teacher", byDate: "2027-03-26" }],
    });
    expect(input).toEqual({
      status: "held",
      meetingDate: "2026-11-20",
      attendees: ["Ms Bell (DT)"],
      childViews: "Likes art",
      targets: [{ text: "Reading age +1 year", owner: "Class teacher", byDate: "2027-03-26", ppRequestedPence: 0 }],
    });
  });

  it("each problem named by its field", () => {
    const e = thrown(() =>
      parseInput(recordPepSchema, {
        status: "held",
        meetingDate: "2026-02-30",
        targets: [{ text: "", owner: "DT", byDate: "2027-01-01", ppRequestedPence: 12.5 }],
      }),
    );
    expect(e.code).toBe("validation");
    expect(e.fields.map((f) => f.field).sort()).toEqual([
      "meetingDate",
      "targets.0.ppRequestedPence",
      "targets.0.text",
    ]);
  });

  it("a status that is not booked or held, a rating that is not RAG, an unknown criterion", () => {
    expect(thrown(() => parseInput(recordPepSchema, { status: "draft", meetingDate: TODAY })).fields[0]?.field).toBe(
      "status",
    );
    const qa = thrown(() => parseInput(qualityAssureSchema, { rating: "blue", criteria: ["child_voice", "vibes"] }));
    expect(qa.fields.map((f) => f.field)).toEqual(["rating", "criteria.1"]);
  });
});
