/**
 * Outbox tests' data: one child, social workers, and alerts planned for them as the scan
 * plans them (core/alerts/outbox.ts PlannedAlert), without running the rules.
 */
import type { PlannedAlert } from "../../core/alerts/outbox.js";
import type { Db } from "../../core/platform/db.js";

/** A child and one social worker per e-mail, written; their ids. */
export async function childAndWorkers(db: Db, emails: readonly string[]) {
  const child = await db.child.create({
    data: { localId: "L1", firstName: "A", lastName: "B", dateOfBirth: "2015-01-01", placingAuthority: "999" },
  });
  const people = await Promise.all(
    emails.map((email) => db.professional.create({ data: { email, role: "social_worker", name: email } })),
  );
  return { childId: child.id, workerIds: people.map((p) => p.id) };
}

/** The `i`th alert about `childId` (its own dedupe key and period), for `recipientIds`. */
export const plannedAlert = (childId: number, i: number, recipientIds: number[]): PlannedAlert => ({
  childId,
  rule: "missing_education",
  dedupeKey: `outbox-test:${i}`,
  period: `p${i}`,
  severity: "amber",
  recipients: ["social_worker"],
  details: {},
  recipientIds,
});
