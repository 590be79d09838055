/** Example view models for the status card (a full one and a bare one), and the parts other examples share. Names and dates are invented. */
import { TRICKY_TEXT } from "./examples.text.js";
import type { FlagView, StatusCardModel } from "./view-models.js";

export const flags: FlagView[] = [
  { code: "pep_overdue", severity: "red", text: "PEP overdue by 4 school days" },
  { code: "persistent_absence", severity: "amber", text: "Persistent absence (86.4%)" },
  {
    code: "part_time_timetable",
    severity: "amber",
    text: "On a part-time timetable since 2 Nov 2026 (15 hours a week): review on 30 Nov 2026, planned to end 18 Dec 2026.",
  },
];

export const SUGGESTED = [
  { title: "My caseload", text: "my caseload" },
  { title: "Log an action", text: "log" },
];
export const TAB_HOME = "https://teams.microsoft.com/l/entity/00000000-0000-4000-a000-000000000001/vs-home";

export const status: StatusCardModel = {
  childId: 7,
  headline: { text: "Red: needs attention now (2 urgent concerns)", color: "attention" },
  contacts: [
    { role: "Designated teacher", name: "Dana Thompson", email: "dana.thompson@oakfield.example.sch.uk" },
    { role: "Social worker", name: "Sam Patel", email: "sam.patel@demo.example.gov.uk" },
  ],
  suggestions: SUGGESTED,
  displayName: "Jordan S.",
  asOf: "23 Nov 2026",
  care: "Looked after since 10 Jan 2025",
  school: { name: "Oakfield Academy", phase: "Secondary", yearGroup: "Year 9", outOfArea: true },
  daysWithoutSchoolPlace: null,
  attendance: {
    rate: "86.4%",
    possibleSessions: 110,
    unauthorisedSessions: 9,
    today: "AM N · PM N",
    persistentAbsence: true,
    severeAbsence: false,
    currentRunDays: 3,
  },
  pep: {
    summary: "Overdue by 4 school days",
    nextDue: "17 Nov 2026",
    nextDueLabel: "PEP was due",
    lastCompleted: "2 Jun 2026",
    rag: "red",
    booked: "Thu 3 Dec 2026",
    nextReview: "12 Jan 2027 (booked; statutory date 20 Jan 2027)",
  },
  sen: "EHCP",
  exclusions: { suspensionsThisYear: 2, suspensionDays: 3, permanent: false },
  recentActions: [
    { when: "20 Nov 2026", by: "Sam Patel", text: "Called the carer about Monday's absence." },
    { when: "18 Nov 2026", by: "Ola Reid", text: TRICKY_TEXT },
  ],
  flags,
  notes: [
    "Term dates for the school's authority (LA 886) are not loaded for this school year: school days are counted on the home authority's term dates.",
  ],
  tabUrl: "https://teams.microsoft.com/l/entity/app-id/child?context=%7B%22subEntityId%22%3A%227%22%7D",
};

/** No school place, no session yet, nothing logged or flagged, no tab configured. */
export const statusBare: StatusCardModel = {
  ...status,
  contacts: [],
  school: null,
  daysWithoutSchoolPlace: 12,
  attendance: { ...status.attendance, rate: null, possibleSessions: 0, unauthorisedSessions: 0, currentRunDays: 0 },
  pep: {
    summary: "Not required",
    nextDue: null,
    nextDueLabel: "Next PEP due",
    lastCompleted: null,
    rag: null,
    booked: null,
    nextReview: null,
  },
  exclusions: { suspensionsThisYear: 0, suspensionDays: 0, permanent: true },
  care: "Left care on 14 Nov 2026 (special guardianship order): previously looked after — the Virtual School gives information and advice",
  notes: [],
  recentActions: [],
  flags: [],
  tabUrl: null,
};
