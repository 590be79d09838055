/** A PEP as the API, the tab's form and the cards show it. Ids, dates and amounts; text as written. */
import type { PpPlusFigures } from "../funding/pupil-premium.js";
import type { Prisma } from "../platform/db.js";
import { criteriaView, termLabel } from "./pep.workflow.js";

export const pepInclude = {
  child: { select: { id: true, firstName: true, lastName: true } },
  targetList: { orderBy: { id: "asc" } },
} as const satisfies Prisma.PepInclude;

export type LoadedPep = Prisma.PepGetPayload<{ include: typeof pepInclude }>;

const split = (text: string | null): string[] =>
  (text ?? "")
    .split("\n")
    .map((s) => s.trim())
    .filter(Boolean);

export function pepView(pep: LoadedPep, childYear: PpPlusFigures, qaBy: { id: number; name: string } | null) {
  const requested = pep.targetList.reduce((n, t) => n + t.ppRequestedPence, 0);
  const assured = pep.qaAt !== null;
  return {
    id: pep.id,
    childId: pep.childId,
    child: pep.child,
    term: pep.term,
    termLabel: termLabel(pep.term),
    dueDate: pep.dueDate,
    meetingDate: pep.meetingDate,
    status: pep.status,
    rag: pep.rag,
    attendees: split(pep.attendees),
    childViews: pep.childViews,
    targets: pep.targetList.map((t) => ({
      id: t.id,
      text: t.text,
      owner: t.owner,
      byDate: t.byDate,
      ppRequestedPence: t.ppRequestedPence,
      ppApprovedPence: t.ppApprovedPence,
    })),
    /** Targets as free text, from an import or an older record, when none are itemised. */
    importedTargets: pep.targetList.length === 0 ? split(pep.targets) : [],
    submittedAt: pep.submittedAt?.toISOString() ?? null,
    qualityAssurance: assured
      ? {
          // The last outcome: a rating, or returned for changes (perhaps since resubmitted).
          outcome: pep.rag === null ? ("returned" as const) : ("rated" as const),
          rating: pep.rag,
          comment: pep.qaComment,
          criteria: criteriaView(pep.qaCriteria),
          by: qaBy,
          at: pep.qaAt?.toISOString() ?? null,
        }
      : null,
    pupilPremiumPlus: {
      requestedPence: requested,
      approvedPence: pep.ppPlusPence,
      /** The child's figures for the school year of the meeting. */
      childYear,
    },
  };
}
export type PepView = ReturnType<typeof pepView>;
