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
    await db.$transaction(async (tx) => {
      const raised = instantText(raisedAt);
      const created = recordedAtText();
      const values = batch.map(() => "(?, ?, ?, ?, ?, 'open', ?, ?)").join(", ");
      const params = batch.flatMap((a) => [
        a.childId,
        a.rule,
        a.dedupeKey,
        a.period,
        a.severity,
        JSON.stringify(a.details),
        raised,
      ]);
      const inserted = await tx.$queryRawUnsafe<{ id: number | bigint; dedupeKey: string }[]>(
        `INSERT INTO "Alert" ("childId", "rule", "dedupeKey", "period", "severity", "status", "details", "raisedAt")
         VALUES ${values} ON CONFLICT ("dedupeKey") DO NOTHING RETURNING "id", "dedupeKey"`,
        ...params,
      );
      alerts += inserted.length;
      const byKey = new Map(batch.map((a) => [a.dedupeKey, a]));
      const rows = inserted.flatMap((row) =>
        (byKey.get(row.dedupeKey)?.recipientIds ?? []).map((professionalId) => [Number(row.id), professionalId]),
      );
      if (rows.length === 0) return;
      const deliveries = await tx.$queryRawUnsafe<{ id: number | bigint }[]>(
        `INSERT INTO "AlertDelivery" ("alertId", "professionalId", "status", "attempts", "createdAt")
         VALUES ${rows.map(() => "(?, ?, 'pending', 0, ?)").join(", ")}
         ON CONFLICT ("alertId", "professionalId") DO NOTHING RETURNING "id"`,
        ...rows.flatMap(([alertId, professionalId]) => [alertId, professionalId, created]),
      );
      deliveryIds.push(...deliveries.map((d) => Number(d.id)));
    });
  }
  return { alerts, deliveryIds };
}
