/** The IRO's reviews list (pure) and the words that ask for it. Today is Mon 23 Nov 2026. */
import { describe, expect, it } from "vitest";
import { parseCommand } from "../../bot/nlu.js";
import { reviewWindowEnd, upcomingReviews } from "../../core/children/reviews.js";

const TODAY = "2026-11-23";
const child = (id: number, pep: { planned?: string; due?: string; overdue?: boolean; pepBy?: string }) => ({
  id,
  firstName: `C${id}`,
  lastName: "X",
  school: null,
  pep: {
    nextReviewPlanned: pep.planned ?? null,
    nextReviewDue: pep.due ?? null,
    reviewOverdue: pep.overdue ?? false,
    pepNeededForReviewBy: pep.pepBy ?? null,
  },
});

describe("reviewWindowEnd", () => {
  it("four weeks runs to the 28th day; this week to Sunday (a Sunday is its own week's end)", () => {
    expect(reviewWindowEnd(TODAY, "four_weeks")).toBe("2026-12-20");
    expect(reviewWindowEnd(TODAY, "week")).toBe("2026-11-29");
    expect(reviewWindowEnd("2026-11-29", "week")).toBe("2026-11-29");
  });
});

describe("upcomingReviews", () => {
  const until = "2026-12-20";
  it("lists booked reviews and unbooked statutory dates in the window, overdue first", () => {
    const list = upcomingReviews(
      [
        child(1, { planned: "2026-12-02", due: "2026-12-26" }),
        child(2, { due: "2026-12-10", pepBy: "2026-12-07" }),
        child(3, { due: "2026-11-20", overdue: true }),
        child(4, { due: "2027-01-05" }),
        child(5, {}),
        // Booked after the window, statutory date in it: listed by the booking, so not here.
        child(6, { planned: "2027-01-10", due: "2026-12-15" }),
      ],
      TODAY,
      until,
    );
    expect(list.map((r) => [r.childId, r.date, r.booked, r.overdue, r.pepNeededBy])).toEqual([
      [3, "2026-11-20", false, true, null],
      [1, "2026-12-02", true, false, null],
      [2, "2026-12-10", false, false, "2026-12-07"],
    ]);
  });

  it("an overdue review booked after the window is still listed", () => {
    const [only] = upcomingReviews(
      [child(1, { planned: "2027-01-10", due: "2026-11-01", overdue: true })],
      TODAY,
      until,
    );
    expect(only).toMatchObject({ date: "2027-01-10", booked: true, overdue: true, due: "2026-11-01" });
  });
});

describe("parseCommand: reviews", () => {
  it.each([
    ["reviews", "four_weeks"],
    ["my reviews", "four_weeks"],
    ["Reviews?", "four_weeks"],
    ["upcoming reviews", "four_weeks"],
    ["reviews coming up", "four_weeks"],
    ["my reviews in the next 4 weeks", "four_weeks"],
    ["my reviews this week", "week"],
    ["reviews this week", "week"],
    ["show me my reviews this week", "week"],
  ])("“%s”", (text, window) => {
    expect(parseCommand(text)).toEqual({ kind: "reviews", window });
  });

  it.each(["review for Amira booked 12 Dec", "Jordan's review was held today", "reviews for Amira"])(
    "“%s” is not the list",
    (text) => {
      expect(parseCommand(text).kind).not.toBe("reviews");
    },
  );
});
