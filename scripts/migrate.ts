/** `npm run db:migrate`: applies the committed migrations to DATABASE_URL. */
import { loadConfig, loadDotEnv } from "../core/platform/config.js";
import { migrate } from "../core/platform/migrate.js";

loadDotEnv();
const { applied, alreadyApplied } = await migrate(loadConfig().DATABASE_URL);
console.log(
  applied.length > 0
    ? `Applied ${applied.length} migration(s): ${applied.join(", ")}`
    : `Up to date (${alreadyApplied} migration(s) applied).`,
);
