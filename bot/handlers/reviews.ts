/**
 * "reviews", "my reviews this week": the care-plan reviews coming up for the children in
 * the person's scope (an IRO's: the reviews they chair), each with a Brief button. Reads
 * are audited by the core services.
 */
import { reviewsCard } from "../../cards/index.js";
import { reviewsView } from "../../cards/views/iro-views.js";
import type { ReviewWindow } from "../../core/children/reviews.js";
import type { HandlerContext, Reply } from "../reply.js";

export async function reviewsCommand(ctx: HandlerContext, window: ReviewWindow): Promise<Reply> {
  const { asOf, until, items } = await ctx.services.children.reviews(ctx.actor, window);
  if (items.length === 0)
    return {
      text:
        window === "week"
          ? "No care-plan reviews this week, and none overdue. Try “reviews” for the next four weeks."
          : "No care-plan reviews in the next four weeks, and none overdue.",
    };
  return { card: reviewsCard(reviewsView(items, window, { asOf, until }, ctx.links.home())) };
}
