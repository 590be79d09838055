/**
 * Answers given on an alert card (Action.Execute, or its Action.Submit fallback):
 * saved through the core (which checks who may answer, audits, and queues the update of
 * every sent copy), then the card as this person should now see it. The Log action's
 * dates are questioned as the chat's "log" questions them (core/actions/log-dates.ts):
 * nothing is saved until the person presses "Save anyway" or changes the words.
 */
import { alertCard } from "../../cards/index.js";
import { ALERT_VERBS, type AlertVerbPayload } from "../../cards/verbs.js";
import type { AlertCardModel } from "../../cards/view-models.js";
import { alertCardView, viewerFor } from "../../cards/views/alert-views.js";
import { actionDateProblem, followUpQuestionsFor } from "../../core/actions/log-dates.js";
import { loadAlertForCard } from "../../core/alerts/alert.service.js";
import type { AlertAnswer } from "../../core/alerts/answers.js";
import { londonDateOf } from "../../core/platform/dates.js";
import { notFound } from "../../core/platform/errors.js";
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

/**
 * What the chat's "log" would ask about these words before saving (a follow-up in the past,
 * on a weekend, in the school's holidays or more than a term away; an action date that
 * cannot be), or null when they can be saved as they are. Checks the person may see the alert.
 */
async function logQuestionFor(
  ctx: HandlerContext,
  alertId: number,
  text: string,
): Promise<AlertCardModel["logQuestion"]> {
  const today = londonDateOf(ctx.now);
  const { actionDate, followUpDate } = parseLogText(text, ctx.now);
  const problem = actionDate ? actionDateProblem(actionDate, today) : null;
  if (!problem && !followUpDate) return null;
  await ctx.services.answers.assertCanSee(ctx.actor, alertId);
  const alert = await ctx.services.db.alert.findUnique({ where: { id: alertId }, select: { childId: true } });
  if (!alert) throw notFound("alert");
  const questions = followUpDate
    ? await followUpQuestionsFor(ctx.services, ctx.actor, alert.childId, followUpDate, today)
    : [];
  if (problem) questions.unshift(problem);
  if (questions.length === 0) return null;
  // The action log refuses these whatever the person says: only a change of date saves them.
  const refused = problem !== null || (followUpDate !== null && followUpDate < today);
  return { text, questions, canSave: !refused };
}

function toAnswer(payload: AlertVerbPayload, now: Date): AlertAnswer | null {
  switch (payload.verb) {
    case ALERT_VERBS.refresh:
    case ALERT_VERBS.open:
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

/** The card for this person now; a refresh reads only what they may see, and is audited. */
export async function alertCardFor(ctx: HandlerContext, payload: AlertVerbPayload): Promise<Reply> {
  const asked =
    payload.verb === ALERT_VERBS.log && !payload.confirmed
      ? await logQuestionFor(ctx, payload.alertId, payload.text)
      : null;
  const answer = asked ? null : toAnswer(payload, ctx.now);
  if (answer) await ctx.services.answers.answer(ctx.actor, payload.alertId, answer);
  // Opened, refreshed, or shown again with a question: the card names the child, an audited read.
  else await ctx.services.answers.open(ctx.actor, payload.alertId);
  const alert = await loadAlertForCard(ctx.services.db, payload.alertId);
  if (!alert) throw notFound("alert");
  const isRecipient = alert.deliveries.some((d) => d.professionalId === ctx.actor.id);
  const viewer = viewerFor(ctx.actor.role, isRecipient);
  const view = alertCardView(alert, viewer, alert.teamsUserIds, ctx.links, ctx.services.clock.today());
  return { card: alertCard(asked ? { ...view, logQuestion: asked } : view) };
}
