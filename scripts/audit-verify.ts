/**
 * `npm run audit:verify`: walks the audit log's hash chain (core/access/audit.ts) and
 * names the first broken link. Exit 0 when the chain is whole, 1 when it is broken.
 */
import { verifyAuditChain } from "../core/access/audit.js";
import { loadConfig, loadDotEnv } from "../core/platform/config.js";
import { createDb } from "../core/platform/db.js";

loadDotEnv();
const db = await createDb(loadConfig().DATABASE_URL);
try {
  const { checked, unchained, broken } = await verifyAuditChain(db);
  const before = unchained > 0 ? ` (${unchained} older row(s) from before the chain, not checked)` : "";
  if (broken) {
    console.error(`Audit chain BROKEN at row ${broken.id}: ${broken.why}. ${checked} row(s) checked${before}.`);
    process.exitCode = 1;
  } else {
    console.log(`Audit chain whole: ${checked} row(s) checked${before}.`);
  }
} finally {
  await db.$disconnect();
}
