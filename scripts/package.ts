/**
 * `npm run package -- <env>`: validates env/.env.<env>, the manifest template and the
 * icons, then writes manifest/dist/virtual-school-<env>.zip for sideloading in Teams.
 * All the work is in manifest/package.ts; this only reports.
 */
import { relative } from "node:path";
import { fileURLToPath } from "node:url";
import { PackageError, packageApp } from "../manifest/package.js";

const root = fileURLToPath(new URL("..", import.meta.url));
const [envName] = process.argv.slice(2);
if (!envName) {
  console.error("Usage: npm run package -- <env>   e.g. npm run package -- local (reads env/.env.local)");
  process.exit(1);
}

try {
  const built = await packageApp(root, envName);
  const { manifestVersion, id, version } = built.manifest;
  console.log(`Wrote ${relative(root, built.path)} (${built.zip.length} bytes): ${built.entries.join(", ")}`);
  console.log(
    `  Teams app ${id}, version ${version}, manifest ${manifestVersion}: sideload it in Teams (Apps > Manage your apps > Upload an app).`,
  );
} catch (err) {
  if (!(err instanceof PackageError)) throw err;
  const count = err.problems.length === 1 ? "1 problem" : `${err.problems.length} problems`;
  console.error(`Cannot package the Teams app for "${envName}" (${count}):`);
  for (const problem of err.problems) console.error(`  - ${problem}`);
  process.exit(1);
}
