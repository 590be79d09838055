/**
 * The Virtual School's PEP figures. "In date", overdue and due soon come from the same
 * per-child PEP judgement as each status card (PepStatus); the year's figures add the
 * initial PEPs held on time (from the same judgement) and the Virtual School's own quality
 * assurance (from the PEP records: pure here, loaded by stats.service.ts).
 */
import type { ChildJudgement } from "../children/judgements.js";
import { workingDaysAfter } from "../peps/pep.initial.js";
import type { PepRag } from "../peps/pep.rules.js";
import { type IsoDate, schoolYearBounds, schoolYearOf } from "../platform/dates.js";
import { percent } from "./percent.js";

export function pepFigures(children: readonly Pick<ChildJudgement, "pep">[]) {
  const needPep = children.filter((c) => c.pep.required);
  const inDate = needPep.filter((c) => c.pep.inDate).length;
  return {
    required: needPep.length,
    inDate,
    inDatePercent: percent(inDate, needPep.length),
    overdue: needPep.filter((c) => c.pep.overdue).length,
    dueSoon: needPep.filter((c) => c.pep.dueSoon).length,
  };
}

/** PEP records as the year's figures need them, dated in England. */
export type PepQaRecords = {
  /** PEPs quality-assured: the rating and the day (when no QA time was recorded, e.g. imported, the meeting's). */
  assured: readonly { rag: PepRag | null; on: IsoDate }[];
  /** PEPs submitted and waiting for quality assurance, with the day each was submitted (or met, if imported). */
  waiting: readonly { since: IsoDate }[];
};

/**
 * This school year's PEP figures on `today`:
 * - initial PEPs held on time: of the children whose initial PEP deadline has passed this
 *   school year (before today, so each is decided), those held by it;
 * - quality-assured green: of the PEPs quality-assured this school year, those rated green;
 * - the QA backlog: PEPs submitted and waiting, and how many working days the oldest has waited.
 */
export function pepYearFigures(
  children: readonly Pick<ChildJudgement, "pep">[],
  records: PepQaRecords,
  today: IsoDate,
  bankHolidays: ReadonlySet<IsoDate>,
) {
  const yearStart = schoolYearBounds(schoolYearOf(today)).start;
  const initialDue = children
    .map((c) => (c.pep.required ? c.pep.initialPep : null))
    .filter((p) => p !== null && p.due >= yearStart && p.due < today);
  const initialOnTime = initialDue.filter((p) => p?.onTime === true).length;
  const assured = records.assured.filter((p) => p.on >= yearStart && p.on <= today);
  const green = assured.filter((p) => p.rag === "green").length;
  const oldest = records.waiting.map((p) => p.since).sort()[0] ?? null;
  return {
    initialOnTime: {
      due: initialDue.length,
      onTime: initialOnTime,
      percent: percent(initialOnTime, initialDue.length),
    },
    qualityAssured: { total: assured.length, green, greenPercent: percent(green, assured.length) },
    qaBacklog: {
      waiting: records.waiting.length,
      oldestSubmittedOn: oldest,
      oldestWaitingWorkingDays: oldest === null ? null : workingDaysAfter(oldest, today, bankHolidays),
    },
  };
}
