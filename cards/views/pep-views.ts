/**
 * How PEPs read in chat: the term a PEP is for, and the quality-assurance criteria as the
 * card offers them.
 */
import { QA_CRITERIA } from "../../core/peps/pep.workflow.js";

/** The criteria the Virtual School judges a PEP on, as choices (value: the stored key). */
export const QA_CRITERIA_CHOICES = QA_CRITERIA.map((c) => ({ value: c.key as string, title: c.label }));

const TERMS: Record<string, { name: string; yearOffset: number }> = {
  autumn: { name: "Autumn", yearOffset: 0 },
  spring: { name: "Spring", yearOffset: 1 },
  summer: { name: "Summer", yearOffset: 1 },
};

/**
 * "2026-autumn" → "Autumn term 2026", "2026-spring" → "Spring term 2027" (the school year
 * 2026-27), "initial" → "Initial PEP"; any other name (an import's own) as it is.
 */
export function termName(term: string): string {
  // "initial-<date>": the initial PEP of a later period of care.
  if (term === "initial" || term.startsWith("initial-")) return "Initial PEP";
  const m = /^(\d{4})-(autumn|spring|summer)$/i.exec(term.trim());
  const known = m ? TERMS[(m[2] ?? "").toLowerCase()] : undefined;
  if (!m || !known) return term;
  return `${known.name} term ${Number(m[1]) + known.yearOffset}`;
}
