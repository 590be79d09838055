/**
 * PEPs as a workflow: booked → held → submitted → quality-assured, or returned for
 * changes and submitted again. Every read and write is scoped (a child outside the
 * caller's scope is not found) and audited; the rules are in pep.workflow.ts, the alerts
 * it raises and closes in pep.alerts.ts, PP+ in core/funding.
 */
import { createAuditLog } from "../access/audit.js";
import { type Actor, isVirtualSchool, requireRole } from "../access/roles.js";
import { childScope } from "../access/scope.js";
import { syncRecordAlerts } from "../alerts/record-sync.js";
import { loadChildFacts } from "../children/child.facts.js";
import type { Prisma } from "../platform/db.js";
import { forbidden, notFound } from "../platform/errors.js";
import type { RecordDeps } from "../records/deps.js";
import { createPepAlerts } from "./pep.alerts.js";
import { createPepFunding } from "./pep.funding.js";
import { coveredTermOf, pepStatusOf } from "./pep.owed.js";
import { createPepReports } from "./pep.reports.js";
import { pepHeldOn } from "./pep.rules.js";
import {
  type PepTargetInput,
  parseInput,
  qualityAssureSchema,
  recordPepSchema,
  returnPepSchema,
  updatePepSchema,
} from "./pep.schema.js";
import { type LoadedPep, pepInclude, pepView } from "./pep.view.js";
import {
  approvalsFor,
  assertCanSubmit,
  assertEditable,
  assertSubmitted,
  checkMeetingDate,
  PEP_RECORDER_ROLES,
  planRecord,
  sumPence,
} from "./pep.workflow.js";

export type RecordOptions = {
  /** The alert card the PEP was recorded or judged from: answered and audited in the PEP's transaction. */
  answeringAlertId?: number;
};

/** The Virtual School's judgement of a PEP, and the QA card it was given on, if any. */
type Judgement = { how: "quality_assured" | "returned"; detail: string | null; answering?: number };

const lines = (items: readonly string[] | undefined): string | null =>
  items && items.length > 0 ? items.join("\n") : null;

export function createPepService(deps: RecordDeps) {
  const { db, clock, calendars, policy, audit = createAuditLog(deps.db) } = deps;
  const alerts = createPepAlerts(deps);

  const requireRecorder = (actor: Actor) => requireRole(actor, ...PEP_RECORDER_ROLES);
  const requireVirtualSchool = (actor: Actor) => {
    if (!isVirtualSchool(actor)) throw forbidden("Only the Virtual School quality-assures PEPs.");
  };

  /** The PEP, if its child is in the caller's scope. */
  async function load(actor: Actor, pepId: number): Promise<LoadedPep> {
    const pep = await db.pep.findFirst({
      where: { id: pepId, child: childScope(actor, clock.today()) },
      include: pepInclude,
    });
    if (!pep) throw notFound("PEP");
    return pep;
  }

  const ppPlus = createPepFunding(deps);

  async function view(pep: LoadedPep) {
    const [year, qaBy] = await Promise.all([
      ppPlus.forChild(pep.childId, pep.meetingDate ?? pep.dueDate),
      pep.qaById === null
        ? null
        : db.professional.findUnique({ where: { id: pep.qaById }, select: { id: true, name: true } }),
    ]);
    return pepView(pep, year.figures, qaBy);
  }

  const targetRows = (targets: PepTargetInput[]) =>
    targets.map((t) => ({ text: t.text, owner: t.owner, byDate: t.byDate, ppRequestedPence: t.ppRequestedPence }));

  /** In the judgement's transaction: its audit row, the QA alerts it resolves (returned), a QA card's answer. */
  async function judged(tx: Prisma.TransactionClient, actor: Actor, pep: LoadedPep, judgement: Judgement) {
    await audit.record(actor, "quality_assure_pep", [pep.childId], { tx });
    const closed = await alerts.closeQualityAssurance(tx, pep, actor, judgement.how, judgement.detail);
    if (judgement.answering !== undefined) await audit.record(actor, "answer_alert", [pep.childId], { tx });
    return closed;
  }

  async function submitLoaded(actor: Actor, pep: LoadedPep) {
    assertCanSubmit(pep.status);
    await db.$transaction(async (tx) => {
      await tx.pep.update({ where: { id: pep.id }, data: { status: "submitted", submittedAt: clock.now() } });
      await audit.record(actor, "record_pep", [pep.childId], { tx });
    });
    await syncRecordAlerts(deps, pep.childId, "pep", "pep_held", actor);
    await alerts.raiseQualityAssurance({
      id: pep.id,
      childId: pep.childId,
      term: pep.term,
      meetingDate: pep.meetingDate,
      targets: pep.targetList.length,
      ppRequestedPence: sumPence(pep.targetList.map((t) => t.ppRequestedPence)),
    });
  }

  return {
    /**
     * Books or records held the PEP owed now (the initial PEP, or the next term's). A held
     * PEP may be submitted at once (`submit: true`).
     */
    async record(actor: Actor, childId: number, raw: unknown, options: RecordOptions = {}) {
      const input = parseInput(recordPepSchema, raw);
      const today = clock.today();
      const facts = await loadChildFacts(db, calendars, actor, childId, today);
      if (!facts) throw notFound("child");
      requireRecorder(actor);
      checkMeetingDate(input.status, input.meetingDate, today);
      const status = pepStatusOf(facts, today, policy);
      const rows = await db.pep.findMany({
        where: { childId },
        select: { id: true, term: true, status: true, meetingDate: true },
      });
      const owedNow =
        status.required && status.nextDueFor && status.nextDue
          ? { term: status.nextDueFor, dueDate: status.nextDue }
          : null;
      const owed = owedNow && coveredTermOf(facts, owedNow, input.meetingDate, status, policy);
      const last = status.lastCompleted;
      const plan = planRecord(
        input.status,
        input.meetingDate,
        owed,
        rows,
        last ? { term: last.term, heldOn: pepHeldOn(last) } : null,
        facts.child.lookedAfterSince,
        owedNow && owed && owed.term !== owedNow.term ? owedNow.term : null,
      );
      const targets = input.status === "held" ? (input.targets ?? []) : [];
      if (input.status === "held")
        await ppPlus.checkRequest(childId, input.meetingDate, targets, plan.existingId ?? undefined);

      const content =
        input.status === "held"
          ? {
              status: "held",
              meetingDate: input.meetingDate,
              attendees: lines(input.attendees),
              childViews: input.childViews || null,
              targets: lines(targets.map((t) => t.text)),
            }
          : { status: "booked", meetingDate: input.meetingDate };
      // A booked row takes the due date the PEP is owed by now (a review booked since may have moved it).
      const saved = await db.$transaction(async (tx) => {
        const pep = plan.existingId
          ? await tx.pep.update({
              where: { id: plan.existingId },
              data: { ...content, term: plan.term, dueDate: plan.dueDate },
            })
          : await tx.pep.create({ data: { childId, term: plan.term, dueDate: plan.dueDate, ...content } });
        if (input.status === "held") {
          await tx.pepTarget.deleteMany({ where: { pepId: pep.id } });
          if (targets.length > 0)
            await tx.pepTarget.createMany({ data: targetRows(targets).map((t) => ({ ...t, pepId: pep.id })) });
        }
        await audit.record(actor, "record_pep", [childId], { tx });
        const answering = options.answeringAlertId;
        if (answering !== undefined) {
          await alerts.markAnswered(tx, answering, actor, input.status === "held" ? "pep_held" : "pep_booked");
          await audit.record(actor, "answer_alert", [childId], { tx });
        }
        return pep;
      });

      if (input.status === "booked") {
        await alerts.booked(childId, input.meetingDate, actor);
      } else {
        const { resolved } = await syncRecordAlerts(deps, childId, "pep", "pep_held", actor);
        // The card answered still shows who answered, even when the record did not close it.
        const answered = options.answeringAlertId;
        if (answered !== undefined && !resolved.includes(answered)) await alerts.refreshCards([answered]);
        if (input.submit) await submitLoaded(actor, await load(actor, saved.id));
      }
      return view(await load(actor, saved.id));
    },

    /** The full PEP: the meeting, targets, quality assurance and PP+. */
    async get(actor: Actor, pepId: number) {
      const pep = await load(actor, pepId);
      await audit.record(actor, "read_pep", [pep.childId]);
      return view(pep);
    },

    /** Changes to a held or returned PEP (the meeting's record, its targets) before it is submitted. */
    async update(actor: Actor, pepId: number, raw: unknown) {
      const input = parseInput(updatePepSchema, raw);
      const pep = await load(actor, pepId);
      requireRecorder(actor);
      assertEditable(pep.status);
      const meetingDate = input.meetingDate ?? pep.meetingDate ?? pep.dueDate;
      if (input.meetingDate) checkMeetingDate("held", input.meetingDate, clock.today());
      const targets = input.targets;
      if (targets) await ppPlus.checkRequest(pep.childId, meetingDate, targets, pep.id);
      await db.$transaction(async (tx) => {
        await tx.pep.update({
          where: { id: pep.id },
          data: {
            meetingDate,
            ...(input.attendees ? { attendees: lines(input.attendees) } : {}),
            ...(input.childViews !== undefined ? { childViews: input.childViews || null } : {}),
            ...(targets ? { targets: lines(targets.map((t) => t.text)) } : {}),
          },
        });
        if (targets) {
          await tx.pepTarget.deleteMany({ where: { pepId: pep.id } });
          if (targets.length > 0)
            await tx.pepTarget.createMany({ data: targetRows(targets).map((t) => ({ ...t, pepId: pep.id })) });
        }
        await audit.record(actor, "record_pep", [pep.childId], { tx });
      });
      if (meetingDate !== pep.meetingDate) await syncRecordAlerts(deps, pep.childId, "pep", "pep_held", actor);
      return view(await load(actor, pep.id));
    },

    /** Sends a held (or returned) PEP to the Virtual School: a QA card to the education adviser. */
    async submit(actor: Actor, pepId: number) {
      const pep = await load(actor, pepId);
      requireRecorder(actor);
      await submitLoaded(actor, pep);
      return view(await load(actor, pep.id));
    },

    /** The Virtual School's judgement: a RAG rating, the criteria met, a comment, PP+ approved. */
    async qualityAssure(actor: Actor, pepId: number, raw: unknown, options: RecordOptions = {}) {
      const input = parseInput(qualityAssureSchema, raw);
      const pep = await load(actor, pepId);
      requireVirtualSchool(actor);
      assertSubmitted(pep.status);
      const approved = approvalsFor(pep.targetList, input.approvals ?? [], input.rating);
      const total = sumPence(approved.values());
      const closed = await db.$transaction(async (tx) => {
        for (const [id, ppApprovedPence] of approved)
          await tx.pepTarget.update({ where: { id }, data: { ppApprovedPence } });
        await tx.pep.update({
          where: { id: pep.id },
          data: {
            status: "quality_assured",
            rag: input.rating,
            qaById: actor.id,
            qaAt: clock.now(),
            qaCriteria: JSON.stringify(input.criteria ?? []),
            qaComment: input.comment || null,
            ppPlusPence: total,
          },
        });
        const answering = options.answeringAlertId;
        return judged(tx, actor, pep, { how: "quality_assured", detail: input.rating, answering });
      });
      await alerts.refreshCards(closed);
      await alerts.raiseOutcome(pep, { rating: input.rating }, total);
      return view(await load(actor, pep.id));
    },

    /** Back to the school for changes, with what needs to change; the DT resubmits. */
    async returnForChanges(actor: Actor, pepId: number, raw: unknown, options: RecordOptions = {}) {
      const input = parseInput(returnPepSchema, raw);
      const pep = await load(actor, pepId);
      requireVirtualSchool(actor);
      assertSubmitted(pep.status);
      const closed = await db.$transaction(async (tx) => {
        await tx.pepTarget.updateMany({ where: { pepId: pep.id }, data: { ppApprovedPence: null } });
        await tx.pep.update({
          where: { id: pep.id },
          data: {
            status: "returned",
            rag: null,
            qaById: actor.id,
            qaAt: clock.now(),
            qaCriteria: null,
            qaComment: input.comment,
            ppPlusPence: null,
          },
        });
        return judged(tx, actor, pep, { how: "returned", detail: null, answering: options.answeringAlertId });
      });
      await alerts.refreshCards(closed);
      await alerts.raiseOutcome(pep, { returned: true }, 0);
      return view(await load(actor, pep.id));
    },
    // The Virtual School's views across children: its QA queue and PP+ totals.
    ...createPepReports(deps),
  };
}
export type PepService = ReturnType<typeof createPepService>;
