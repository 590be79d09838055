/** The audit rows a piece of a test added, for tests of what is audited. */
import type { Db, Prisma } from "../../core/platform/db.js";

/** Runs `call` and returns the AuditEvent rows it added, oldest first, with the fields in `select`. */
export async function auditAdded<S extends Prisma.AuditEventSelect>(db: Db, call: () => Promise<unknown>, select: S) {
  const last = await db.auditEvent.findFirst({ orderBy: { id: "desc" }, select: { id: true } });
  await call();
  return db.auditEvent.findMany({ where: { id: { gt: last?.id ?? 0 } }, orderBy: { id: "asc" }, select });
}
