/** A PEP's Pupil Premium Plus: the child's figures for the year, and whether a request fits them. */
import { figuresOf } from "../funding/pupil-premium.js";
import { loadPpPlusReport } from "../funding/pupil-premium.repo.js";
import { type IsoDate, schoolYearOf } from "../platform/dates.js";
import type { RecordDeps } from "../records/deps.js";
import type { PepTargetInput } from "./pep.schema.js";
import { checkPpPlusRequest, checkTargets, sumPence } from "./pep.workflow.js";

export function createPepFunding(deps: RecordDeps) {
  /** The child's PP+ for the school year of `date`, leaving `excludePepId` out (it is being replaced). */
  async function forChild(childId: number, date: IsoDate, excludePepId?: number) {
    const report = await loadPpPlusReport(deps, { id: childId }, deps.clock.today(), {
      schoolYear: schoolYearOf(date),
      excludePepId,
    });
    const { eligible, ...figures } = figuresOf(report.children[0]);
    return { eligible, figures };
  }

  return {
    forChild,
    /** Targets dated after the meeting, and asking no more than the child has left that year. */
    async checkRequest(childId: number, meetingDate: IsoDate, targets: PepTargetInput[], pepId?: number) {
      checkTargets(targets, meetingDate);
      const requested = sumPence(targets.map((t) => t.ppRequestedPence));
      if (requested === 0) return;
      const { eligible, figures } = await forChild(childId, meetingDate, pepId);
      checkPpPlusRequest(requested, figures.remaining, eligible);
    },
  };
}
