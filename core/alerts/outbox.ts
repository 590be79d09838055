/**
 * The database is the outbox: an alert and one delivery row per recipient are written
 * (in one transaction per batch: the engine's `outboxBatch`) before anything is queued, so a lost queue loses
 * nothing (the reconciler re-queues unsent deliveries). The unique dedupe key makes a
 * second scan of the same day add nothing: inserts use ON CONFLICT DO NOTHING, which
 * SQLite and PostgreSQL both understand.
 */

import { sql } from "kysely";
import { recordedAtText } from "../platform/clock.js";
import { type IsoDate, instantText } from "../platform/dates.js";
import type { Db } from "../platform/db.js";
import { type Column, type Engine, sqlOf } from "../platform/sql/index.js";
import type { AlertCandidate, RecipientRole } from "./alert.types.js";
import type { NewDelivery } from "./digest-plan.js";
import { readRecipients } from "./recipients.sql.js";

/** Who holds each role for each child today: allocations, the school's DT, the VSH. */
export async function loadRecipientDirectory(db: Db, today: IsoDate, childIds?: readonly number[]) {
  const { allocations, teachers, heads } = await readRecipients(sqlOf(db), today, childIds);
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

const ALERT_COLUMNS: readonly Column[] = [
  ["childId", "int"],
  ["rule", "text"],
  ["dedupeKey", "text"],
  ["period", "text"],
  ["severity", "text"],
  ["details", "text"],
];
const DELIVERY_COLUMNS: readonly Column[] = [
  ["alertId", "int"],
  ["professionalId", "int"],
];

/**
 * A batch of alerts and of deliveries each in one statement whose text never changes (the
 * rows go as one bound JSON value): prepared once, however many rows a batch holds.
 * `WHERE true`: SQLite reads an upsert's INSERT … SELECT only with a WHERE.
 */
const insertAlerts = (engine: Engine, rows: unknown[][], raisedAt: string) =>
  sql<{ id: number; dedupeKey: string }>`INSERT INTO "Alert"
  ("childId", "rule", "dedupeKey", "period", "severity", "status", "details", "raisedAt")
  SELECT "childId", "rule", "dedupeKey", "period", "severity", ${"open"}, "details", ${raisedAt}
  FROM ${engine.rowsFrom(JSON.stringify(rows), ALERT_COLUMNS)} AS "r" WHERE true
  ON CONFLICT ("dedupeKey") DO NOTHING RETURNING "id", "dedupeKey"`;

const insertDeliveries = (engine: Engine, rows: number[][], createdAt: string) =>
  sql<{ id: number; alertId: number; professionalId: number }>`INSERT INTO "AlertDelivery"
  ("alertId", "professionalId", "status", "attempts", "createdAt")
  SELECT "alertId", "professionalId", ${"pending"}, ${0}, ${createdAt}
  FROM ${engine.rowsFrom(JSON.stringify(rows), DELIVERY_COLUMNS)} AS "r" WHERE true
  ON CONFLICT ("alertId", "professionalId") DO NOTHING RETURNING "id", "alertId", "professionalId"`;

/**
 * Writes new alerts, raised at `raisedAt` (the clock's now: escalation counts school days
 * from it), and their deliveries; returns the ids of the deliveries created and, for
 * sending them (posts.ts), each one's person and rule, in order of id.
 */
export async function writeAlerts(
  db: Db,
  planned: readonly PlannedAlert[],
  raisedAt: Date,
): Promise<{ alerts: number; deliveryIds: number[]; deliveries: NewDelivery[] }> {
  let alerts = 0;
  const deliveries: NewDelivery[] = [];
  const engine = sqlOf(db);
  for (let i = 0; i < planned.length; i += engine.outboxBatch) {
    const batch = planned.slice(i, i + engine.outboxBatch);
    const created = recordedAtText();
    const raised = instantText(raisedAt);
    await engine.patiently(() =>
      engine.db.transaction().execute(async (trx) => {
        const { rows: inserted } = await insertAlerts(
          engine,
          batch.map((a) => [a.childId, a.rule, a.dedupeKey, a.period, a.severity, JSON.stringify(a.details)]),
          raised,
        ).execute(trx);
        alerts += inserted.length;
        const byKey = new Map(batch.map((a) => [a.dedupeKey, a]));
        const ruleOf = new Map<number, string>();
        const rows = inserted.flatMap((row) => {
          const alert = byKey.get(row.dedupeKey);
          ruleOf.set(Number(row.id), alert?.rule ?? "");
          return (alert?.recipientIds ?? []).map((professionalId) => [Number(row.id), professionalId]);
        });
        if (rows.length === 0) return;
        const { rows: written } = await insertDeliveries(engine, rows, created).execute(trx);
        for (const d of written) {
          const alertId = Number(d.alertId);
          deliveries.push({ id: Number(d.id), professionalId: d.professionalId, rule: ruleOf.get(alertId) ?? "" });
        }
      }),
    );
  }
  deliveries.sort((a, b) => a.id - b.id);
  return { alerts, deliveryIds: deliveries.map((d) => d.id), deliveries };
}
