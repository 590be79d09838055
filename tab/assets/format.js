/** How the tab writes dates, rates and codes for people: en-GB, England's calendar. */

// ISO dates are whole days, so they are formatted in UTC: no time zone may move them.
const DATE = new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "short", year: "numeric", timeZone: "UTC" });
const SHORT_DATE = new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "short", timeZone: "UTC" });
const DATE_TIME = new Intl.DateTimeFormat("en-GB", {
  day: "numeric",
  month: "short",
  year: "numeric",
  hour: "2-digit",
  minute: "2-digit",
  timeZone: "Europe/London",
});

/**
 * "23 Nov 2026"; an em dash when there is no date.
 * @param {string | null | undefined} iso YYYY-MM-DD
 */
export const date = (iso) => (iso ? DATE.format(new Date(`${iso}T00:00:00Z`)) : "—");

/** "23 Nov": for chart axes. @param {string} iso */
export const shortDate = (iso) => SHORT_DATE.format(new Date(`${iso}T00:00:00Z`));

/** "23 Nov 2026, 14:05" in England's time. @param {string} instant an ISO timestamp */
export const dateTime = (instant) => DATE_TIME.format(new Date(instant));

/** "93.4%" from a 0..1 rate; "no sessions yet" when there is none. @param {number | null | undefined} rate */
export const rate = (rate) => (rate === null || rate === undefined ? "no sessions yet" : `${(rate * 100).toFixed(1)}%`);

/** "93.4%" from a percentage already rounded by the API. @param {number | null | undefined} value */
export const percent = (value) => (value === null || value === undefined ? "—" : `${value}%`);

/** @param {number} n @param {string} one @param {string} [many] */
export const plural = (n, one, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** @type {Record<string, string>} */
export const PEP_STATUS = {
  not_started: "Not started",
  booked: "Booked",
  draft: "Draft",
  held: "Held",
  submitted: "Submitted to the Virtual School",
  returned: "Returned for changes",
  complete: "Complete",
  quality_assured: "Quality-assured",
};

const POUNDS = new Intl.NumberFormat("en-GB", { style: "currency", currency: "GBP", maximumFractionDigits: 0 });
const POUNDS_AND_PENCE = new Intl.NumberFormat("en-GB", { style: "currency", currency: "GBP" });

/**
 * "£2,570" from pence (whole pounds without pence), "£12.50" otherwise; an em dash for none.
 * @param {number | null | undefined} pence
 */
export const money = (pence) =>
  pence === null || pence === undefined
    ? "—"
    : pence % 100 === 0
      ? POUNDS.format(pence / 100)
      : POUNDS_AND_PENCE.format(pence / 100);

/** @type {Record<string, string>} */
export const RAG = { red: "Red", amber: "Amber", green: "Green" };

/** @type {Record<string, string>} */
export const SEN = { none: "None", sen_support: "SEN support", ehcp: "EHCP" };

/** @type {Record<string, string>} */
export const PHASE = {
  nursery: "Nursery",
  primary: "Primary",
  secondary: "Secondary",
  all_through: "All-through",
  special: "Special school",
  alternative_provision: "Alternative provision",
  post16: "Post-16",
};

/** @type {Record<string, string>} */
export const ACTION_CATEGORY = {
  contact_carer: "Contact with carer",
  contact_school: "Contact with school",
  contact_social_worker: "Contact with social worker",
  pep: "PEP",
  attendance: "Attendance",
  exclusion: "Exclusion",
  sen: "SEN",
  meeting: "Meeting",
  other: "Other",
};

/** "Autumn 2026" from the record's "2026-autumn"; other names as written. @param {string} term */
export function termName(term) {
  const match = /^(\d{4})-(autumn|spring|summer)$/i.exec(term);
  // "initial-<date>": the initial PEP of a later period of care.
  if (!match) return term === "initial" || term.startsWith("initial-") ? "Initial PEP" : term;
  const [, year, season] = match;
  // A school year is named by the year it starts: its spring and summer fall in the next.
  const calendarYear = season.toLowerCase() === "autumn" ? Number(year) : Number(year) + 1;
  return `${season[0].toUpperCase()}${season.slice(1).toLowerCase()} ${calendarYear}`;
}

/** "Autumn 2026 PEP", "Initial PEP": a PEP named by what it is for. @param {string} term */
export function pepName(term) {
  const name = termName(term);
  return /PEP$/.test(name) ? name : `${name} PEP`;
}
