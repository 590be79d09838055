/**
 * "who is absent today?" (cards/views/question-views.ts absentAnswer): before the morning register
 * closes a blank is not yet an absence, so the answer says when to ask again rather than
 * "none absent"; after it, the register's word.
 */
import { describe, expect, it } from "vitest";
import { absentAnswer } from "../../cards/views/question-views.js";
import { tabLinksFor } from "../../cards/views/tab-links.js";

const links = tabLinksFor("https://vs.example.org");
const child = (id: number, firstName: string, badges: { code: string; text: string; severity: "red" | "amber" }[]) => ({
  id,
  firstName,
  lastName: "Smith",
  school: { name: "Oakfield Primary" },
  badges,
});
const absent = { code: "unexplained_absence_today", text: "Absent today", severity: "red" as const };

describe("who is absent today", () => {
  it("after the morning register: none absent is said plainly", () => {
    expect(absentAnswer("your pupils", [child(1, "Kai", [])], links).answer).toBe(
      "None of your pupils is absent without a reason today.",
    );
  });

  it("before the morning register closes: nothing marked yet, and when to ask again", () => {
    expect(absentAnswer("your pupils", [child(1, "Kai", [])], links, "09:30").answer).toBe(
      "None of your pupils is marked absent without a reason so far. The morning register closes at 09:30: ask again after it.",
    );
  });

  it("names the pupils absent, and before 09:30 says more may come", () => {
    const model = absentAnswer("your pupils", [child(1, "Kai", [absent]), child(2, "Ava", [])], links, "09:30");
    expect(model.answer).toBe(
      "1 of your pupils is absent today with no reason established yet. The morning register closes at 09:30: ask again after it.",
    );
    expect(model.facts).toEqual([{ title: "Kai S.", value: "Oakfield Primary · Absent today" }]);
  });
});
