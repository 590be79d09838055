/**
 * A child's audit trail as CSV, for the VSH answering a subject access request: every
 * read, change and refused attempt on the child's record, oldest first, with who did it.
 * Cells are safe to open in a spreadsheet: one starting with = + - @, a tab or a carriage
 * return is prefixed with ' so it is shown as text, never run as a formula.
 */
import { stringify } from "csv-stringify/sync";
import type { Db } from "../platform/db.js";
import { notFound } from "../platform/errors.js";
import { type AuditLog, createAuditLog } from "./audit.js";
import type { Actor } from "./roles.js";
import { requireRole } from "./roles.js";

const FORMULA_START = /^[=+\-@\t\r]/;

/** `value` as a spreadsheet shows it, never as a formula. */
export function spreadsheetSafe(value: string): string {
  return FORMULA_START.test(value) ? `'${value}` : value;
}

export const AUDIT_CSV_HEADER = [
  "event id",
  "at (UTC)",
  "actor id",
  "actor name",
  "actor role",
  "action",
  "channel",
  "outcome",
  "hash",
] as const;

/** The CSV (UTF-8, header row) of every audit row about `childId`. VSH only; the export is itself audited. */
export async function childAuditCsv(
  db: Db,
  actor: Actor,
  childId: number,
  audit: AuditLog = createAuditLog(db),
): Promise<string> {
  requireRole(actor, "vsh");
  const child = await db.child.findUnique({ where: { id: childId }, select: { id: true } });
  if (!child) throw notFound("child");
  const rows = await db.auditEvent.findMany({ where: { childId }, orderBy: { id: "asc" } });
  const actorIds = [...new Set(rows.map((r) => r.actorId).filter((id): id is number => id !== null))];
  const people = await db.professional.findMany({ where: { id: { in: actorIds } }, select: { id: true, name: true } });
  const nameOf = new Map(people.map((p) => [p.id, p.name]));
  const cells = rows.map((r) =>
    [
      String(r.id),
      r.at.toISOString(),
      r.actorId === null ? "" : String(r.actorId),
      r.actorId === null ? "" : (nameOf.get(r.actorId) ?? ""),
      r.actorRole,
      r.action,
      r.channel,
      r.outcome,
      r.hash ?? "",
    ].map(spreadsheetSafe),
  );
  await audit.record(actor, "read_audit", [childId]);
  return stringify([[...AUDIT_CSV_HEADER], ...cells], { eof: true, record_delimiter: "\r\n" });
}
