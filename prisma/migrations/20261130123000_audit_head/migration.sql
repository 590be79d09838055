-- The audit chain's head: its last row's id and hash, written with every append and read
-- by the next, so a deleted or truncated tail shows (core/access/audit-chain.ts).
CREATE TABLE "AuditHead" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "lastId" INTEGER NOT NULL,
    "hash" TEXT NOT NULL
);

-- The head starts at the chain's last sealed row, if there is one (rows from before the
-- chain have no hash and stay before its start).
INSERT INTO "AuditHead" ("id", "lastId", "hash")
SELECT 1, "id", "hash" FROM "AuditEvent" WHERE "hash" IS NOT NULL ORDER BY "id" DESC LIMIT 1;
