/**
 * Example view models for every card, realistic ones and the edges (no school, nothing
 * measured yet, a full caseload, long free text written in the templating engine's own
 * syntax). The card tests run on all of them; they also serve to preview the cards.
 * All names and dates are invented.
 */
import { VERBS } from "./verbs.js";

export { alertExamples } from "./examples.alert.js";
export { TRICKY_TEXT } from "./examples.text.js";

import { answerExamples } from "./examples.answer.js";
import { reviewsExample } from "./examples.iro.js";
import { logExamples } from "./examples.log.js";
import { flags, SUGGESTED, status, statusBare, TAB_HOME } from "./examples.status.js";
import { TRICKY_TEXT } from "./examples.text.js";

import type {
  AlertsCardModel,
  AnswerCardModel,
  BriefCardModel,
  CaseloadCardModel,
  ChildChoiceCardModel,
  HelpCardModel,
  LogConfirmCardModel,
  LogSavedCardModel,
  RecordChoiceCardModel,
  RecordSavedCardModel,
  ReviewsCardModel,
  StatusCardModel,
  WelcomeCardModel,
} from "./view-models.js";

const badges: CaseloadCardModel["children"][number]["badges"] = [
  { text: "PA", severity: "amber" },
  { text: "Absent today", severity: "red" },
  { text: "PEP overdue", severity: "red" },
];

/** The most the bot lists: 25 children, some without a school, up to three badges each. */
const caseloadFull: CaseloadCardModel = {
  title: "Your caseload",
  total: 31,
  children: Array.from({ length: 25 }, (_, i) => ({
    childId: i + 1,
    displayName: `Child${i + 1} ${String.fromCharCode(65 + i)}.`,
    school: i % 5 === 0 ? null : "Oakfield Academy Trust Secondary School and Sixth Form",
    badges: badges.slice(0, i % 4),
  })),
  more: 6,
  page: 1,
  first: 1,
  nextPage: 2,
  tabUrl: "https://teams.microsoft.com/l/entity/app-id/caseload",
};

const brief: BriefCardModel = {
  childId: 7,
  displayName: "Jordan S.",
  since: "2 Jun 2026",
  nextReview: "Overdue since 20 Nov 2026; booked for 2 Dec 2026",
  pepForReview:
    "No: the review on 20 Nov 2026 needed a new PEP by Tue 17 Nov 2026 (not in date: the PEP owed is overdue)",
  school: "Oakfield Academy (since 2 Sept 2026)",
  schoolMoves: "Left Hillside Primary on 20 Jul 2026; Joined Oakfield Academy on 2 Sept 2026",
  sen: "EHCP",
  attendancePeriod: "2 Sept 2026 to 23 Nov 2026",
  attendanceNote:
    "Registers start on 2 Sept 2026, later than the last review (2 Jun 2026): joined the school roll on 2 Sept 2026. The attendance since the review covers only that period.",
  attendance: {
    rateSince: "88.0%",
    rateThisYear: "86.4%",
    persistentAbsence: true,
    trend: Array.from({ length: 12 }, (_, i) => ({ week: `${i + 1} Sep`, rate: `${80 + i}%` })),
  },
  pep: {
    summary: "Overdue by 4 school days",
    lastMeeting: "2 Jun 2026",
    nextDue: "17 Nov 2026",
    nextDueLabel: "PEP was due",
    rag: "amber",
    booked: "Thu 3 Dec 2026",
  },
  targets: ["Read for 20 minutes each evening", "Attend maths catch-up on Tuesdays", TRICKY_TEXT],
  exclusions: [{ kind: "Suspension", start: "3 Nov 2026", days: 1 }],
  // A long review period: ten actions of about 500 characters each.
  actions: Array.from({ length: 10 }, (_, i) => ({
    when: `${i + 10} Nov 2026`,
    by: "Sam Patel",
    text: `${TRICKY_TEXT} ${"Spoke with the designated teacher about reading. ".repeat(8)}`,
  })),
  flags,
  tabUrl: null,
};

/** Codes a designated teacher may give for an unexplained absence (from core/attendance/codes.ts). */
export const examples = {
  status,
  statusBare,
  caseloadFull,
  caseloadEmpty: {
    title: "Pupils at Oakfield Academy",
    total: 0,
    children: [],
    more: 0,
    page: 1,
    first: 1,
    nextPage: null,
    tabUrl: null,
  },
  /** The last page of a long caseload: no "Show more". */
  caseloadPage2: {
    ...caseloadFull,
    children: caseloadFull.children.slice(0, 6),
    more: 0,
    page: 2,
    first: 26,
    nextPage: null,
  },
  childChoice: {
    prompt: "Which child do you mean?",
    verb: VERBS.openStatus,
    choices: [
      { childId: 3, label: "Jordan S. (Oakfield Academy)" },
      { childId: 9, label: "Jordan P. (Hillside Primary)" },
    ],
  },
  childChoiceMany: {
    prompt: "Which child is this about?",
    verb: VERBS.chooseLogChild,
    choices: Array.from({ length: 8 }, (_, i) => ({ childId: i + 1, label: `Sam ${String.fromCharCode(65 + i)}.` })),
  },
  brief,
  briefBare: {
    ...brief,
    since: null,
    nextReview: null,
    pepForReview: null,
    school: "No school place",
    schoolMoves: "None since care began",
    sen: "None",
    attendancePeriod: "No register marks since care began",
    attendanceNote: null,
    attendance: { rateSince: null, rateThisYear: null, persistentAbsence: false, trend: [] },
    pep: {
      summary: "Not required",
      lastMeeting: null,
      nextDue: null,
      nextDueLabel: "Next PEP due",
      rag: null,
      booked: null,
    },
    targets: [],
    exclusions: [],
    actions: [],
    flags: [],
  },
  alerts: {
    alerts: [
      {
        id: 1,
        childId: 7,
        title: "Absent 3 school days running",
        childName: "Jordan S.",
        raised: "23 Nov 2026",
        severity: "red",
        status: "Open",
      },
      {
        id: 2,
        childId: 8,
        title: "PEP due soon",
        childName: "Amira K.",
        raised: "20 Nov 2026",
        severity: "amber",
        status: "Acknowledged",
      },
    ],
  },
  alertsNone: { alerts: [] },
  reviews: reviewsExample,
  ...logExamples(status.tabUrl),
  welcome: {
    name: "Sam Patel",
    roleName: "social worker",
    capabilities: ["See the education status of the children allocated to you", "Log an action in a sentence"],
    examples: ["status Jordan", "log called the carer about Jordan"],
    suggestions: SUGGESTED,
    tabUrl: TAB_HOME,
  },
  welcomeBare: { name: "Sam Patel", roleName: "IRO", capabilities: [], examples: [], suggestions: [], tabUrl: null },
  recordChoice: {
    prompt: "Which Jordan's PEP was held on Mon 23 Nov 2026?",
    subject: "pep",
    event: "held",
    date: "2026-11-23",
    choices: [
      { childId: 3, label: "Jordan S. – Oakfield Academy" },
      { childId: 9, label: "Jordan R." },
    ],
  },
  recordChoiceMany: {
    prompt: "Which Sam's care-plan review is booked for Tue 12 Jan 2027?",
    subject: "review",
    event: "booked",
    date: "2027-01-12",
    choices: Array.from({ length: 7 }, (_, i) => ({ childId: i + 1, label: `Sam ${String.fromCharCode(65 + i)}.` })),
  },
  recordSavedPepHeld: {
    heading: "PEP meeting recorded as held",
    childName: "Jordan S.",
    whenLabel: "Held on",
    when: "Mon 23 Nov 2026",
    facts: [{ title: "PEP for", value: "Autumn term 2026" }],
    by: "Chris Dean",
    next: "Add who attended, the child's views and the targets in the PEP form, then submit it to the Virtual School.",
    formUrl: "https://vs.example.org/tab#/children/7/pep",
    tabUrl: status.tabUrl,
  },
  recordSavedReview: {
    heading: "Care-plan review booked",
    childName: "Jordan S.",
    whenLabel: "Booked for",
    when: "Sat 12 Dec 2026",
    facts: [{ title: "Statutory date", value: "20 Jan 2027" }],
    by: "Sam Patel",
    next: null,
    formUrl: null,
    tabUrl: null,
  },
  help: {
    commands: [
      { command: "status <child>", description: "A child's education status" },
      { command: "caseload", description: "Your children, most urgent first" },
      { command: "brief <child>", description: "An IRO brief since the last review" },
      { command: "log <what you did>", description: "Log an action" },
      { command: "alerts", description: "Your alerts" },
    ],
    suggestions: SUGGESTED,
    tabUrl: TAB_HOME,
  },
  ...answerExamples(status.tabUrl),
} satisfies {
  [name: string]:
    | StatusCardModel
    | CaseloadCardModel
    | ChildChoiceCardModel
    | BriefCardModel
    | AlertsCardModel
    | LogConfirmCardModel
    | LogSavedCardModel
    | RecordChoiceCardModel
    | RecordSavedCardModel
    | ReviewsCardModel
    | WelcomeCardModel
    | HelpCardModel
    | AnswerCardModel;
};
