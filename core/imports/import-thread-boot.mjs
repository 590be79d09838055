// A worker thread does not inherit tsx's loader from the process that starts it: register
// it here, then load the TypeScript entry (core/imports/service.ts starts this file).
import { register } from "tsx/esm/api";

register();
await import("./import-thread.ts");
