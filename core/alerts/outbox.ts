/**
 * The database is the outbox: an alert and one delivery row per recipient are written
 * (in one transaction per batch) before anything is queued, so a lost queue loses
 * nothing (the reconciler re-queues unsent deliveries). The unique dedupe key makes a
 * second scan of the same day add nothing: inserts use ON CONFLICT DO NOTHING, which
 * SQLite and PostgreSQL both understand.
 */
import { activeOn } from "../access/scope.js";
import { recordedAtText } from "../platform/clock.js";
import { type IsoDate, instantText } from "../platform/dates.js";
import type { Db } from "../platform/db.js";
import { sqlOf } from "../platform/sql/index.js";
import type { AlertCandidate, RecipientRole } from "./alert.types.js";

const BATCH = 200;

/** Who holds each role for each child today: allocations, the school's DT, the VSH. */
export async function loadRecipientDirectory(db: Db, today: IsoDate, childIds?: readonly number[]) {
  const [allocations, teachers, heads] = await Promise.all([
    db.allocation.findMany({
      where: {
        ...activeOn(today),
        professional: { active: true },
        ...(childIds ? { childId: { in: [...childIds] } } : {}),
      },
      select: { childId: true, professionalId: true, role: true },
    }),
    db.professional.findMany({
      where: { role: "designated_teacher", active: true, schoolId: { not: null } },
      select: { id: true, schoolId: true },
    }),
    db.professional.findMany({ where: { role: "vsh", active: true }, select: { id: true } }),
  ]);
  const byChildRole = new Map<string, number[]>();
  for (const a of allocations) {
    const key = `${a.childId}:${a.role}`;
    byChildRole.set(key, [...(byChildRole.get(key) ?? []), a.professionalId]);
  }
  const bySchool = new Map<number, number[]>();
  for (const t of teachers)
    if (t.schoolId !== null) bySchool.set(t.schoolId, [...(bySchool.get(t.schoolId) ?? []), t.id]);
  const vsh = heads.map((h) => h.id);

  return {
    vsh,
    /** Professional ids for the candidate's recipient roles (deduplicated). */
    resolve(childId: number, schoolId: number | null, roles: readonly RecipientRole[]): number[] {
      const ids = roles.flatMap((role) => {
        if (role === "vsh") return vsh;
        if (role === "designated_teacher") return schoolId === null ? [] : (bySchool.get(schoolId) ?? []);
        return byChildRole.get(`${childId}:${role}`) ?? [];
      });
      return [...new Set(ids)];
    },
  };
}
export type RecipientDirectory = Awaited<ReturnType<typeof loadRecipientDirectory>>;

export type PlannedAlert = AlertCandidate & { recipientIds: number[] };

/**
 * Writes new alerts, raised at `raisedAt` (the clock's now: escalation counts school days
 * from it), and their deliveries; returns the ids of the deliveries created.
 */
export async function writeAlerts(
  db: Db,
  planned: readonly PlannedAlert[],
  raisedAt: Date,
): Promise<{ alerts: number; deliveryIds: number[] }> {
  let alerts = 0;
  const deliveryIds: number[] = [];
  for (let i = 0; i < planned.length; i += BATCH) {
    const batch = planned.slice(i, i + BATCH);
    const { db: sqlDb, patiently } = sqlOf(db);
    const created = recordedAtText();
    const raised = instantText(raisedAt);
    await patiently(() =>
      sqlDb.transaction().execute(async (trx) => {
        const inserted = await trx
          .insertInto("Alert")
          .values(
            batch.map((a) => ({
              childId: a.childId,
              rule: a.rule,
              dedupeKey: a.dedupeKey,
              period: a.period,
              severity: a.severity,
              status: "open",
              details: JSON.stringify(a.details),
              raisedAt: raised,
            })),
          )
          .onConflict((oc) => oc.column("dedupeKey").doNothing())
          .returning(["id", "dedupeKey"])
          .execute();
        alerts += inserted.length;
        const byKey = new Map(batch.map((a) => [a.dedupeKey, a]));
        const rows = inserted.flatMap((row) =>
          (byKey.get(row.dedupeKey)?.recipientIds ?? []).map((professionalId) => ({
            alertId: Number(row.id),
            professionalId,
            status: "pending",
            attempts: 0,
            createdAt: created,
          })),
        );
        if (rows.length === 0) return;
        const deliveries = await trx
          .insertInto("AlertDelivery")
          .values(rows)
          .onConflict((oc) => oc.columns(["alertId", "professionalId"]).doNothing())
          .returning("id")
          .execute();
        deliveryIds.push(...deliveries.map((d) => Number(d.id)));
      }),
    );
  }
  return { alerts, deliveryIds };
}
