/**
 * The audit log: one row per child whose record was read or changed, naming who, how
 * and when. Ids only; never names or content.
 */
import type { Db } from "../platform/db.js";
import type { Actor } from "./roles.js";

export type AuditAction =
  | "read_child"
  | "read_status"
  | "read_actions"
  | "read_brief"
  | "read_attendance"
  | "read_peps"
  | "read_caseload"
  | "read_alerts"
  | "answer_alert"
  | "import"
  | "search"
  | "log_action"
  | "create_child"
  | "read_pep"
  | "record_pep"
  | "quality_assure_pep"
  | "record_review"
  | "record_exclusion"
  | "record_part_time"
  | "record_enrolment"
  | "record_sen";

export type AuditLog = ReturnType<typeof createAuditLog>;

export function createAuditLog(db: Db) {
  return {
    /** Records `action` by `actor` on each child; an empty list records nothing. */
    async record(actor: Actor, action: AuditAction, childIds: readonly number[]): Promise<void> {
      if (childIds.length === 0) return;
      await db.auditEvent.createMany({
        data: childIds.map((childId) => ({
          actorId: actor.id,
          actorRole: actor.role,
          action,
          childId,
          channel: actor.channel,
        })),
      });
    },
  };
}
