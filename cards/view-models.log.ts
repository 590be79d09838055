/** The log cards' models: the confirmation of an action logged in a sentence, and the outcome that replaces it. */

/** What a logged action says, on the confirmation card and on the outcome that replaces it. */
export type LogFacts = {
  childName: string;
  text: string;
  /** "Contact with carer" */
  category: string;
  /** When it happened: "Fri 20 Nov 2026", or "Mon 23 Nov 2026 (today)". */
  happened: string;
  /** "Fri 27 Nov 2026", or null */
  followUp: string | null;
};

export type LogConfirmCardModel = LogFacts & {
  /** Questions about the follow-up ("… is on a weekend."), asked before Save. */
  questions: string[];
  /** The Edit form's values (dates YYYY-MM-DD, "" for no follow-up) and choices. */
  edit: {
    childId: string;
    children: { title: string; value: string }[];
    category: string;
    categories: { title: string; value: string }[];
    actionDate: string;
    followUpDate: string;
    today: string;
  };
};

/** The outcome replacing the confirmation: saved (by whom), or not saved. */
export type LogSavedCardModel = LogFacts & {
  heading: string;
  saved: boolean;
  by: string | null;
  tabUrl: string | null;
};
