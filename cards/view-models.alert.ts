/**
 * View models of the cards about alerts: one alert as its viewer sees it (with a PEP's
 * quality assurance or answers), and a scan's digest. Re-exported by view-models.ts.
 */
import type { Severity } from "./view-models.js";

/**
 * Who is looking at an alert card decides its buttons (Universal Actions refresh per user):
 * the school, the social worker, the IRO, Virtual School staff (the Head and education
 * advisers), or someone with no say on it.
 */
export type AlertViewer = "designated_teacher" | "social_worker" | "iro" | "virtual_school" | "other";

/** A PEP target as the quality-assurance card lists it. */
export type PepTargetView = {
  text: string;
  /** "Class teacher" */
  owner: string;
  /** "12 Feb 2027" */
  by: string;
  /** "£250.00", or null when none was requested. */
  ppRequested: string | null;
};

/** What Virtual School staff judge a submitted PEP on, on its quality-assurance card. */
export type PepQaView = {
  /** "Autumn term 2026", "Initial PEP" */
  term: string;
  /** "Thu 19 Nov 2026" */
  meeting: string | null;
  attendees: number;
  submitted: string | null;
  targets: PepTargetView[];
  /** "£750.00" */
  ppRequestedTotal: string;
  /** The criteria a PEP is judged on: { value: "smart_targets", title: "Targets are SMART" } */
  criteria: { value: string; title: string }[];
  /** The rating and comment inputs and the two buttons (Virtual School staff, not yet answered). */
  canAnswer: boolean;
  /** The PEP in the tab; null when the tab is not configured. */
  formUrl: string | null;
};

/** "Booked for …" and "Held on …" on a PEP alert, for those who may record the PEP. */
export type PepAnswerView = {
  /** Earliest date a booking may take (today), as Input.Date wants it: YYYY-MM-DD. */
  bookedMin: string | null;
  /** Latest date a meeting may have been held (today), YYYY-MM-DD. */
  heldMax: string | null;
  /** The PEP form in the tab; null when the tab is not configured. */
  formUrl: string | null;
};

export type AlertCardModel = {
  alertId: number;
  childId: number;
  displayName: string;
  /** "Unexplained absence today", "PEP overdue" */
  title: string;
  /** The heading as shown: "Red: PEP overdue"; a notice has no RAG word ("PEP quality-assured: Green"). */
  heading: string;
  severity: Severity;
  /** A notice is read, not worked: it offers "Noted" and the tab, nothing else. */
  notice: boolean;
  /** "PEP meeting booked for Thu 3 Dec 2026", from the alert's history; null when none. */
  booked: string | null;
  /** A comment to show in full (the Virtual School's on a quality-assurance outcome). */
  comment: string | null;
  /** The PEP answers offered to this viewer; null when none are. */
  pepAnswer: PepAnswerView | null;
  /** The PEP to quality-assure (Virtual School staff only); null on every other card. */
  qa: PepQaView | null;
  /** "23 Nov 2026" */
  raised: string;
  /** Rule-specific facts, already formatted: { title: "Today", value: "AM N · PM not marked" } */
  facts: { title: string; value: string }[];
  /** "Open", "Acknowledged", "Snoozed until Wed 25 Nov 2026", "Resolved: in school (late)", "Escalated to the VSH" */
  state: string;
  answered: boolean;
  /** Who did what, oldest first: { when: "23 Nov 2026 10:32", who: "Sam P.", what: "Marked late (L)" } */
  history: { when: string; who: string; what: string }[];
  /** Whose buttons to show; answered alerts show none. */
  viewer: AlertViewer;
  /** Only for attendance alerts: the DT may mark "in school / late" or give a reason. */
  attendance: boolean;
  /** Attendance codes a DT may give as the reason: { value: "I", title: "I – Illness" } */
  reasonCodes: { value: string; title: string }[];
  /** Teams user ids (29:…) who get a personal view when they open the card (max 60). */
  refreshUserIds: string[];
  tabUrl: string | null;
  /** A copy put to the school by "Ask school": "Sam Patel (social worker) asks the school: …"; null otherwise. */
  askedBy?: string | null;
  /** Log words held back, as the chat's "log" holds them: the date questions; `canSave` offers "Save anyway". */
  logQuestion?: { text: string; questions: string[]; canSave: boolean } | null;
};

/** A scan's alerts for one person on one card (cards/views/digest-views.ts). */
export type DigestCardModel = {
  postId: number;
  /** "4 children need you" */
  heading: string;
  /** "7 alerts from the Virtual School's check on Mon 23 Nov 2026, most serious first. 5 still open." */
  intro: string;
  /** A rerouted digest: whose alerts these were; null otherwise. */
  onBehalfOf: string | null;
  children: {
    childId: number;
    /** "Jordan S." */
    name: string;
    severity: Severity;
    alerts: {
      /** Repeated on each row for the buttons' data. */
      postId: number;
      alertId: number;
      /** "Red: Missing education: unexplained absence for days in a row" */
      heading: string;
      severity: Severity;
      /** "Open", "Acknowledged by Sam P.", "Resolved: PEP meeting held" */
      state: string;
      canAcknowledge: boolean;
    }[];
  }[];
  /** "And 6 more children: …"; null when all are shown. */
  more: string | null;
  refreshUserIds: string[];
};
