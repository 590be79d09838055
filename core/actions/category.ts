/**
 * Categories for the Virtual School's action log, and a first guess from the officer's own
 * words ("rang carer re absence") so logging from Teams takes one line, not a form.
 *
 * The guess names what the action was *about* before *who* was contacted: "emailed school
 * about the PEP" is PEP work, "emailed school" alone is school contact. Rules are tried in
 * order; the first that matches wins. The officer can always correct it.
 */

export const ACTION_CATEGORIES = [
  "contact_carer",
  "contact_school",
  "contact_social_worker",
  "pep",
  "attendance",
  "exclusion",
  "sen",
  "meeting",
  "other",
] as const;

export type ActionCategory = (typeof ACTION_CATEGORIES)[number];

/** Patterns are case-insensitive unless a short acronym would clash with ordinary words. */
const RULES: readonly (readonly [ActionCategory, readonly RegExp[]])[] = [
  [
    "exclusion",
    [
      /\bexclu(?:de|ded|des|ding|sion|sions)\b/i,
      /\bsuspen(?:d|ded|ds|sion|sions)\b/i,
      /\bfixed[- ]term\b/i,
      /\b(?:FTE|PEX)\b/,
    ],
  ],
  ["pep", [/\bpeps?\b/i, /\bpersonal education plan/i, /\bPP\+/i, /\bpupil premium\b/i]],
  [
    "sen",
    [
      /\behcp?s?\b/i,
      /\behc plan/i,
      /\bSEND?\b/, // upper case only: "send" is a verb
      /\bsen support\b/i,
      /\bsend?co\b/i,
      /\bspecial educational needs\b/i,
      /\beducational psychologist\b/i,
    ],
  ],
  [
    "attendance",
    [
      /\babsen(?:t|ce|ces|teeism)\b/i,
      /\battendance\b/i, // not "attended": officers attend meetings
      /\bnot attending\b/i,
      /\btruan/i,
      /\bmissing education\b/i,
      /\bCME\b/,
      /\bunauthori[sz]ed\b/i,
      /\bnot in school\b/i,
      /\barriv\w* late\b/i,
      /\blateness\b/i,
      /\bno mark/i,
    ],
  ],
  [
    "meeting",
    [/\bmeeting\b/i, /\bmet\b/i, /\b(?:LAC|CLA|care[- ]plan|looked[- ]after) review\b/i, /\bvisit(?:ed)?\b/i],
  ],
  ["contact_social_worker", [/\bsocial worker\b/i, /\bSWs?\b/, /\bIRO\b/, /\bsocial care\b/i]],
  ["contact_carer", [/\bcarers?\b/i, /\bfoster/i, /\bchildren'?s home\b/i, /\bresidential\b/i, /\bkey ?worker\b/i]],
  [
    "contact_school",
    [
      /\bschool\b/i,
      /\bDT\b/,
      /\bdesignated teacher\b/i,
      /\bhead(?:teacher| of year)?\b/i,
      /\bteacher\b/i,
      /\bcollege\b/i,
      /\bacademy\b/i,
    ],
  ],
];

/** The likeliest category for a free-text action, "other" when nothing matches. */
export function guessActionCategory(text: string): ActionCategory {
  for (const [category, patterns] of RULES) {
    if (patterns.some((pattern) => pattern.test(text))) return category;
  }
  return "other";
}
