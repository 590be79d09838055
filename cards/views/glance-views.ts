/**
 * What makes a card readable at a glance: a headline coloured as the worst of what the
 * card says, whom to contact (mailto: links), the suggested next steps, and a PEP date
 * that never reads as "next due" once it has passed.
 */

import type { Role } from "../../core/access/roles.js";
import type { ChildTeam } from "../../core/children/team.js";
import type { IsoDate } from "../../core/platform/dates.js";
import type { ContactView, FlagView, SuggestionView } from "../view-models.js";

/** Amber is said in words in default text, as the flags are (Teams' warning colour is unreadable in the light theme). */
type Colour = "attention" | "default" | "good";

/**
 * Red flags or a red RAG: "needs attention now" in red; amber ones (or an amber RAG): "keep
 * an eye on this"; otherwise green. The colour is said in words too. The RAG is the school's rating at the last PEP.
 */
export function headlineFor(
  flags: readonly Pick<FlagView, "severity">[],
  rag: "red" | "amber" | "green" | null,
): { text: string; color: Colour } {
  const reds = flags.filter((f) => f.severity === "red").length;
  const ambers = flags.length - reds;
  const count = (n: number, what: string) => `${n} ${what}${n === 1 ? "" : "s"}`;
  if (reds > 0 || rag === "red") {
    const why = reds > 0 ? count(reds, "urgent concern") : "the last PEP was rated red";
    return { text: `Red: needs attention now (${why})`, color: "attention" };
  }
  if (ambers > 0 || rag === "amber") {
    const why = ambers > 0 ? count(ambers, "concern") : "the last PEP was rated amber";
    return { text: `Amber: keep an eye on this (${why})`, color: "default" };
  }
  return { text: "Green: nothing needs attention today", color: "good" };
}

/** "Next PEP due", or "PEP was due" when the date has passed (an overdue PEP). */
export const pepDueLabel = (nextDue: IsoDate | null, today: IsoDate): string =>
  nextDue !== null && nextDue < today ? "PEP was due" : "Next PEP due";

/** The school, its designated teacher(s) and the allocated professionals, each with an e-mail to write to. */
export function contactViews(team: ChildTeam | null): ContactView[] {
  if (!team) return [];
  const rows = (role: string, people: readonly { name: string; email: string }[]) =>
    people.map((p) => ({ role, name: p.name, email: p.email.includes("@") ? p.email : null }));
  return [
    ...rows("Designated teacher", team.designatedTeachers),
    ...rows("Social worker", team.socialWorkers),
    ...rows("IRO", team.iros),
    ...rows("Education adviser", team.educationAdvisers),
  ];
}

/** The buttons under the welcome, help and status cards: what a person most often does next. */
export function suggestionsFor(role: Role | null): SuggestionView[] {
  const mine = role === "designated_teacher" ? "my pupils" : "my caseload";
  const title = role === "designated_teacher" ? "My pupils" : "My caseload";
  const out: SuggestionView[] = [{ title, text: mine }];
  if (role === "iro") out.push({ title: "My reviews", text: "reviews" });
  out.push({ title: "Log an action", text: "log" });
  return out;
}
