/** Suspensions, permanent exclusions and part-time timetables. */
import type { RecordDeps } from "./deps.js";

export function createExclusionService(_deps: RecordDeps) {
  return {};
}
export type ExclusionService = ReturnType<typeof createExclusionService>;
