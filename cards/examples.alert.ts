/**
 * Example view models for the alert card (see examples.ts): a designated teacher's and a
 * social worker's view, answered, bare, and the most Teams allows; PEP alerts answered
 * "booked for" / "held on", a PEP to quality-assure and its outcome; a Log held back to
 * question its date. All invented.
 */
import { TRICKY_TEXT } from "./examples.text.js";
import type { AlertCardModel } from "./view-models.js";

/** The same tab link as the status example. */
const TAB_URL = "https://teams.microsoft.com/l/entity/app-id/child?context=%7B%22subEntityId%22%3A%227%22%7D";

const reasonCodes: AlertCardModel["reasonCodes"] = [
  { value: "I", title: "I – Illness" },
  { value: "M", title: "M – Medical or dental appointment" },
  { value: "C", title: "C – Leave in exceptional circumstances" },
  { value: "R", title: "R – Religious observance" },
  { value: "E", title: "E – Suspended, no alternative provision" },
  { value: "G", title: "G – Holiday not granted by the school" },
  { value: "O", title: "O – Other or unknown circumstances" },
  { value: "U", title: "U – Arrived after the register closed" },
];

/** A Teams user id as the bot stores it ("29:" and about 80 characters). */
const teamsUserId = (n: number) => `29:1${"qXvT8kPzLmW".repeat(7)}${String(n).padStart(2, "0")}`;

/** An unexplained absence this morning, as the child's designated teacher first sees it. */
const alertDtAttendance: AlertCardModel = {
  alertId: 41,
  childId: 7,
  displayName: "Jordan S.",
  title: "Unexplained absence today",
  heading: "Red: Unexplained absence today",
  severity: "red",
  notice: false,
  booked: null,
  comment: null,
  pepAnswer: null,
  qa: null,
  raised: "23 Nov 2026",
  facts: [
    { title: "Today", value: "AM N · PM not marked" },
    { title: "School", value: "Oakfield Academy" },
    { title: "Absent, unexplained", value: "3 school days in a row" },
  ],
  state: "Open",
  answered: false,
  history: [],
  viewer: "designated_teacher",
  attendance: true,
  reasonCodes,
  refreshUserIds: [teamsUserId(1), teamsUserId(2)],
  tabUrl: TAB_URL,
};

/** The PEP form in the tab, as cards/views/tab-links.ts links it. */
const PEP_FORM_URL = "https://vs.example.org/tab#/children/7/pep";

/**
 * A PEP alert: the designated teacher may say the meeting is booked or was held (dates
 * bounded by today), open the PEP form, acknowledge, snooze or log; not mark attendance.
 */
const alertDtPep: AlertCardModel = {
  ...alertDtAttendance,
  alertId: 42,
  title: "PEP review due in 5 school days",
  heading: "Amber: PEP review due in 5 school days",
  severity: "amber",
  facts: [
    { title: "Next PEP due", value: "30 Nov 2026" },
    { title: "Last PEP", value: "2 Jun 2026" },
  ],
  attendance: false,
  reasonCodes: [],
  pepAnswer: { bookedMin: "2026-11-23", heldMax: "2026-11-23", formUrl: PEP_FORM_URL },
};

/** Overdue, with a meeting booked since: the social worker's copy says when. */
const alertSwPepBooked: AlertCardModel = {
  ...alertDtPep,
  alertId: 43,
  title: "PEP overdue",
  heading: "Red: PEP overdue",
  severity: "red",
  facts: [
    { title: "Due", value: "17 Nov 2026" },
    { title: "School days overdue", value: "4" },
  ],
  viewer: "social_worker",
  booked: "PEP meeting booked for Thu 3 Dec 2026",
  history: [{ when: "23 Nov 2026 09:12", who: "Chris D.", what: "Booked the PEP meeting for Thu 3 Dec 2026" }],
};

/** As first sent by the delivery job, which knows no "today": the date inputs are unbounded. */
const alertDtPepUnbounded: AlertCardModel = {
  ...alertDtPep,
  alertId: 44,
  pepAnswer: { bookedMin: null, heldMax: null, formUrl: null },
  tabUrl: null,
};

/** Held: every copy reads resolved, with who recorded it. */
const alertPepHeld: AlertCardModel = {
  ...alertSwPepBooked,
  state: "Resolved: PEP meeting held",
  answered: true,
  booked: null,
  pepAnswer: null,
  history: [
    ...alertSwPepBooked.history,
    { when: "3 Dec 2026 15:40", who: "Chris D.", what: "Recorded the PEP meeting as held" },
  ],
};

/** A PEP submitted to the Virtual School, as an education adviser sees it to quality-assure. */
const alertQa: AlertCardModel = {
  ...alertDtAttendance,
  alertId: 51,
  title: "PEP to quality-assure",
  heading: "PEP to quality-assure",
  severity: "amber",
  facts: [],
  attendance: false,
  reasonCodes: [],
  viewer: "virtual_school",
  qa: {
    term: "Autumn term 2026",
    meeting: "Thu 3 Dec 2026",
    attendees: 5,
    submitted: "4 Dec 2026",
    targets: [
      { text: "Read for 20 minutes each evening", owner: "Carer", by: "12 Feb 2027", ppRequested: null },
      {
        text: "Maths catch-up twice a week with a tutor",
        owner: "Class teacher",
        by: "26 Mar 2027",
        ppRequested: "£600.00",
      },
      { text: TRICKY_TEXT, owner: "Designated teacher", by: "21 Jul 2027", ppRequested: "£150.00" },
    ],
    ppRequestedTotal: "£750.00",
    criteria: [
      { value: "child_voice", title: "The child's views are recorded" },
      { value: "smart_targets", title: "Targets are SMART, each with an owner and a date" },
      { value: "attendance", title: "Attendance is addressed" },
      { value: "pp_plus_linked", title: "Pupil Premium Plus is linked to the targets" },
      { value: "sen_needs", title: "Special educational needs are addressed" },
      { value: "contributions", title: "The carer and the social worker contributed" },
    ],
    canAnswer: true,
    formUrl: PEP_FORM_URL,
  },
};

/** Quality-assured: the summary stays, the inputs go. */
const alertQaDone: AlertCardModel = {
  ...alertQa,
  state: "Resolved: PEP quality-assured: Green",
  answered: true,
  history: [{ when: "7 Dec 2026 11:02", who: "Ellis A.", what: "Quality-assured the PEP: Green" }],
  qa: alertQa.qa && { ...alertQa.qa, canAnswer: false, targets: [], formUrl: null },
  tabUrl: null,
};

/** The outcome, to the DT and the social worker: a notice with no RAG word before it. */
const alertQaOutcome: AlertCardModel = {
  ...alertDtAttendance,
  alertId: 52,
  title: "PEP quality assurance",
  heading: "PEP quality-assured: Green",
  severity: "amber",
  notice: true,
  comment: "A strong PEP: the targets are clear and the tutoring is well matched to them.",
  facts: [{ title: "PEP for", value: "Autumn term 2026" }],
  attendance: false,
  reasonCodes: [],
};

/** Returned for changes, with the Virtual School's comment exactly as typed. */
const alertQaReturned: AlertCardModel = {
  ...alertQaOutcome,
  alertId: 53,
  heading: "PEP returned for changes",
  severity: "red",
  comment: TRICKY_TEXT,
  viewer: "social_worker",
};

/** A care-plan review past its statutory date, as the IRO sees it: noted or logged. */
const alertIroReviewOverdue: AlertCardModel = {
  ...alertDtAttendance,
  alertId: 61,
  title: "Care-plan review overdue",
  heading: "Red: Care-plan review overdue",
  facts: [
    { title: "Review due by", value: "20 Nov 2026" },
    { title: "Review booked for", value: "2 Dec 2026" },
  ],
  attendance: false,
  reasonCodes: [],
  viewer: "iro",
};

/** The same absence as the social worker sees it after the school acknowledged it. */
const alertSw: AlertCardModel = {
  ...alertDtAttendance,
  state: "Acknowledged by the school",
  history: [{ when: "23 Nov 2026 09:41", who: "Chris D.", what: "Acknowledged" }],
  viewer: "social_worker",
};

/** The social worker's Log held back: its follow-up falls on Christmas Day, in the school holidays. */
const alertSwLogQuestion: AlertCardModel = {
  ...alertSw,
  logQuestion: {
    text: "Rang the carer about Monday, follow up 25 Dec",
    questions: ["The follow-up, Fri 25 Dec 2026, is in the school holidays."],
    canSave: true,
  },
};

/** Held back with no "Save anyway": the action log refuses the date, so only changing it saves. */
const alertSwLogRefused: AlertCardModel = {
  ...alertSw,
  logQuestion: { text: TRICKY_TEXT, questions: ["The action date is more than a year ago."], canSave: false },
};

/** Resolved: what everyone sees afterwards, with who did what (one entry typed by a person). */
const alertAnswered: AlertCardModel = {
  ...alertDtAttendance,
  state: "Resolved: in school (late)",
  answered: true,
  history: [
    { when: "23 Nov 2026 09:41", who: "Chris D.", what: "Acknowledged" },
    { when: "23 Nov 2026 10:05", who: "Sam P.", what: `Logged: ${TRICKY_TEXT}` },
    { when: "23 Nov 2026 10:32", who: "Chris D.", what: "Marked late (L)" },
  ],
};

export const alertExamples = {
  alertDtAttendance,
  alertDtPep,
  alertSwPepBooked,
  alertDtPepUnbounded,
  alertPepHeld,
  alertQa,
  alertQaDone,
  alertQaOutcome,
  alertQaReturned,
  alertIroReviewOverdue,
  alertSw,
  alertSwLogQuestion,
  alertSwLogRefused,
  alertAnswered,
  /** Someone without a say on this alert (an IRO, the VSH), and no tab configured. */
  alertOtherNoTab: { ...alertSw, viewer: "other", tabUrl: null },
  /** The most Teams allows: 60 personal views, and a long history of long entries. */
  alertManyViewers: {
    ...alertDtAttendance,
    state: "Snoozed until Wed 25 Nov 2026",
    history: Array.from({ length: 12 }, (_, i) => ({
      when: `${i + 10} Nov 2026 10:32`,
      who: "Sam P.",
      what: `Logged: ${"Spoke with the designated teacher about attendance and transport. ".repeat(5)}`,
    })),
    refreshUserIds: Array.from({ length: 60 }, (_, i) => teamsUserId(i + 1)),
  },
  /** Nothing to state, nobody to refresh for, no tab, and no codes for a reason. */
  alertBare: { ...alertDtAttendance, facts: [], history: [], reasonCodes: [], refreshUserIds: [], tabUrl: null },
} satisfies { [name: string]: AlertCardModel };
