/**
 * The Virtual School's views across its children's PEPs: the quality-assurance queue and
 * the Pupil Premium Plus totals. Virtual School staff only (the Head sees every child, an
 * education adviser those allocated to them); each child listed is audited.
 */
import { createAuditLog } from "../access/audit.js";
import { type Actor, requireRole, VIRTUAL_SCHOOL_ROLES } from "../access/roles.js";
import { childScope } from "../access/scope.js";
import { loadPpPlusReport } from "../funding/pupil-premium.repo.js";
import type { RecordDeps } from "../records/deps.js";
import { sumPence } from "./pep.workflow.js";

export function createPepReports(deps: RecordDeps) {
  const { db, clock, audit = createAuditLog(deps.db) } = deps;

  return {
    /**
     * The Virtual School's own queue: PEPs submitted and waiting for quality assurance,
     * oldest submission first. PEPs imported as submitted have no submission time and come first.
     */
    async qualityAssuranceQueue(actor: Actor) {
      requireRole(actor, ...VIRTUAL_SCHOOL_ROLES);
      const today = clock.today();
      const rows = await db.pep.findMany({
        where: { status: "submitted", child: childScope(actor, today) },
        orderBy: [{ submittedAt: "asc" }, { id: "asc" }],
        take: 200,
        select: {
          id: true,
          term: true,
          meetingDate: true,
          submittedAt: true,
          child: { select: { id: true, firstName: true, lastName: true } },
          targetList: { select: { ppRequestedPence: true } },
        },
      });
      await audit.record(actor, "read_peps", [...new Set(rows.map((r) => r.child.id))]);
      return {
        asOf: today,
        items: rows.map(({ targetList, ...pep }) => ({
          ...pep,
          targets: targetList.length,
          ppRequestedPence: sumPence(targetList.map((t) => t.ppRequestedPence)),
        })),
      };
    },

    /** PP+ for the caller's children: per child, per school, the Virtual School. */
    async ppPlusTotals(actor: Actor) {
      requireRole(actor, ...VIRTUAL_SCHOOL_ROLES);
      const today = clock.today();
      const report = await loadPpPlusReport(deps, childScope(actor, today), today);
      await audit.record(
        actor,
        "read_peps",
        report.children.map((c) => c.childId),
      );
      return { asOf: today, ...report };
    },
  };
}
