/**
 * Understanding what people type: a command and its argument, tolerant of case, typos
 * ("stauts jordan", "my casload") and Teams' @-mention markup; and, for "log …", the
 * follow-up date in plain English ("follow up Friday"), read in en-GB and England's time.
 * Pure: the clock is a parameter.
 */
import * as chrono from "chrono-node";
import { distance } from "fastest-levenshtein";
import { type IsoDate, londonDateOf, londonOffsetMinutes } from "../core/platform/dates.js";

export type Command =
  | { kind: "status"; query: string }
  | { kind: "caseload" }
  | { kind: "brief"; query: string }
  | { kind: "alerts" }
  | { kind: "log"; text: string }
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
  if (closeTo(first, "help") || first === "?" || first === "commands") return { kind: "help" };
  if (first === "log" || first === "note" || closeTo(first, "record")) {
    return rest.length > 0 ? { kind: "log", text: rest.join(" ") } : { kind: "log", text: "" };
  }
  if (closeTo(first, "status")) return { kind: "status", query: argument(rest) };
  if (closeTo(first, "brief") || closeTo(first, "briefing")) return { kind: "brief", query: argument(rest) };
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
