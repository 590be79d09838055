/** Example view models for the log cards (the card tests run on them). Names and dates are invented. */
import { TRICKY_TEXT } from "./examples.text.js";
import type { LogConfirmCardModel } from "./view-models.js";

const logConfirm: LogConfirmCardModel = {
  childName: "Jordan S.",
  text: TRICKY_TEXT,
  category: "Contact with carer",
  happened: "Mon 23 Nov 2026 (today)",
  followUp: null,
  questions: [],
  edit: {
    childId: "3",
    children: [
      { title: "Jordan S.", value: "3" },
      { title: "Jordan R.", value: "9" },
    ],
    category: "contact_carer",
    categories: [
      { title: "Contact with carer", value: "contact_carer" },
      { title: "Other", value: "other" },
    ],
    actionDate: "2026-11-23",
    followUpDate: "",
    today: "2026-11-23",
  },
};
const logOutcome = { ...logConfirm, heading: "Action saved", saved: true };

/** The confirmation, questioned, saved and cancelled log cards; `tabUrl` as the status example's. */
export const logExamples = (tabUrl: string | null) => ({
  logConfirm,
  logConfirmWithFollowUp: { ...logConfirm, text: "Called the carer.", followUp: "Fri 27 Nov 2026" },
  /** A follow-up questioned before Save: a Saturday, more than a term away. */
  logConfirmQuestioned: {
    ...logConfirm,
    happened: "Fri 20 Nov 2026",
    followUp: "Sat 6 Mar 2027",
    questions: [
      "The follow-up, Sat 6 Mar 2027, is on a weekend.",
      "The follow-up, Sat 6 Mar 2027, is more than a term away.",
    ],
    edit: { ...logConfirm.edit, actionDate: "2026-11-20", followUpDate: "2027-03-06" },
  },
  logSaved: { ...logOutcome, followUp: "Fri 27 Nov 2026", by: "Sam Patel", tabUrl },
  logSavedNoTab: { ...logOutcome, by: "Sam Patel", tabUrl: null },
  /** Cancelled: the confirmation replaced, nothing saved, no buttons. */
  logCancelled: { ...logOutcome, heading: "Not saved", saved: false, by: null, tabUrl: null },
});
