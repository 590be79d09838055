/**
 * Unique Pupil Numbers. 13 characters: a check letter, then LA code (3 digits),
 * establishment (4), year (2) and serial (3). A temporary UPN ends in a letter instead of
 * the last serial digit. The letters I, O and S are never used (they look like 1, 0, 5).
 *
 * Real data is full of UPNs that fail the check letter, so validation explains the fault
 * in a sentence an officer can act on rather than just saying "invalid"; importers keep
 * the child and report the UPN.
 */
import { z } from "zod";

/** Check letters, and the values of a letter in the 13th place: A=0 … H=7, J=8 … Z=22. */
const CHECK_LETTERS = "ABCDEFGHJKLMNPQRTUVWXYZ";

/** "UPN not known" placeholders the DfE accepts. */
const UNKNOWN_UPNS: ReadonlySet<string> = new Set(["UN1", "UN2", "UN3", "UN4", "UN5"]);

const BODY = /^\d{11}[0-9ABCDEFGHJKLMNPQRTUVWXYZ]$/;

/**
 * The check letter for characters 2–13 of a UPN: each character weighted by its position
 * (2..13), a digit counting as itself and a final letter as its place in CHECK_LETTERS; the
 * sum mod 23 read in the same table. Throws on a malformed body: use `validateUpn` for
 * data from outside.
 */
export function upnCheckLetter(body12: string): string {
  if (!BODY.test(body12)) throw new RangeError("a UPN body is 11 digits then a digit or a check-table letter");
  let sum = 0;
  for (let i = 0; i < 12; i++) {
    const ch = body12.charAt(i);
    const value = /\d/.test(ch) ? Number(ch) : CHECK_LETTERS.indexOf(ch);
    sum += value * (i + 2);
  }
  return CHECK_LETTERS.charAt(sum % 23);
}

export type UpnKind = "permanent" | "temporary" | "unknown";
export type UpnCheck = { ok: true; kind: UpnKind } | { ok: false; reason: string };

const ordinal = (n: number): string => `${n}${n === 2 ? "nd" : n === 3 ? "rd" : "th"}`;

/** Checks a UPN exactly as given (see `upnSchema` to trim and upper-case first). */
export function validateUpn(upn: string): UpnCheck {
  if (UNKNOWN_UPNS.has(upn)) return { ok: true, kind: "unknown" };
  if (upn.length !== 13) {
    return { ok: false, reason: `UPN should be 13 characters long, but this one has ${upn.length}` };
  }
  if (/[IOS]/.test(upn)) return { ok: false, reason: "UPN cannot contain the letters I, O or S" };
  const first = upn.charAt(0);
  if (!CHECK_LETTERS.includes(first)) {
    return { ok: false, reason: `UPN should start with a capital check letter, not "${first}"` };
  }
  for (let i = 1; i < 12; i++) {
    const ch = upn.charAt(i);
    if (!/\d/.test(ch)) {
      return { ok: false, reason: `UPN should have digits in places 2 to 12, but the ${ordinal(i + 1)} is "${ch}"` };
    }
  }
  const last = upn.charAt(12);
  if (!/\d/.test(last) && !CHECK_LETTERS.includes(last)) {
    return { ok: false, reason: `UPN should end in a digit or a capital letter, not "${last}"` };
  }
  const expected = upnCheckLetter(upn.slice(1));
  if (expected !== first) return { ok: false, reason: `UPN check letter should be ${expected}, not ${first}` };
  return { ok: true, kind: /\d/.test(last) ? "permanent" : "temporary" };
}

/** A UPN at an API boundary: trimmed, upper-cased, then checked, with the reason as the message. */
export const upnSchema = z
  .string()
  .trim()
  .toUpperCase()
  .superRefine((upn, ctx) => {
    const check = validateUpn(upn);
    if (!check.ok) ctx.addIssue({ code: "custom", message: check.reason });
  });

const digits = (value: number | string, width: number, part: string): string => {
  const text = String(value).padStart(width, "0");
  if (!new RegExp(`^\\d{${width}}$`).test(text)) throw new RangeError(`UPN ${part} must be ${width} digits`);
  return text;
};

/**
 * Builds a valid UPN from its parts (for the demo seed and tests). A `serial` ending in a
 * letter, such as "12A", gives a temporary UPN.
 */
export function makeUpn(
  la: number | string,
  establishment: number | string,
  year: number | string,
  serial: number | string,
): string {
  const tail = String(serial).padStart(3, "0");
  if (!/^\d\d[0-9ABCDEFGHJKLMNPQRTUVWXYZ]$/.test(tail)) {
    throw new RangeError("UPN serial must be 3 digits, or 2 digits and a check-table letter");
  }
  const body = digits(la, 3, "LA code") + digits(establishment, 4, "establishment") + digits(year, 2, "year") + tail;
  return upnCheckLetter(body) + body;
}
