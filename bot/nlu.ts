/**
 * Understanding what people type: a command and its argument, tolerant of case, typos
 * ("stauts jordan", "my casload") and Teams' @-mention markup; for "log …", the
 * follow-up date in plain English ("follow up Friday"); and a PEP or care-plan review
 * booked or held, said in a sentence ("Jordan's PEP was held today", "review for Amira
 * booked 12 Dec"). Dates are read in en-GB and England's time. Pure: the clock is a parameter.
 */
import * as chrono from "chrono-node";
import { distance } from "fastest-levenshtein";
import type { RecordEvent, RecordSubject } from "../cards/verbs.js";
import { addDays, type IsoDate, londonDateOf, londonOffsetMinutes } from "../core/platform/dates.js";

export type Command =
  | { kind: "status"; query: string }
  | { kind: "caseload" }
  | { kind: "brief"; query: string }
  | { kind: "alerts" }
  | { kind: "log"; text: string }
  /** A PEP or care-plan review booked or held; the child and the date are read from `text`. */
  | { kind: "record"; subject: RecordSubject; event: RecordEvent; text: string }
  | { kind: "help" }
  | { kind: "greeting" }
  | { kind: "unknown"; text: string };

/** Removes Teams' <at>Bot</at> mentions and other markup, and folds white space. */
export function cleanText(raw: string): string {
  return raw
    .replace(/<at>.*?<\/at>/gi, " ")
    .replace(/<[^>]+>/g, " ")
    .replace(/&nbsp;/g, " ")
    .replace(/\s+/g, " ")
    .trim();
}

/** "hlep" for "help": two letters swapped, the commonest typo, counts as one. */
function swapped(word: string, target: string): boolean {
  if (word.length !== target.length) return false;
  const diff = [...word].flatMap((c, i) => (c === target[i] ? [] : [i]));
  const [i, j] = diff;
  return diff.length === 2 && j === (i ?? 0) + 1 && word[i ?? 0] === target[j] && word[j] === target[i ?? 0];
}

/** The word people meant, allowing one typo (two in longer words). */
function closeTo(word: string, target: string): boolean {
  if (word === target || (target.length >= 4 && swapped(word, target))) return true;
  const allowed = target.length >= 6 ? 2 : target.length >= 4 ? 1 : 0;
  return allowed > 0 && distance(word, target) <= allowed;
}

const CASELOAD_WORDS = ["caseload", "children", "pupils", "kids", "students", "list"];
const FILLER = /^(?:of|for|on|about|me|please)\s+/i;

function argument(words: string[]): string {
  return words.join(" ").replace(FILLER, "").replace(FILLER, "").trim();
}

export function parseCommand(raw: string): Command {
  const text = cleanText(raw);
  const words = text.split(" ").filter(Boolean);
  const [first = "", second = ""] = words.map((w) => w.toLowerCase().replace(/[?!.,:]+$/, ""));
  const rest = words.slice(1);

  if (first === "" || ["hi", "hello", "hey", "morning", "afternoon"].includes(first)) return { kind: "greeting" };
  // A typo of "help" only on its own: "held Amira's PEP yesterday" is not a cry for help.
  if (first === "help" || (closeTo(first, "help") && rest.length === 0) || first === "?" || first === "commands") {
    return { kind: "help" };
  }
  if (first === "log" || first === "note" || closeTo(first, "record")) {
    return rest.length > 0 ? { kind: "log", text: rest.join(" ") } : { kind: "log", text: "" };
  }
  if (closeTo(first, "status")) return { kind: "status", query: argument(rest) };
  if (closeTo(first, "brief") || closeTo(first, "briefing")) return { kind: "brief", query: argument(rest) };
  const record = recordIntent(text);
  if (record) return { kind: "record", ...record, text };
  if (closeTo(first, "alerts") || closeTo(first, "alert")) return { kind: "alerts" };
  if ((first === "my" || first === "show") && (closeTo(second, "alerts") || closeTo(second, "alert"))) {
    return { kind: "alerts" };
  }
  if (CASELOAD_WORDS.some((w) => closeTo(first, w)) && rest.length === 0) return { kind: "caseload" };
  if ((first === "my" || first === "show") && CASELOAD_WORDS.some((w) => closeTo(second, w))) {
    return { kind: "caseload" };
  }
  return { kind: "unknown", text };
}

/** Words that introduce a follow-up date: "follow up Friday", "chase by 1 Dec". */
const FOLLOW_UP_CUE = /(follow[\s-]?up|chase|check again|remind me|review|revisit|by|on|next)\W*$/i;

export type LogParse = { text: string; followUpDate: IsoDate | null };

/**
 * The follow-up date in a log message: the first date after a cue ("follow up Friday"),
 * or the only future date mentioned. Dates are read forwards from `now` in England
 * ("Friday" on a Saturday is next Friday).
 */
export function parseLogText(raw: string, now: Date): LogParse {
  const text = cleanText(raw);
  const today = londonDateOf(now);
  const reference = { instant: now, timezone: londonOffsetMinutes(now) };
  const found = chrono.en.GB.parse(text, reference, { forwardDate: true })
    .map((r) => ({ index: r.index, date: londonDateOf(r.start.date()) }))
    .filter((r) => r.date >= today);
  const cued = found.find((r) => FOLLOW_UP_CUE.test(text.slice(Math.max(0, r.index - 20), r.index)));
  const pick = cued ?? (found.length === 1 ? found[0] : undefined);
  return { text, followUpDate: pick?.date ?? null };
}

const PEP_WORD = /\bpeps?\b/i;
const REVIEW_WORD = /\b(?:reviews?|reveiw)\b/i;
/** The meeting happened: "was held", "took place", "had her PEP", "was on Monday". */
const HELD_WORDS = /\b(?:held|happened|took place|went ahead|done|completed|had)\b|\bwas (?:on|at)\b/i;
/** The meeting is in the diary: "booked for", "is on 12 Dec", "arranged", "book …". */
const BOOKED_WORDS =
  /\b(?:booked|book|arranged|scheduled|planned|rebooked|fixed)\b|\b(?:is|will be|set) (?:on|for|at)\b|\bmoved to\b/i;
/** Not a statement that it happened or is booked. */
const NEGATION = /\b(?:not|no|never|isn'?t|wasn'?t|hasn'?t|haven'?t|didn'?t|cancel(?:l?ed)?|postponed)\b|n[’']t\b/i;
const QUESTION = /\?\s*$|^(?:when|what|whe?re|who|has|have|is|was|did|does|do|can|could|should|will|are)\b/i;

/**
 * "Jordan's PEP was held today", "review for Amira booked 12 Dec": what is being recorded.
 * Null unless the sentence names exactly one of PEP or review and says exactly one of held
 * or booked, and is neither a question nor a negation ("is Jordan's PEP booked?", "the
 * review isn't booked yet").
 */
export function recordIntent(raw: string): { subject: RecordSubject; event: RecordEvent } | null {
  const text = cleanText(raw).toLowerCase();
  if (QUESTION.test(text) || NEGATION.test(text)) return null;
  const pep = PEP_WORD.test(text);
  const review = REVIEW_WORD.test(text);
  if (pep === review) return null;
  const held = HELD_WORDS.test(text);
  const booked = BOOKED_WORDS.test(text);
  if (held === booked) return null;
  return { subject: pep ? "pep" : "review", event: held ? "held" : "booked" };
}

/**
 * The date in a "held" or "booked" sentence, in England. A booking reads forwards
 * ("Thursday" is the next one), a meeting held backwards ("Thursday" is the last one,
 * "12 Nov" this year). Only a date with a day counts ("May" alone may be a name).
 */
export function recordDate(raw: string, event: RecordEvent, now: Date): IsoDate | null {
  const text = cleanText(raw);
  const today = londonDateOf(now);
  const reference = { instant: now, timezone: londonOffsetMinutes(now) };
  const found = chrono.en.GB.parse(text, reference, { forwardDate: event === "booked" }).find(
    (r) => r.start.isCertain("day") || r.start.isCertain("weekday"),
  );
  if (!found) return null;
  const date = londonDateOf(found.start.date());
  // A weekday alone ("held on Thursday") that chrono put later this week means last week's.
  if (event === "held" && date > today && !found.start.isCertain("day")) return addDays(date, -7);
  return date;
}
