/**
 * `npm run token -- <email> [hours]`: prints a dev bearer token for a registered
 * professional, expiring after `hours` (12 by default, at most 24). Refused unless AUTH_MODE=dev.
 */
import { devSigningKey, signDevToken } from "../core/access/tokens.js";
import { loadConfig, loadDotEnv } from "../core/platform/config.js";
import { createDb, dbOptions } from "../core/platform/db.js";
import { migrate } from "../core/platform/migrate.js";

loadDotEnv();
const config = loadConfig();
const [email, hours = "12"] = process.argv.slice(2);
if (!email) {
  console.error("Usage: npm run token -- <email> [hours]   e.g. npm run token -- vsh@demo.local");
  process.exit(2);
}
const lifetime = Number(hours);
if (!Number.isInteger(lifetime) || lifetime < 1 || lifetime > 24) {
  console.error("Tokens last between 1 and 24 hours: give a whole number of hours, e.g. 12.");
  process.exit(2);
}
if (config.AUTH_MODE !== "dev") {
  console.error("Tokens are only issued in AUTH_MODE=dev; in entra mode sign in with Microsoft Entra ID.");
  process.exit(2);
}
await migrate(config.DATABASE_URL);
const db = await createDb(config.DATABASE_URL, dbOptions(config));
const who = await db.professional.findUnique({ where: { email: email.toLowerCase() }, select: { role: true } });
await db.$disconnect();
if (!who) {
  console.error(`No professional is registered with the e-mail ${email}. Has the demo been seeded (npm start)?`);
  process.exit(1);
}
console.log(await signDevToken(devSigningKey(config), email.toLowerCase(), lifetime));
