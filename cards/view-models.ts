/**
 * What each card shows, already decided and formatted (dates in en-GB, percentages as
 * text). Cards are pure functions of these; the bot builds them from core results.
 * Chat cards name a child by first name and initial only ("Jordan S."), never with a
 * date of birth or UPN: the detail is one click away in the tab.
 */

export type Severity = "red" | "amber";
export type FlagView = { code: string; severity: Severity; text: string };
export type ActionView = { when: string; by: string; text: string };

/** A button sending a command as if typed ("My caseload"); someone to contact (a mailto: link). */
export type SuggestionView = { title: string; text: string };
export type ContactView = { role: string; name: string; email: string | null };
export type StatusCardModel = {
  childId: number;
  headline: { text: string; color: "attention" | "default" | "good" }; // the worst of the flags and the last RAG
  contacts: ContactView[]; // the DT, social worker and others allocated
  suggestions: SuggestionView[];
  /** "Jordan S." */
  displayName: string;
  /** "23 Nov 2026" */
  asOf: string;
  /** "Looked after since 3 Mar 2025", "Left care on 14 Nov 2026 (returned home): no PEP duty; …", "Short breaks (not in the Virtual School's cohort)" */
  care: string;
  /** yearGroup as read: "Year 9", "Reception", "N2" (a nursery year). */
  school: { name: string; phase: string; yearGroup: string | null; outOfArea: boolean } | null;
  /** School days without a place; null when on roll or not of school age. */
  daysWithoutSchoolPlace: number | null;
  attendance: {
    /** "92.7%", or null before the first possible session. */
    rate: string | null;
    possibleSessions: number;
    unauthorisedSessions: number;
    /** "AM / · PM N", "not marked yet" */
    today: string;
    persistentAbsence: boolean;
    severeAbsence: boolean;
    /** Consecutive school days of unexplained absence up to today (0: none). */
    currentRunDays: number;
  };
  pep: {
    /** "In date", "Overdue by 4 school days", "Due soon", "Not required" */
    summary: string;
    nextDue: string | null;
    nextDueLabel: string; // "Next PEP due", or "PEP was due" once passed
    lastCompleted: string | null;
    rag: "red" | "amber" | "green" | null;
    /** The PEP meeting booked and not yet held: "Thu 3 Dec 2026". */
    booked: string | null;
    /**
     * The next care-plan review, booked against statutory: "12 Dec 2026 (booked; statutory
     * date 20 Jan 2027)", "Due by 20 Jan 2027, not booked yet", "Overdue since 20 Nov 2026; …".
     */
    nextReview: string | null;
  };
  /** "None", "SEN support", "EHCP" */
  sen: string;
  exclusions: { suspensionsThisYear: number; suspensionDays: number; permanent: boolean };
  recentActions: ActionView[];
  flags: FlagView[];
  /** About the figures themselves, e.g. whose term dates the school days are counted on. */
  notes: string[];
  /** Deep link to the child's page in the tab; null when the tab is not configured. */
  tabUrl: string | null;
};

export type CaseloadCardModel = {
  /** "Your caseload", "Pupils at Oakfield Academy" */
  title: string;
  total: number;
  children: {
    childId: number;
    displayName: string;
    school: string | null;
    /** Short badges: "PA", "Absent today", "PEP overdue", "PEP due soon", "No school place" */
    badges: { text: string; severity: Severity }[];
  }[];
  /** Children after this page (the card lists the most urgent first). */
  more: number;
  /** 1 for the most urgent; the position of the first child listed ("26–31 of 31"). */
  page: number;
  first: number;
  /** The page "Show more" asks for; null on the last page. */
  nextPage: number | null;
  tabUrl: string | null;
};

export type { ReviewsCardModel } from "./view-models.iro.js";

export type ChildChoiceCardModel = {
  /** "Which child do you mean?" */
  prompt: string;
  /** The verb each choice submits (a constant from verbs.ts). */
  verb: string;
  choices: { childId: number; label: string }[];
};

export type BriefCardModel = {
  childId: number;
  displayName: string;
  /** Date of the last care-plan review, the start of the period the brief covers. */
  since: string | null;
  /** As on the status card: booked against statutory, or overdue. */
  nextReview: string | null;
  /** Whether the PEP is current for this review: "Yes: the PEP held on 15 Jun 2026 serves it", "No: …". */
  pepForReview: string | null;
  /** "Oakfield Primary (since 1 Sep 2022)", "No school place" */
  school: string;
  /** "None since the review", "Left Oakfield Primary on 20 Jul 2026; joined Hillside Academy on 2 Sep 2026" */
  schoolMoves: string;
  /** "None", "SEN support", "EHCP" */
  sen: string;
  /** "26 Jun 2026 to 23 Nov 2026", "No register marks since the review" */
  attendancePeriod: string;
  /** Registers start after the review: "Registers start on 16 Nov 2026, after the last review: joined … then." */
  attendanceNote: string | null;
  attendance: {
    rateSince: string | null;
    rateThisYear: string | null;
    persistentAbsence: boolean;
    /** Last weeks, oldest first: { week: "10 Nov", rate: "80%" } */
    trend: { week: string; rate: string }[];
  };
  pep: {
    summary: string;
    lastMeeting: string | null;
    nextDue: string | null;
    nextDueLabel: string; // as on the status card: "Next PEP due", or "PEP was due" once passed
    rag: "red" | "amber" | "green" | null;
    /** The PEP meeting booked: "Thu 3 Dec 2026". */
    booked: string | null;
  };
  targets: string[];
  exclusions: { kind: string; start: string; days: number }[];
  actions: ActionView[];
  flags: FlagView[];
  tabUrl: string | null;
};

type AlertRowView = {
  id: number;
  title: string;
  childName: string;
  raised: string;
  severity: Severity;
  status: string;
};
export type AlertsCardModel = {
  /** Each row opens the child's status card (childId); status in words ("open"). */
  alerts: (AlertRowView & { childId: number })[];
};

export type { LogConfirmCardModel, LogFacts, LogSavedCardModel } from "./view-models.log.js";

export type WelcomeCardModel = {
  name: string;
  roleName: string;
  /** What this person can do, in their role's words. */
  capabilities: string[];
  /** Example messages to try. */
  examples: string[];
  suggestions: SuggestionView[];
  /** Teams deep link to the personal tab; null when not configured. */
  tabUrl: string | null;
};

export type HelpCardModel = Pick<WelcomeCardModel, "suggestions" | "tabUrl"> & {
  commands: { command: string; description: string }[];
};

export type {
  AlertCardModel,
  AlertViewer,
  DigestCardModel,
  PepAnswerView,
  PepQaView,
  PepTargetView,
} from "./view-models.alert.js";

/** Which child a sentence meant, when several match ("Jordan's PEP was held today"). */
export type RecordChoiceCardModel = {
  prompt: string;
  /** What will be recorded once a child is chosen (verbs.ts RECORD_SUBJECTS / RECORD_EVENTS). */
  subject: "pep" | "review";
  event: "booked" | "held";
  /** YYYY-MM-DD, carried in the buttons' data (not shown). */
  date: string;
  choices: { childId: number; label: string }[];
};

/** What was just saved from a sentence: a PEP or a care-plan review, booked or held. */
export type RecordSavedCardModel = {
  /** "PEP meeting booked", "Care-plan review held" */
  heading: string;
  childName: string;
  /** "Booked for", "Held on" */
  whenLabel: string;
  /** "Thu 3 Dec 2026" */
  when: string;
  /** More to say: { title: "Statutory date", value: "20 Jan 2027" } */
  facts: { title: string; value: string }[];
  by: string;
  /** What to do next, e.g. add the targets in the PEP form. */
  next: string | null;
  formUrl: string | null;
  tabUrl: string | null;
};

/** A plain question answered: a sentence and the few facts behind it ("is Jordan in school today?"). */
export type AnswerCardModel = {
  /** "Jordan S.: in school today?" */
  title: string;
  /** The answer in a sentence. */
  answer: string;
  /** The heading's colour: Good (green), Warning (amber), Attention (red), Default. */
  tone: "Good" | "Warning" | "Attention" | "Default";
  facts: { title: string; value: string }[];
  /** Buttons that ask a question or command as if typed ("Did you mean Amira K.?"). */
  asks: { title: string; text: string }[];
  /** A "Full status" button for this child, if any. */
  statusChildId: number | null;
  tabUrl: string | null;
};
