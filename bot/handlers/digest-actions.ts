/**
 * Buttons on a digest: "Acknowledge" answers the alert in place and the digest comes back
 * as it now is; "Open and answer" posts the alert's own card below (with every answer it
 * offers) and leaves the digest as it is; the refresh shows the reader the digest now.
 */
import { digestCard } from "../../cards/index.js";
import { ALERT_VERBS, type DigestVerbPayload } from "../../cards/verbs.js";
import { digestCardView } from "../../cards/views/digest-views.js";
import { notFound } from "../../core/platform/errors.js";
import type { HandlerContext, Reply } from "../reply.js";
import { alertCardFor } from "./alert-actions.js";

/**
 * Answers a digest's button. Returns the digest as it now is, and (for "Open and answer")
 * the alert's own card to post as a message of its own.
 */
export async function digestAction(
  ctx: HandlerContext,
  payload: DigestVerbPayload,
): Promise<{ digest: Reply; alert: Reply | null }> {
  const { services, actor } = ctx;
  const post = await services.alerts.digestFor(actor, payload.postId);
  // An alert id from the card is only answered when this digest holds it.
  if (payload.verb !== "digest.refresh" && !post.alerts.some((a) => a.id === payload.alertId)) throw notFound("alert");
  let alert: Reply | null = null;
  if (payload.verb === ALERT_VERBS.acknowledge)
    await services.answers.answer(actor, payload.alertId, { kind: "acknowledge" });
  if (payload.verb === ALERT_VERBS.open)
    alert = await alertCardFor(ctx, { verb: ALERT_VERBS.open, alertId: payload.alertId });
  const now = payload.verb === ALERT_VERBS.acknowledge ? await services.alerts.digestFor(actor, payload.postId) : post;
  return { digest: { card: digestCard(digestCardView(now)) }, alert };
}
