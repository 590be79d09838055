/**
 * What every service that changes a child's record needs: the database, the clock, the
 * calendars and policy the rules judge by, and the queue (a change raises or clears
 * alerts at once, see core/alerts/record-sync.ts); and the audit log (the composition
 * root's; a test that builds a service alone gets one of its own on the same client).
 */
import type { AuditLog } from "../access/audit.js";
import type { RecordSyncDeps } from "../alerts/record-sync.js";

export type RecordDeps = RecordSyncDeps & { audit?: AuditLog };
