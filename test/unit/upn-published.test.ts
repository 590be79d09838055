/**
 * The UPN check letter anchored on examples published outside this project, each worked
 * by hand below from the published rule, independent of core/children/upn.ts and of the
 * formula copy in upn.test.ts.
 *
 * The rule (DfE, "Unique pupil numbers (UPNs): a guide for schools and local authorities",
 * Annex A; the UK Government Data Standards Catalogue, "Unique Pupil Number" v2.0): multiply
 * characters 2 to 13 by their position (2..13) and add; a letter in position 13 (temporary
 * UPN) counts as its value in the check table; the sum mod 23, read in the same table, is
 * the check letter in position 1. The table skips I, O and S:
 *
 *   A0 B1 C2 D3 E4 F5 G6 H7 J8 K9 L10 M11 N12 P13 Q14 R15 T16 U17 V18 W19 X20 Y21 Z22
 *
 * Where the examples come from:
 * - H801200001001 (permanent), G80120000101A (temporary) and Z801200001001 (wrong check
 *   letter): the DfE's UPN guidance (gov.uk attachment 270560, "Unique_Pupil_Numbers_-_
 *   guidance.pdf"), as quoted in the DfE's own multiplication tables check service tests
 *   (github.com/DFEAGILEDEVOPS/MTC, admin/spec/back-end/lib/validator/pupil-validator.spec.js).
 * - X00180001701A (temporary): ScholarPack's support article "Adding a UPN to Student
 *   Profile", given as the shape of a temporary UPN under the DfE formula.
 * - B207000016049 (wrong check letter): Juniper Education's "Census Error 1510 - UPN
 *   Invalid" article. It corrects it to Q207000016049, but its own terms add to 266, not
 *   the 267 it prints, and 266 gives P (and its table, like the DfE's, has P = 13): the
 *   correct UPN is P207000016049, worked below.
 */
import { describe, expect, it } from "vitest";
import { upnSchema, validateUpn } from "../../core/children/upn.js";

const TABLE = "ABCDEFGHJKLMNPQRTUVWXYZ";
const DIGITS = "0123456789";

/**
 * Worked by hand (position × value, for positions 2..13; zero terms left out):
 *
 * H801200001001: 2×8 + 4×1 + 5×2 + 10×1 + 13×1 = 16 + 4 + 10 + 10 + 13 = 53
 *                53 = 2×23 + 7 → 7 → H. (DfE guidance.)
 *
 * G80120000101A: 2×8 + 4×1 + 5×2 + 10×1 + 12×1 + 13×A(0) = 16 + 4 + 10 + 10 + 12 + 0 = 52
 *                52 = 2×23 + 6 → 6 → G. (DfE guidance.)
 *
 * X00180001701A: 4×1 + 5×8 + 9×1 + 10×7 + 12×1 + 13×A(0) = 4 + 40 + 9 + 70 + 12 + 0 = 135
 *                135 = 5×23 + 20 → 20 → X. (ScholarPack. The plain alphabet's 21st
 *                letter would be U: this one shows the table skipping I, O and S.)
 *
 * P207000016049: 2×2 + 4×7 + 9×1 + 10×6 + 12×4 + 13×9 = 4 + 28 + 9 + 60 + 48 + 117 = 266
 *                266 = 11×23 + 13 → 13 → P. (Juniper's example, recomputed.)
 *
 * H80120000101T: derived here, the body of G80120000101A with T in place 13; T is 16 in
 *                the table (19 in the plain alphabet):
 *                16 + 4 + 10 + 10 + 12 + 13×16 = 52 + 208 = 260
 *                260 = 11×23 + 7 → 7 → H.
 *                Read with T = 19 it would be 52 + 247 = 299 = 13×23 + 0 → A, a wrong answer.
 */
const PUBLISHED_VALID = [
  ["H801200001001", "permanent", "DfE UPN guidance"],
  ["G80120000101A", "temporary", "DfE UPN guidance"],
  ["X00180001701A", "temporary", "ScholarPack, after the DfE formula"],
  ["P207000016049", "permanent", "Juniper Education's example, recomputed"],
  ["H80120000101T", "temporary", "derived by hand above"],
] as const;

describe("published UPNs", () => {
  it.each(PUBLISHED_VALID)("%s is a valid %s UPN (%s)", (upn, kind) => {
    expect(validateUpn(upn)).toEqual({ ok: true, kind });
  });

  it.each([
    // The DfE guidance's own example of a wrong check letter: 53 → H, not Z.
    ["Z801200001001", "UPN check letter should be H, not Z"],
    // Juniper's invalid example, and its "correction": both are 266 → P.
    ["B207000016049", "UPN check letter should be P, not B"],
    ["Q207000016049", "UPN check letter should be P, not Q"],
    // What reading T as the plain alphabet's 19 would accept (see above).
    ["A80120000101T", "UPN check letter should be H, not A"],
  ])("%s is refused: %s", (upn, reason) => {
    expect(validateUpn(upn)).toEqual({ ok: false, reason });
  });

  it("accepts the published temporary UPN written in lower case with a trailing space, at the API boundary", () => {
    expect(upnSchema.parse("g80120000101a ")).toBe("G80120000101A");
  });
});

/**
 * Every UPN one substitution away from `upn`, within each place's own alphabet: another
 * check letter in place 1, another digit in places 2–12, and in place 13 another digit (a
 * permanent UPN) or another table letter (a temporary one).
 */
function oneCharacterChanges(upn: string): string[] {
  const out: string[] = [];
  for (let i = 0; i < upn.length; i++) {
    const alphabet = i === 0 ? TABLE : i < 12 ? DIGITS : DIGITS.includes(upn.charAt(12)) ? DIGITS : TABLE;
    for (const ch of alphabet) if (ch !== upn.charAt(i)) out.push(upn.slice(0, i) + ch + upn.slice(i + 1));
  }
  return out;
}

describe("a single-character change to a published UPN is refused", () => {
  // Why none can slip through: a change in place p moves the sum by p × d, where
  // 2 ≤ p ≤ 13 and 0 < |d| ≤ 22, and 23 is prime, so p × d is never a multiple of 23;
  // a changed check letter no longer matches an unchanged sum.
  it.each(PUBLISHED_VALID)("every change to %s", (upn, kind) => {
    const changes = oneCharacterChanges(upn);
    // 22 other check letters + 11 places × 9 other digits + place 13's others (9 digits or 22 letters).
    expect(changes).toHaveLength(kind === "permanent" ? 22 + 99 + 9 : 22 + 99 + 22);
    const accepted = changes.filter((changed) => validateUpn(changed).ok);
    expect(accepted).toEqual([]);
  });

  it("but a digit in place 13 swapped for the letter of the same value is another valid UPN: a temporary one", () => {
    // B counts 1, like the digit 1 it replaces: the sum is still 53 → H. The published rule
    // cannot see this change; the kind tells the two apart.
    expect(validateUpn("H80120000100B")).toEqual({ ok: true, kind: "temporary" });
    expect(validateUpn("H801200001001")).toEqual({ ok: true, kind: "permanent" });
  });
});
