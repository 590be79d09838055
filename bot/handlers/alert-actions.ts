/**
 * Answers given on an alert card (Action.Execute, or its Action.Submit fallback):
 * saved through the core (which checks who may answer, audits, and queues the update of
 * every sent copy), then the card as this person should now see it.
 */
import { alertCard } from "../../cards/index.js";
import { ALERT_VERBS, type AlertVerbPayload } from "../../cards/verbs.js";
import { loadAlertForCard } from "../../core/alerts/alert.service.js";
import type { AlertAnswer } from "../../core/alerts/answers.js";
import { londonDateOf } from "../../core/platform/dates.js";
import { notFound } from "../../core/platform/errors.js";
import { alertCardView, viewerFor } from "../alert-views.js";
import { parseLogText } from "../nlu.js";
import type { HandlerContext, Reply } from "../reply.js";

/** The Log action reads its words as the chat's "log" does: when it happened, and only a cued follow-up. */
function logAnswer(text: string, now: Date): AlertAnswer {
  const { actionDate, followUpDate } = parseLogText(text, now);
  const today = londonDateOf(now);
  return {
    kind: "log",
    text,
    ...(actionDate && actionDate !== today ? { actionDate } : {}),
    ...(followUpDate ? { followUpDate } : {}),
  };
}

function toAnswer(payload: AlertVerbPayload, now: Date): AlertAnswer | null {
  switch (payload.verb) {
    case ALERT_VERBS.refresh:
      return null;
    case ALERT_VERBS.acknowledge:
      return { kind: "acknowledge" };
    case ALERT_VERBS.present:
      return { kind: "present", late: payload.late };
    case ALERT_VERBS.reason:
      return { kind: "reason", code: payload.code };
    case ALERT_VERBS.snooze:
      return { kind: "snooze", days: payload.days };
    case ALERT_VERBS.log:
      return logAnswer(payload.text, now);
    case ALERT_VERBS.askSchool:
      return { kind: "ask_school" };
    case ALERT_VERBS.pepBooked:
      return { kind: "pep_booked", date: payload.bookedFor };
    case ALERT_VERBS.pepHeld:
      return { kind: "pep_held", date: payload.heldOn };
    case ALERT_VERBS.pepQa:
      return {
        kind: "pep_qa",
        rating: payload.rating,
        ...(payload.comment ? { comment: payload.comment } : {}),
        ...(payload.criteria.length > 0 ? { criteria: payload.criteria } : {}),
      };
    case ALERT_VERBS.pepReturn:
      return { kind: "pep_return", comment: payload.returnComment };
  }
}

/** The card for this person now; a refresh reads only what they may see. */
export async function alertCardFor(ctx: HandlerContext, payload: AlertVerbPayload): Promise<Reply> {
  const answer = toAnswer(payload, ctx.now);
  if (answer) await ctx.services.answers.answer(ctx.actor, payload.alertId, answer);
  else await ctx.services.answers.assertCanSee(ctx.actor, payload.alertId);
  const alert = await loadAlertForCard(ctx.services.db, payload.alertId);
  if (!alert) throw notFound("alert");
  const isRecipient = alert.deliveries.some((d) => d.professionalId === ctx.actor.id);
  const viewer = viewerFor(ctx.actor.role, isRecipient);
  const view = alertCardView(alert, viewer, alert.teamsUserIds, ctx.links, ctx.services.clock.today());
  return { card: alertCard(view) };
}
