-- The audit log as a hash chain: each row carries the previous row's hash and its own
-- (sha256 over its fields and prevHash; see core/access/audit.ts). Rows written before
-- this migration have neither and stand before the chain's start.
ALTER TABLE "AuditEvent" ADD COLUMN "prevHash" TEXT;
ALTER TABLE "AuditEvent" ADD COLUMN "hash" TEXT;
