/**
 * Alerts as a person sees them: those delivered (or due to be delivered) to them, still
 * open, about children they may still see.
 */
import { type AuditLog, createAuditLog } from "../access/audit.js";
import type { Actor } from "../access/roles.js";
import { childScope } from "../access/scope.js";
import type { Clock } from "../platform/clock.js";
import type { Db } from "../platform/db.js";
import { notFound } from "../platform/errors.js";
import { loadPost, type PostForCard } from "./digest.repo.js";

export const OPEN_STATUSES = ["open", "snoozed"];

export function createAlertService(db: Db, clock: Clock, audit: AuditLog = createAuditLog(db)) {
  return {
    /** The list names each child: a read of their record, audited once per child. */
    async openFor(actor: Actor) {
      const rows = await db.alert.findMany({
        where: {
          status: { in: OPEN_STATUSES },
          deliveries: { some: { professionalId: actor.id } },
          child: childScope(actor, clock.today()),
        },
        orderBy: [{ severity: "desc" }, { raisedAt: "desc" }],
        take: 50,
        select: {
          id: true,
          rule: true,
          period: true,
          severity: true,
          status: true,
          raisedAt: true,
          child: { select: { id: true, firstName: true, lastName: true } },
        },
      });
      await audit.record(actor, "read_alerts", [...new Set(rows.map((r) => r.child.id))]);
      return rows;
    },

    /**
     * A digest as its reader sees it: only the person it was sent to, and only the alerts
     * about children still in their scope; the names it shows are an audited read.
     */
    async digestFor(actor: Actor, postId: number): Promise<PostForCard> {
      const post = await loadPost(db, postId);
      if (post?.kind !== "digest" || post.professionalId !== actor.id) throw notFound("digest");
      const childIds = [...new Set(post.alerts.map((a) => a.childId))];
      const visible = await db.child.findMany({
        where: { id: { in: childIds }, ...childScope(actor, clock.today()) },
        select: { id: true },
      });
      const inScope = new Set(visible.map((c) => c.id));
      await audit.record(actor, "read_alerts", [...inScope]);
      return { ...post, alerts: post.alerts.filter((a) => inScope.has(a.childId)) };
    },
  };
}
export type AlertService = ReturnType<typeof createAlertService>;

/** Alerts about one PEP (`details.pepId`): its card shows the PEP itself. */
const PEP_CARD_RULES = new Set(["pep_quality_assurance", "pep_qa_outcome"]);

/**
 * What a PEP's quality-assurance card (and its outcome notice) shows: the summary, the
 * targets with PP+ requested, and the Virtual School's rating and comment. Not the
 * child's views, which stay in the tab.
 */
async function pepForCard(db: Db, alert: { childId: number; rule: string; details: string }) {
  const { rule, details } = alert;
  if (!PEP_CARD_RULES.has(rule)) return null;
  let pepId: unknown;
  try {
    pepId = (JSON.parse(details) as { pepId?: unknown }).pepId;
  } catch {
    return null;
  }
  if (typeof pepId !== "number" || !Number.isInteger(pepId)) return null;
  // Only a PEP of the alert's own child, whatever the details say.
  const pep = await db.pep.findFirst({
    where: { id: pepId, childId: alert.childId },
    select: {
      id: true,
      term: true,
      meetingDate: true,
      status: true,
      rag: true,
      attendees: true,
      submittedAt: true,
      qaComment: true,
      targetList: {
        orderBy: { id: "asc" },
        select: { text: true, owner: true, byDate: true, ppRequestedPence: true },
      },
    },
  });
  if (!pep) return null;
  const { targetList, ...rest } = pep;
  return { ...rest, targets: targetList };
}

/**
 * Everything an alert card shows, for the jobs that send and update it (system use:
 * the people it goes to were chosen by the scan, and answers are checked in answers.ts).
 */
export async function loadAlertForCard(db: Db, alertId: number) {
  const alert = await db.alert.findUnique({
    where: { id: alertId },
    include: {
      child: { select: { firstName: true, lastName: true } },
      events: { orderBy: { at: "asc" } },
      deliveries: { select: { id: true, professionalId: true, status: true, activityId: true, conversationId: true } },
    },
  });
  if (!alert) return null;
  const professionalIds = [
    ...new Set([
      ...alert.deliveries.flatMap((d) => (d.professionalId === null ? [] : [d.professionalId])),
      ...alert.events.flatMap((e) => (e.professionalId === null ? [] : [e.professionalId])),
    ]),
  ];
  const [people, references, pep] = await Promise.all([
    db.professional.findMany({ where: { id: { in: professionalIds } }, select: { id: true, name: true, role: true } }),
    db.conversationReference.findMany({
      where: { professionalId: { in: professionalIds }, usable: true, scope: "personal" },
      orderBy: { updatedAt: "desc" },
    }),
    pepForCard(db, alert),
  ]);
  const person = new Map(people.map((p) => [p.id, p]));
  /** Each recipient's Teams user id (29:…), for the card's per-user refresh. */
  const teamsUserIds = [
    ...new Set(
      alert.deliveries.flatMap((d) => {
        const ref = references.find((r) => r.professionalId === d.professionalId);
        const user = ref ? (JSON.parse(ref.reference) as { user?: { id?: string } }).user?.id : undefined;
        return user ? [user] : [];
      }),
    ),
  ];
  return {
    ...alert,
    events: alert.events.map((e) => ({
      ...e,
      by: e.professionalId === null ? null : (person.get(e.professionalId)?.name ?? null),
    })),
    roleOf: (professionalId: number | null) =>
      professionalId === null ? null : (person.get(professionalId)?.role ?? null),
    teamsUserIds,
    pep,
  };
}
export type AlertForCardRow = NonNullable<Awaited<ReturnType<typeof loadAlertForCard>>>;
