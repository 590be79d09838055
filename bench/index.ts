/** `npm run bench -- <name> [--quick]`: runs one benchmark and prints its figures. */
import { benchBot } from "./bot.js";
import { benchCluster } from "./cluster.js";
import { benchFanout } from "./fanout.js";
import { benchImport } from "./import.js";
import { benchPacer } from "./pacer.js";
import { benchScan } from "./scan.js";
import { benchStatus } from "./status.js";

const BENCHES: Record<string, (opts: { quick: boolean }) => Promise<void>> = {
  status: benchStatus,
  bot: benchBot,
  scan: benchScan,
  fanout: benchFanout,
  import: benchImport,
  pacer: benchPacer,
  cluster: benchCluster,
};

const args = process.argv.slice(2);
const quick = args.includes("--quick");
const names = args.filter((a) => !a.startsWith("--"));
const chosen = names.length > 0 ? names : Object.keys(BENCHES);
for (const name of chosen) {
  const bench = BENCHES[name];
  if (!bench) {
    console.error(`Unknown benchmark "${name}". Choose from: ${Object.keys(BENCHES).join(", ")}`);
    process.exit(2);
  }
  console.log(`## ${name}${quick ? " (quick)" : ""}`);
  await bench({ quick });
}
