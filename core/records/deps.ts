/**
 * What every service that changes a child's record needs: the database, the clock, the
 * calendars and policy the rules judge by, and the queue (a change raises or clears
 * alerts at once, see core/alerts/record-sync.ts); and the audit log (the composition
 * root's, with its own connection; a Prisma-only one when a test builds a service alone).
 */
import type { AuditLog } from "../access/audit.js";
import type { RecordSyncDeps } from "../alerts/record-sync.js";

export type RecordDeps = RecordSyncDeps & { audit?: AuditLog };
