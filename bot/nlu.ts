/**
 * Understanding what people type: a command and its argument, tolerant of case, typos
 * ("stauts jordan", "my casload") and Teams' @-mention markup; for "log …", when it
 * happened ("on Thursday") and a cued follow-up ("follow up Friday"); and a PEP or care-plan review
 * booked or held, said in a sentence ("Jordan's PEP was held today", "review for Amira
 * booked 12 Dec"). Dates are read in en-GB and England's time. Pure: the clock is a parameter.
 */
import * as chrono from "chrono-node";
import { distance } from "fastest-levenshtein";
import type { RecordEvent, RecordSubject } from "../cards/verbs.js";
import { addDays, type IsoDate, londonDateOf, londonOffsetMinutes } from "../core/platform/dates.js";
import { briefAsked, type Question, recogniseQuestion } from "./questions.js";

export type Command =
  | { kind: "status"; query: string }
  | { kind: "caseload" }
  | { kind: "brief"; query: string }
  | { kind: "alerts" }
  /** The IRO's care-plan reviews coming up: in the next four weeks, or this week. */
  | { kind: "reviews"; window: "four_weeks" | "week" }
  | { kind: "log"; text: string }
  /** A PEP or care-plan review booked or held; the child and the date are read from `text`. */
  | { kind: "record"; subject: RecordSubject; event: RecordEvent; text: string }
  | { kind: "help" }
  /** "cancel", "never mind": a note being logged is dropped (log-action.dialog.ts); else nothing to do. */
  | { kind: "cancel" }
  | { kind: "greeting" }
  /** A plain question, a bare name, thanks or small talk (questions.ts). */
  | { kind: "question"; question: Question; text: string }
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

const REVIEWS_FILLER = new Set(
  "my show me the upcoming care plan care-plan what are list any which have has i got do we is there".split(" "),
);

/**
 * "reviews", "my reviews this week", "upcoming reviews", "any reviews coming up?", "what
 * reviews have I got this week": about no one child. Next week and this month are within
 * the four weeks' list (its card says which weeks it covers).
 */
function reviewsIntent(words: string[]): Command | null {
  const kept = words.map((w) => w.toLowerCase().replace(/[?!.,:]+$/, "")).filter((w) => w && !REVIEWS_FILLER.has(w));
  const at = kept.findIndex((w) => closeTo(w, "reviews") || w === "review");
  // Only filler before "reviews": "what reviews have I got" is, "Jordan reviews" is not.
  if (at !== 0) return null;
  const when = kept.slice(1).join(" ");
  if (/^(?:for |on )?this week$/.test(when)) return { kind: "reviews", window: "week" };
  if (
    /^(?:coming up|soon|(?:for |in )?(?:next week|this month|the next month)|(?:in )?(?:the )?next (?:4|four) weeks)?$/.test(
      when,
    )
  )
    return { kind: "reviews", window: "four_weeks" };
  return null;
}

const ALERTS_FILLER = new Set(
  "any my show me the new open what are have has i got do we is there for today please outstanding".split(" "),
);

/** "alerts", "any alerts for me?", "do I have any new alerts?", "what alerts have I got today". */
function alertsIntent(words: string[]): Command | null {
  const kept = words.map((w) => w.toLowerCase().replace(/[?!.,:]+$/, "")).filter((w) => w && !ALERTS_FILLER.has(w));
  const [only, ...more] = kept;
  return only !== undefined && more.length === 0 && (closeTo(only, "alerts") || closeTo(only, "alert"))
    ? { kind: "alerts" }
    : null;
}

/** "hi", "good morning", "hello there"; a question after it ("hi, is Jordan in?") is answered. */
const GREETING =
  /^(?:hi|hiya|hello|hey|good (?:morning|afternoon|evening)|morning|afternoon)\b(?: (?:there|all|team|bot))?[\s,!.]*/i;
/**
 * A case note in the person's own words, without "log": it opens with what they did, in
 * the past ("rang the carer about Amira's PEP, follow up Friday", "I've emailed the DT",
 * "just spoke to Leah's school"). "held" is left to `recordIntent` (a PEP or review held).
 */
const DONE =
  /^(?:(?:i|we)(?:'ve| have)?\s+|just\s+|today,?\s+)*(?:rang|phoned|called|e-?mailed|texted|messaged|spoke|spoken|met|visited|saw|seen|sent|chased|wrote|contacted|attended|discussed|arranged)\b/i;
/** The words that call off what is under way. */
const CANCEL_WORDS = "cancel|stop|never ?mind";
/** Calling off, and nothing else: "cancel", "stop that", "never mind!". */
const CANCEL = new RegExp(`^(?:${CANCEL_WORDS})(?: (?:that|it|this))?[\\s.!]*$`, "i");
const CANCEL_FIRST = new RegExp(`^(?:${CANCEL_WORDS})\\b`, "i");

/** Whether `text` starts by calling something off ("cancel that note, wrong child"). */
export const startsWithCancel = (text: string): boolean => CANCEL_FIRST.test(text.trim());

/** Asking what the bot does is asking for help. */
const HELP_QUESTION = /^(?:what can (?:you do|i (?:ask|say))|what do you do|how does (?:this|it) work)\b[\s?!.]*$/i;

export function parseCommand(raw: string): Command {
  const text = cleanText(raw);
  const words = text.split(" ").filter(Boolean);
  const [first = "", second = ""] = words.map((w) => w.toLowerCase().replace(/[?!.,:]+$/, ""));
  const rest = words.slice(1);

  if (first === "") return { kind: "greeting" };
  const greeted = GREETING.exec(text);
  if (greeted) {
    const after = parseCommand(text.slice(greeted[0].length));
    // "hello Virtual School", "hi there all": a greeting, not a name.
    const nothingMore = after.kind === "unknown" || (after.kind === "question" && "bare" in after.question);
    return nothingMore ? { kind: "greeting" } : after;
  }
  if (HELP_QUESTION.test(text)) return { kind: "help" };
  if (CANCEL.test(text)) return { kind: "cancel" };
  // A typo of "help" only on its own: "held Amira's PEP yesterday" is not a cry for help.
  if (first === "help" || (closeTo(first, "help") && rest.length === 0) || first === "?" || first === "commands") {
    return { kind: "help" };
  }
  if (first === "log" || first === "note" || closeTo(first, "record")) {
    return rest.length > 0 ? { kind: "log", text: rest.join(" ") } : { kind: "log", text: "" };
  }
  if (closeTo(first, "status")) return { kind: "status", query: argument(rest) };
  if (closeTo(first, "brief") || closeTo(first, "briefing")) return { kind: "brief", query: argument(rest) };
  const briefFor = briefAsked(text);
  if (briefFor) return { kind: "brief", query: briefFor };
  const reviews = reviewsIntent(words);
  if (reviews) return reviews;
  const record = recordIntent(text);
  if (record) return { kind: "record", ...record, text };
  if (DONE.test(text)) return { kind: "log", text };
  if (closeTo(first, "alerts") || closeTo(first, "alert")) return { kind: "alerts" };
  const alerts = alertsIntent(words);
  if (alerts) return alerts;
  if (CASELOAD_WORDS.some((w) => closeTo(first, w)) && rest.length === 0) return { kind: "caseload" };
  if ((first === "my" || first === "show") && CASELOAD_WORDS.some((w) => closeTo(second, w))) {
    return { kind: "caseload" };
  }
  const question = recogniseQuestion(text);
  if (question) return { kind: "question", question, text };
  return { kind: "unknown", text };
}

/**
 * Words that make a date a reminder: "follow up Friday", "chase next Tuesday", "remind me
 * on 4 Dec", "check back in two weeks". Anywhere in the date's own clause before it.
 */
const FOLLOW_UP_CUE =
  /\b(?:follow(?:ing)?[\s-]?up|followup|chase|check (?:again|back|in)|remind(?:er)?|revisit|call back|ring back)\b/i;
/** "by Friday" right before the date: a deadline, so a reminder. "by phone on Friday" is not. */
const DEADLINE_CUE = /\bby\s*$/i;
/** "review in 2 weeks" is a reminder; "LAC review on 4 Dec" is a meeting, not one. */
const REVIEW_IN = /\breview\s*$/i;
/** Where a clause ends: a date after one of these belongs to the next thing said. */
const CLAUSE_BREAK = /[,.;:!?()]|\b(?:and|then|but)\b/gi;

/** The clause a date sits in, up to the date: "follow up " in "rang the carer, follow up Friday". */
function clauseBefore(text: string, index: number): string {
  const before = text.slice(0, index);
  let start = 0;
  for (const m of before.matchAll(CLAUSE_BREAK)) start = (m.index ?? 0) + m[0].length;
  return before.slice(start);
}

export type LogParse = {
  text: string;
  /** When it happened ("met the DT on 20 November", "yesterday"), or null: today. */
  actionDate: IsoDate | null;
  /** A reminder, only when cued ("follow up Friday"); may be in the past or a holiday (the card asks). */
  followUpDate: IsoDate | null;
};

/**
 * The dates in a log message, read as the person meant them. A date after a follow-up cue
 * ("follow up Friday", "chase next Tuesday", "remind me on 4 Dec") is the reminder, read
 * forwards from `now` ("Friday" on a Saturday is next Friday). Any other date says when
 * the thing happened, read backwards ("visited Amira on Thursday" on a Monday is last
 * Thursday; "on 20 November" this year); a date still in the future with no cue is
 * neither. Dates are in England's time; pure, the clock is a parameter.
 */
export function parseLogText(raw: string, now: Date): LogParse {
  const text = cleanText(raw);
  const today = londonDateOf(now);
  const reference = { instant: now, timezone: londonOffsetMinutes(now) };
  const forwards = chrono.en.GB.parse(text, reference, { forwardDate: true });
  const backwards = new Map(chrono.en.GB.parse(text, reference).map((r) => [r.index, r]));
  let followUpDate: IsoDate | null = null;
  let actionDate: IsoDate | null = null;
  for (const found of forwards) {
    const clause = clauseBefore(text, found.index);
    const reviewIn = REVIEW_IN.test(clause) && /^in\b/i.test(found.text);
    if (FOLLOW_UP_CUE.test(clause) || DEADLINE_CUE.test(clause) || reviewIn) {
      const date = londonDateOf(found.start.date());
      // "chase on Monday" said on a Monday means next Monday; "follow up today" means today.
      const weekdayOnly = !found.start.isCertain("day") && found.start.isCertain("weekday");
      followUpDate ??= weekdayOnly && date === today ? addDays(date, 7) : date;
      continue;
    }
    const past = backwards.get(found.index) ?? found;
    let date = londonDateOf(past.start.date());
    // A weekday alone ("on Thursday") that chrono put later this week means last week's.
    if (date > today && !past.start.isCertain("day") && past.start.isCertain("weekday")) date = addDays(date, -7);
    if (date <= today) actionDate ??= date;
  }
  return { text, actionDate, followUpDate };
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
