/** The Virtual School's PEP figures, from the same per-child PEP judgement as each status card. */
import type { ChildJudgement } from "../children/judgements.js";
import { percent } from "./percent.js";

export function pepFigures(children: readonly Pick<ChildJudgement, "pep">[]) {
  const needPep = children.filter((c) => c.pep.required);
  const inDate = needPep.filter((c) => c.pep.current && !c.pep.overdue).length;
  return {
    required: needPep.length,
    inDate,
    inDatePercent: percent(inDate, needPep.length),
    overdue: needPep.filter((c) => c.pep.overdue).length,
    dueSoon: needPep.filter((c) => c.pep.dueSoon).length,
  };
}
