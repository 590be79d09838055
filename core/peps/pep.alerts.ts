/**
 * The alerts a PEP's workflow raises and closes itself (the daily scan knows nothing of
 * them): a booked meeting noted on the child's open PEP alerts; a quality-assurance card
 * to the Virtual School per submission; the outcome to the DT and social worker. Details
 * carry ids, dates and amounts only.
 */
import type { Actor } from "../access/roles.js";
import { activeOn } from "../access/scope.js";
import { dedupeKey } from "../alerts/alert.rules.js";
import type { AlertCandidate, AlertRule, RecipientRole } from "../alerts/alert.types.js";
import { alertsOf, submittedPepsInCohort } from "../alerts/alerts.sql.js";
import { loadRecipientDirectory, writeAlerts } from "../alerts/outbox.js";
import { updateCardsShowing } from "../alerts/posts.js";
import { RECORD_RULES, UNRESOLVED_STATUSES } from "../alerts/record-sync.js";
import type { IsoDate } from "../platform/dates.js";
import type { Db, Prisma } from "../platform/db.js";
import { sqlOf } from "../platform/sql/index.js";
import type { RecordDeps } from "../records/deps.js";

/** The scan's PEP alerts about a child (due, overdue, before a review). */
export const PEP_ALERT_RULES: readonly AlertRule[] = RECORD_RULES.pep;

const QA_RULE = "pep_quality_assurance" satisfies AlertRule;
const OUTCOME_RULE = "pep_qa_outcome" satisfies AlertRule;

/** Every submission of PEP `pepId` gets its own QA alert: `p<pepId>:<n>`. */
const qaPrefix = (childId: number, pepId: number) => dedupeKey(childId, QA_RULE, `p${pepId}:`);

export type PepForAlert = {
  id: number;
  childId: number;
  term: string;
  meetingDate: IsoDate | null;
  targets: number;
  ppRequestedPence: number;
};

export function createPepAlerts({ db, clock, queue }: RecordDeps) {
  /** Raises one alert about `childId` to `roles` (the VSH when nobody holds them); queues its deliveries. */
  async function raise(
    childId: number,
    rule: AlertRule,
    period: string,
    roles: RecipientRole[],
    details: Record<string, string | number | boolean | null>,
  ) {
    const today = clock.today();
    const [directory, place] = await Promise.all([
      loadRecipientDirectory(db, today, [childId]),
      db.enrolment.findFirst({ where: { childId, ...activeOn(today) }, select: { schoolId: true } }),
    ]);
    const ids = directory.resolve(childId, place?.schoolId ?? null, roles);
    const key = dedupeKey(childId, rule, period);
    const planned = [
      {
        childId,
        rule,
        period,
        dedupeKey: key,
        severity: "amber" as const,
        recipients: roles,
        details,
        recipientIds: ids.length > 0 ? ids : directory.vsh,
      },
    ];
    const { deliveryIds } = await writeAlerts(db, planned, clock.now());
    await queue.deliver(deliveryIds);
    return db.alert.findUniqueOrThrow({ where: { dedupeKey: key }, select: { id: true } });
  }

  /** How many times the PEP has gone to the Virtual School (QA alerts raised for it). */
  const submissions = (childId: number, pepId: number) =>
    db.alert.count({ where: { childId, rule: QA_RULE, dedupeKey: { startsWith: qaPrefix(childId, pepId) } } });

  return {
    /**
     * Marks the alert the PEP was recorded from as answered (booked: acknowledged too), in
     * the transaction that records the PEP.
     */
    async markAnswered(
      tx: Prisma.TransactionClient,
      alertId: number,
      actor: Actor,
      answer: "pep_booked" | "pep_held",
    ): Promise<void> {
      const alert = await tx.alert.findUniqueOrThrow({ where: { id: alertId }, select: { status: true } });
      await tx.alert.update({
        where: { id: alertId },
        data: {
          answeredAt: clock.now(),
          answeredById: actor.id,
          answer,
          ...(answer === "pep_booked" && alert.status === "open" ? { status: "acknowledged" } : {}),
        },
      });
    },

    /** Queues an update of every sent copy of these alerts' cards. */
    async refreshCards(alertIds: readonly number[]): Promise<void> {
      await updateCardsShowing(db, queue, alertIds);
    },

    /** The booked date goes on the history of every unresolved PEP alert about the child. */
    async booked(childId: number, date: IsoDate, actor: Actor): Promise<number[]> {
      const open = await db.alert.findMany({
        where: { childId, rule: { in: [...PEP_ALERT_RULES] }, status: { in: UNRESOLVED_STATUSES } },
        select: { id: true },
      });
      if (open.length === 0) return [];
      await db.alertEvent.createMany({
        data: open.map((a) => ({
          alertId: a.id,
          action: "pep_booked",
          detail: date,
          professionalId: actor.id,
          at: clock.now(),
        })),
      });
      await updateCardsShowing(
        db,
        queue,
        open.map((a) => a.id),
      );
      return open.map((a) => a.id);
    },

    /** A card to the child's education adviser (or the VSH) for this submission. */
    async raiseQualityAssurance(pep: PepForAlert) {
      const n = (await submissions(pep.childId, pep.id)) + 1;
      return raise(pep.childId, QA_RULE, `p${pep.id}:${n}`, ["education_adviser"], {
        pepId: pep.id,
        term: pep.term,
        meetingDate: pep.meetingDate,
        targets: pep.targets,
        ppRequestedPence: pep.ppRequestedPence,
      });
    },

    /**
     * Resolves the PEP's open QA alerts, saying how, in the transaction that records the
     * judgement; returns their ids, whose sent copies the caller updates once it commits.
     */
    async closeQualityAssurance(
      tx: Prisma.TransactionClient,
      pep: { id: number; childId: number },
      actor: Actor,
      action: "quality_assured" | "returned",
      detail: string | null,
    ): Promise<number[]> {
      const open = await tx.alert.findMany({
        where: {
          childId: pep.childId,
          rule: QA_RULE,
          dedupeKey: { startsWith: qaPrefix(pep.childId, pep.id) },
          status: { in: UNRESOLVED_STATUSES },
        },
        select: { id: true },
      });
      if (open.length === 0) return [];
      const ids = open.map((a) => a.id);
      const at = clock.now();
      await tx.alert.updateMany({
        where: { id: { in: ids } },
        data: { status: "resolved", answeredAt: at, answeredById: actor.id, answer: action },
      });
      await tx.alertEvent.createMany({
        data: ids.map((alertId) => ({ alertId, action, detail, professionalId: actor.id, at })),
      });
      return ids;
    },

    /** The outcome to the DT(s) of the child's school and the social worker. */
    async raiseOutcome(
      pep: { id: number; childId: number },
      outcome: { rating: string } | { returned: true },
      approvedPence: number,
    ) {
      const n = Math.max(1, await submissions(pep.childId, pep.id));
      return raise(pep.childId, OUTCOME_RULE, `p${pep.id}:${n}`, ["designated_teacher", "social_worker"], {
        pepId: pep.id,
        ...outcome,
        approvedPence,
      });
    },
  };
}
export type PepAlerts = ReturnType<typeof createPepAlerts>;

/**
 * PEPs waiting for quality assurance that have never had a QA card: those that arrived
 * submitted by import (or before this workflow), found by the daily scan so the Virtual
 * School's queue reaches its staff in Teams too. One candidate each, as its first
 * submission; a PEP submitted in the workflow already has one and is left alone.
 */
export async function qualityAssuranceNeverRaised(db: Db, today: IsoDate): Promise<AlertCandidate[]> {
  const engine = sqlOf(db);
  const waiting = await submittedPepsInCohort(engine, today);
  if (waiting.length === 0) return [];
  // Only these children's QA alerts: the table keeps every one ever raised.
  const raised = await alertsOf(engine, [QA_RULE], "any status", [...new Set(waiting.map((p) => p.childId))]);
  const hasCard = new Set(raised.map((a) => Number(/^p(\d+):/.exec(a.period)?.[1])));
  return waiting
    .filter((p) => !hasCard.has(p.id))
    .map((p) => ({
      childId: p.childId,
      rule: QA_RULE,
      period: `p${p.id}:1`,
      dedupeKey: dedupeKey(p.childId, QA_RULE, `p${p.id}:1`),
      severity: "amber" as const,
      recipients: ["education_adviser"],
      details: {
        pepId: p.id,
        term: p.term,
        meetingDate: p.meetingDate,
        targets: p.targets,
        ppRequestedPence: p.ppRequestedPence,
      },
    }));
}
