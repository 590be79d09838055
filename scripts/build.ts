/**
 * `npm run build`: compiles the server and its command-line tools to JavaScript (ESM, for
 * Node 20) with tsc, then copies beside the compiled files what they read at run time, so
 * `node dist/api/server.js` needs nothing but node_modules:
 *
 *   - the import thread's entry (core/imports/import-thread-boot.mjs: it loads the
 *     compiled import-thread.js when it finds it, tsx's loader only from the sources);
 *   - the tab's page and static files (tab/), the privacy and terms pages (legal/);
 *   - prisma/'s migrations (every file but the seed's TypeScript), where the migration
 *     runner looks for them relative to its own compiled file;
 *   - a package.json saying the .js files are ES modules, wherever the folder is put.
 *
 * The cards' JSON templates are imported by the code, so tsc emits them itself. The
 * Prisma client generated into core/platform/generated is TypeScript, compiled with the rest.
 *
 *   npm run build                         into dist/ (type-checked)
 *   npm run build -- --out-dir <dir>      elsewhere (the build test uses a temp folder)
 *   npm run build -- --no-check           emit without type-checking (the same JavaScript)
 */
import { execFileSync } from "node:child_process";
import { cpSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { extname, join, resolve } from "node:path";
import { parseArgs } from "node:util";

const ROOT = resolve(import.meta.dirname, "..");

/** Files and folders the compiled server reads at run time, relative to the project root. */
export const RUNTIME_ASSETS = [
  { from: "core/imports/import-thread-boot.mjs" },
  { from: "tab" },
  { from: "legal" },
  // Migrations (and the schema they come from); the seed's TypeScript is compiled instead.
  { from: "prisma", keep: (path: string) => extname(path) !== ".ts" },
] as const;

export function build(outDir: string, opts: { check?: boolean } = {}): void {
  const out = resolve(ROOT, outDir);
  rmSync(out, { recursive: true, force: true });
  const tsc = createRequire(import.meta.url).resolve("typescript/bin/tsc");
  const args = [tsc, "-p", join(ROOT, "tsconfig.build.json"), "--outDir", out];
  if (opts.check === false) args.push("--noCheck");
  execFileSync(process.execPath, args, { cwd: ROOT, stdio: "inherit" });
  for (const asset of RUNTIME_ASSETS) {
    const keep = "keep" in asset ? asset.keep : () => true;
    cpSync(join(ROOT, asset.from), join(out, asset.from), { recursive: true, filter: keep });
  }
  mkdirSync(out, { recursive: true });
  writeFileSync(join(out, "package.json"), `${JSON.stringify({ type: "module", private: true }, null, 2)}\n`);
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(import.meta.filename)) {
  const { values } = parseArgs({
    options: { "out-dir": { type: "string", default: "dist" }, "no-check": { type: "boolean", default: false } },
  });
  build(values["out-dir"], { check: !values["no-check"] });
  console.log(
    `Built into ${values["out-dir"]}/: run it with npm run start:prod (node ${values["out-dir"]}/api/server.js)`,
  );
}
