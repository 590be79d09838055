/**
 * Empties every table, children of a relation before their parents, so `--reset` works
 * with foreign keys on. Restarting the id sequences makes a reset database look exactly
 * like a fresh one (child 1 is Jordan Smith again).
 */
import type { Db } from "../../core/platform/db.js";

export async function deleteAllRows(db: Db): Promise<void> {
  await db.$transaction(async (tx) => {
    await tx.alertDelivery.deleteMany();
    await tx.alert.deleteMany();
    await tx.actionLog.deleteMany();
    await tx.auditEvent.deleteMany();
    await tx.auditHead.deleteMany();
    await tx.conversationReference.deleteMany();
    await tx.attendanceMark.deleteMany();
    await tx.exclusion.deleteMany();
    await tx.partTimeTimetable.deleteMany();
    await tx.senChange.deleteMany();
    await tx.pepTarget.deleteMany();
    await tx.careReview.deleteMany();
    await tx.pep.deleteMany();
    await tx.allocation.deleteMany();
    await tx.carePlacement.deleteMany();
    await tx.enrolment.deleteMany();
    await tx.child.deleteMany();
    await tx.professional.deleteMany();
    await tx.school.deleteMany();
    await tx.schoolCalendar.deleteMany();
    // SQLite keeps AUTOINCREMENT high-water marks here; the table exists once any such table does.
    await tx.$executeRawUnsafe(`DELETE FROM "sqlite_sequence"`);
  });
}
