import { describe, expect, it } from "vitest";
import { ACTION_CATEGORIES, guessActionCategory } from "../../core/actions/category.js";

describe("guessActionCategory", () => {
  it.each([
    ["Rang carer, no answer", "contact_carer"],
    ["Called foster carer to check on the move", "contact_carer"],
    ["Spoke to key worker at the children's home", "contact_carer"],
    ["Emailed school for an update", "contact_school"],
    ["Spoke to the DT", "contact_school"],
    ["Phoned the headteacher", "contact_school"],
    ["Emailed college admissions", "contact_school"],
    ["Called social worker", "contact_social_worker"],
    ["Emailed SW re placement move", "contact_social_worker"],
    ["Sent the IRO the latest report", "contact_social_worker"],
    ["PEP booked for 12 March", "pep"],
    ["Chased DT about the PEP", "pep"],
    ["Quality assured peps for Year 11", "pep"],
    ["PP+ request approved", "pep"],
    ["Personal Education Plan signed off", "pep"],
    ["Absence chased with school", "attendance"],
    ["Rang carer about attendance", "attendance"],
    ["Absent again on Monday", "attendance"],
    ["Possible CME: not in school for two weeks", "attendance"],
    ["Arriving late most days", "attendance"],
    ["Head confirmed suspension for 3 days", "exclusion"],
    ["Permanently excluded on Friday", "exclusion"],
    ["Fixed-term exclusion meeting arranged", "exclusion"],
    ["EHCP annual review paperwork sent", "sen"],
    ["Asked SENCO about SEN support", "sen"],
    ["Referral for EHC needs assessment: EHC plan requested", "sen"],
    ["Meeting with the virtual school team", "meeting"],
    ["Met with Year 10 tutor", "meeting"],
    ["Attended LAC review", "meeting"],
    ["Home visit completed", "meeting"],
    ["Send the report to the office", "other"],
    ["Updated the file", "other"],
    ["", "other"],
  ] as const)("%j → %s", (text, category) => {
    expect(guessActionCategory(text)).toBe(category);
  });

  it("only ever answers with a known category", () => {
    for (const text of ["x", "school", "PEP", "carer", "absence"]) {
      expect(ACTION_CATEGORIES).toContain(guessActionCategory(text));
    }
  });
});

describe("ACTION_CATEGORIES", () => {
  it("lists the nine categories, 'other' last", () => {
    expect(ACTION_CATEGORIES).toHaveLength(9);
    expect(new Set(ACTION_CATEGORIES).size).toBe(9);
    expect(ACTION_CATEGORIES[ACTION_CATEGORIES.length - 1]).toBe("other");
  });
});
