/**
 * The log dialog's cards as view models: the confirmation (with the Edit form's values
 * and choices, and any questions about the follow-up) and the outcome that replaces it.
 */

import { ACTION_CATEGORIES } from "../../core/actions/category.js";
import { displayName } from "../../core/children/mentions.js";
import { formatDateWithWeekday, type IsoDate } from "../../core/platform/dates.js";
import type { LogConfirmCardModel, LogFacts, LogSavedCardModel } from "../view-models.js";
import { CATEGORY_NAMES } from "./child-views.js";

type Named = { id: number; firstName: string; lastName: string };

export type LogDraftView = {
  text: string;
  category: string;
  actionDate: IsoDate;
  followUpDate: IsoDate | null;
};

export function logFacts(child: Named, draft: LogDraftView, today: IsoDate): LogFacts {
  const happened = formatDateWithWeekday(draft.actionDate);
  return {
    childName: displayName(child),
    text: draft.text,
    category: CATEGORY_NAMES[draft.category] ?? draft.category,
    happened: draft.actionDate === today ? `${happened} (today)` : happened,
    followUp: draft.followUpDate ? formatDateWithWeekday(draft.followUpDate) : null,
  };
}

/** `choices`: the children the Edit form offers (the draft's own child is always among them). */
export function logConfirmView(
  child: Named,
  draft: LogDraftView,
  today: IsoDate,
  questions: string[],
  choices: readonly Named[],
): LogConfirmCardModel {
  const others = choices.filter((c) => c.id !== child.id);
  return {
    ...logFacts(child, draft, today),
    questions,
    edit: {
      childId: String(child.id),
      children: [child, ...others].map((c) => ({ title: displayName(c), value: String(c.id) })),
      category: draft.category,
      categories: ACTION_CATEGORIES.map((c) => ({ title: CATEGORY_NAMES[c] ?? c, value: c })),
      actionDate: draft.actionDate,
      followUpDate: draft.followUpDate ?? "",
      today,
    },
  };
}

export function logOutcomeView(
  child: Named,
  draft: LogDraftView,
  today: IsoDate,
  outcome: { saved: true; by: string; tabUrl: string | null } | { saved: false; heading: string },
): LogSavedCardModel {
  const facts = logFacts(child, draft, today);
  return outcome.saved
    ? { ...facts, heading: "Action saved", saved: true, by: outcome.by, tabUrl: outcome.tabUrl }
    : { ...facts, heading: outcome.heading, saved: false, by: null, tabUrl: null };
}
