/**
 * The view models the screenshots show: the card examples of cards/examples.ts, with the
 * parts written to stress the cards (text in the templating engine's own syntax, the
 * same 500-character note ten times, 25 placeholder children) swapped for what a social
 * worker would actually see. The stress cases stay in the card tests; in a README they
 * read as bugs. Everything else, and so every shape the card handles, comes unchanged.
 */
import { alertExamples, examples, TRICKY_TEXT } from "../../cards/examples.js";
import type {
  AlertCardModel,
  BriefCardModel,
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

const BRIEF_NOTES = [
  "Spoke with the designated teacher: reading catch-up agreed for Tuesdays and Thursdays.",
  "Home visit. Jordan is proud of his science project; carer asked about transport to school.",
  "Called the school after two days' absence; the carer confirmed illness.",
];

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

/** The school weeks of this term up to the demo day (half term, w/c 26 Oct, has none). */
const WEEKS = [
  "7 Sep",
  "14 Sep",
  "21 Sep",
  "28 Sep",
  "5 Oct",
  "12 Oct",
  "19 Oct",
  "2 Nov",
  "9 Nov",
  "16 Nov",
  "23 Nov",
];
const RATES = ["100%", "90%", "80%", "90%", "80%", "90%", "70%", "90%", "80%", "80%", "60%"];

const brief: BriefCardModel = plain({
  ...examples.brief,
  attendance: {
    ...examples.brief.attendance,
    trend: WEEKS.map((week, i) => ({ week, rate: RATES[i] ?? "" })),
  },
  targets: examples.brief.targets.map((t) => (t === TRICKY_TEXT ? "Join the after-school science club" : t)),
  actions: examples.brief.actions.slice(0, BRIEF_NOTES.length).map((action, i) => ({
    ...action,
    text: BRIEF_NOTES[i] ?? action.text,
  })),
});

export const readmeModels = {
  status: plain<StatusCardModel>(examples.status),
  caseload,
  childChoice: examples.childChoice,
  brief,
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
