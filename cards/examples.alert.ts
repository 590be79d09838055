/**
 * Example view models for the alert card (see examples.ts): a designated teacher's and a
 * social worker's view, answered, bare, and the most Teams allows. All invented.
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
  severity: "red",
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

/** A PEP alert: the designated teacher may acknowledge, snooze or log, but not mark attendance. */
const alertDtPep: AlertCardModel = {
  ...alertDtAttendance,
  alertId: 42,
  title: "PEP review due in 5 school days",
  severity: "amber",
  facts: [
    { title: "Next PEP due", value: "30 Nov 2026" },
    { title: "Last PEP", value: "2 Jun 2026" },
  ],
  attendance: false,
  reasonCodes: [],
};

/** The same absence as the social worker sees it after the school acknowledged it. */
const alertSw: AlertCardModel = {
  ...alertDtAttendance,
  state: "Acknowledged by the school",
  history: [{ when: "23 Nov 2026 09:41", who: "Chris D.", what: "Acknowledged" }],
  viewer: "social_worker",
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
  alertSw,
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
