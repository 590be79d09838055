/**
 * The view models the screenshots show: the card examples of cards/examples.ts, with the
 * parts written to stress the cards (text in the templating engine's own syntax, the
 * same 500-character note ten times, 25 placeholder children) swapped for what a social
 * worker would actually see. The stress cases stay in the card tests; in a README they
 * read as bugs. Everything else, and so every shape the card handles, comes unchanged.
 * The brief, the reviews and the questions' answers are made by the bot's own views
 * instead (answers.ts).
 */
import { alertExamples, examples, TRICKY_TEXT } from "../../cards/examples.js";
import type {
  AlertCardModel,
  CaseloadCardModel,
  LogConfirmCardModel,
  LogSavedCardModel,
  StatusCardModel,
} from "../../cards/view-models.js";

/** What a person typed, in place of TRICKY_TEXT. */
const NOTE = "Carer says Jordan was unwell over the weekend and will be back on Monday. Next: call the school.";

/** Replaces TRICKY_TEXT wherever it appears in a string of `value`, at any depth. */
function plain<T>(value: T, note = NOTE): T {
  return JSON.parse(JSON.stringify(value), (_key, v: unknown) =>
    typeof v === "string" ? v.replaceAll(TRICKY_TEXT, note) : v,
  ) as T;
}

/** Invented, like every name in the examples. */
const CASELOAD_NAMES = [
  "Jordan S.",
  "Amira K.",
  "Tyler B.",
  "Leah M.",
  "Kai E.",
  "Jordan R.",
  "Noah W.",
  "Ella T.",
  "Freddie H.",
  "Maya C.",
];

/** The bot lists the most urgent first: a child without a school place carries that badge. */
const caseloadChildren = examples.caseloadFull.children.slice(0, CASELOAD_NAMES.length).map((child, i) => ({
  ...child,
  displayName: CASELOAD_NAMES[i] ?? child.displayName,
  school: child.school === null ? null : "Oakfield Academy",
  badges: child.school === null ? [{ text: "No school place", severity: "red" as const }] : child.badges,
}));

const caseload: CaseloadCardModel = {
  ...examples.caseloadFull,
  total: 12,
  more: 12 - caseloadChildren.length,
  children: caseloadChildren.sort((a, b) => b.badges.length - a.badges.length),
};

export const readmeModels = {
  status: plain<StatusCardModel>(examples.status),
  caseload,
  childChoice: examples.childChoice,
  alerts: examples.alerts,
  logConfirm: plain<LogConfirmCardModel>(examples.logConfirm),
  logSaved: plain<LogSavedCardModel>(examples.logSaved),
  welcome: examples.welcome,
  help: examples.help,
  alertDesignatedTeacher: alertExamples.alertDtAttendance,
  alertSocialWorker: alertExamples.alertSw,
  // This alert ends "Marked late": the note logged on the way says why.
  alertAnswered: plain<AlertCardModel>(
    alertExamples.alertAnswered,
    "Carer says the taxi did not come; Jordan is on his way in.",
  ),
  alertPepBooked: alertExamples.alertSwPepBooked,
  alertPepHeld: alertExamples.alertPepHeld,
  alertPepQa: plain<AlertCardModel>(alertExamples.alertQa, "Join the after-school science club"),
  alertPepQaOutcome: alertExamples.alertQaOutcome,
  recordChoice: examples.recordChoice,
  recordSaved: examples.recordSavedPepHeld,
};
