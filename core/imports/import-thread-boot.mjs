// The import thread's entry (core/imports/service.ts starts this file). Built (npm run
// build), the compiled import-thread.js sits beside it and plain node loads it. From the
// sources, a worker thread does not inherit tsx's loader from the process that starts it:
// register it here, then load the TypeScript entry.
import { existsSync } from "node:fs";

const compiled = new URL("./import-thread.js", import.meta.url);
if (existsSync(compiled)) {
  await import(compiled.href);
} else {
  const { register } = await import("tsx/esm/api");
  register();
  await import("./import-thread.ts");
}
