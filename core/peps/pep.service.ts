/** PEPs as a workflow: booked → held → submitted → quality-assured or returned. */
import type { RecordDeps } from "../records/deps.js";

export function createPepService(_deps: RecordDeps) {
  return {};
}
export type PepService = ReturnType<typeof createPepService>;
