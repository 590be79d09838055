/** School places (enrolments) and SEN status. */
import type { RecordDeps } from "./deps.js";

export function createPlaceService(_deps: RecordDeps) {
  return {};
}
export type PlaceService = ReturnType<typeof createPlaceService>;
