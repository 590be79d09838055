/**
 * The IRO's reviews list as a card: at most 25 rows, overdue first then soonest, a line for
 * the rest; and colours a person can read (no pale yellow or green text on white).
 */
import { describe, expect, it } from "vitest";
import { answerCard, reviewsCard } from "../../cards/index.js";
import type { AnswerCardModel } from "../../cards/view-models.js";
import { pepForReviewText, REVIEWS_CARD_LIMIT, reviewsView } from "../../cards/views/iro-views.js";
import type { UpcomingReview } from "../../core/children/reviews.js";
import { addDays } from "../../core/platform/dates.js";
import { nodes, TEAMS_CARD_LIMIT } from "../support/card-schema.js";

const range = { asOf: "2026-11-23", until: "2026-12-20" };
const review = (i: number, over: Partial<UpcomingReview> = {}): UpcomingReview => ({
  childId: i,
  firstName: `Child${String(i).padStart(3, "0")}`,
  lastName: "Review",
  school: "Oakfield Primary School, a long name to make the row as big as a real one",
  date: addDays("2026-11-24", Math.floor(i / 5)),
  booked: true,
  due: "2027-02-01",
  overdue: false,
  pepNeededBy: "2026-11-20",
  ...over,
});
const overdue = (i: number) => review(i, { date: "2026-11-01", due: "2026-11-01", booked: false, overdue: true });
const colours = (card: unknown) => nodes(card).flatMap((n) => (typeof n.color === "string" ? [n.color] : []));

describe("the reviews card lists the soonest 25 and says how many more", () => {
  it("105 reviews: 25 rows, a line for the other 80, and under Teams' limit", () => {
    const items = Array.from({ length: 105 }, (_, i) => review(i));
    const model = reviewsView(items, "four_weeks", range, "https://vs.example.org/tab");
    expect(model.reviews).toHaveLength(REVIEWS_CARD_LIMIT);
    expect(model.reviews.map((r) => r.displayName).slice(0, 2)).toEqual(["Child000 R.", "Child001 R."]);
    expect(model.subtitle).toBe(
      "Mon 23 Nov 2026 to Sun 20 Dec 2026: 105 reviews, soonest first; the 25 soonest are listed. Tap Brief before the review.",
    );
    expect(model.more).toBe(
      "And 80 more, from Sun 29 Nov 2026 to Mon 14 Dec 2026: ask again nearer the time, or see each child's next review in the tab.",
    );
    expect(Buffer.byteLength(JSON.stringify(reviewsCard(model)), "utf8")).toBeLessThan(TEAMS_CARD_LIMIT);
  });

  it("more overdue than fit: the line counts the overdue left off apart", () => {
    const items = [...Array.from({ length: 30 }, (_, i) => overdue(i)), review(30), review(31)];
    expect(reviewsView(items, "week", range, null).more).toBe(
      "And 7 more, 5 overdue and 2 on Mon 30 Nov 2026: ask again nearer the time, or see each child's next review in the tab.",
    );
  });

  it("all listed: no line, and the subtitle does not say some are left off", () => {
    const model = reviewsView([overdue(1), review(2)], "four_weeks", range, null);
    expect(model.more).toBeNull();
    expect(model.subtitle).toBe(
      "Mon 23 Nov 2026 to Sun 20 Dec 2026: 1 overdue, then 1 due, soonest first. Tap Brief before the review.",
    );
    expect(JSON.stringify(reviewsCard(model))).not.toContain("more, ");
  });
});

describe("colours a person can read", () => {
  it("reviews: red rows in attention, amber (not booked) rows in default text, never yellow", () => {
    const unbooked = review(2, { booked: false, date: "2026-12-02", due: "2026-12-02" });
    const card = reviewsCard(reviewsView([overdue(1), unbooked, review(3)], "four_weeks", range, null));
    expect(colours(card).sort()).toEqual(["attention", "default", "default"]);
  });

  it.each([
    ["Attention", "attention"],
    ["Warning", "default"],
    ["Good", "default"],
    ["Default", "default"],
  ] as const)("an answer of tone %s has a %s title", (tone, colour) => {
    const model: AnswerCardModel = {
      title: "Jordan S.: next PEP",
      answer: "Jordan S.'s next PEP is due by 11 Dec 2026, not booked yet.",
      tone,
      facts: [],
      asks: [],
      statusChildId: 3,
      tabUrl: null,
    };
    expect(colours(answerCard(model))).toEqual([colour]);
  });
});

describe("the brief's PEP for this review, when the review date has passed", () => {
  const p = {
    required: true,
    review: "2024-02-12",
    neededBy: "2024-02-07",
    inDate: true,
    notInDateBecause: null,
    lastHeld: "2026-10-01",
  } as const;
  it("not overdue in the core (no review on record at all): no review to judge it by", () => {
    expect(pepForReviewText(p, "2026-11-23", false)).toBe(
      "No review on record to judge it by; last PEP held 1 Oct 2026",
    );
  });
  it("overdue: the review owed needed a new PEP", () => {
    expect(pepForReviewText({ ...p, review: "2026-11-20", neededBy: "2026-11-17" }, "2026-11-23", true)).toBe(
      "No: the review on 20 Nov 2026 needed a new PEP by Tue 17 Nov 2026",
    );
  });
});
