/** Care-plan reviews: booked (planned date) and held. */
import type { RecordDeps } from "./deps.js";

export function createReviewService(_deps: RecordDeps) {
  return {};
}
export type ReviewService = ReturnType<typeof createReviewService>;
