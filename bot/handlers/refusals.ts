/**
 * Refusals in the chat: a card's button or refresh about a child outside the person's
 * scope (or an alert they may not answer) becomes a short sentence, and is audited with
 * the outcome `refused`, naming the child asked for by id, as the API audits a 403 or an
 * out-of-scope 404. Names asked for in words are audited where they are looked up
 * (find-child.ts, ChildService.refusedByName).
 */
import { DatabaseBusy } from "../../core/platform/db.js";
import { DomainError } from "../../core/platform/errors.js";
import type { HandlerContext, Reply } from "../reply.js";

/** A positive integer id from a card's payload (inputs arrive as strings), else null. */
function idOf(value: unknown): number | null {
  const id = typeof value === "number" ? value : typeof value === "string" && /^\d{1,15}$/.test(value) ? +value : NaN;
  return Number.isSafeInteger(id) && id > 0 ? id : null;
}

/** The child a card's payload asks about: its `childId`, or the child its alert is about. */
async function childAskedFor(ctx: HandlerContext, payload: unknown): Promise<number | null> {
  const data = (payload ?? {}) as { childId?: unknown; alertId?: unknown };
  const childId = idOf(data.childId);
  if (childId !== null) return childId;
  const alertId = idOf(data.alertId);
  if (alertId === null) return null;
  const alert = await ctx.services.db.alert.findUnique({ where: { id: alertId }, select: { childId: true } });
  return alert?.childId ?? null;
}

/** Audits a refused read or change of `childId` (null: refused, but no child named). */
export async function auditRefused(ctx: HandlerContext, childId: number | null): Promise<void> {
  await ctx.services.audit.record(ctx.actor, "access", [childId], { outcome: "refused" });
}

/**
 * Domain refusals become a sentence (a refusal of scope or role audited as refused);
 * anything else is a real failure for the caller to throw (null).
 */
export async function refusalReply(ctx: HandlerContext, payload: unknown, error: unknown): Promise<Reply | null> {
  // Another writer held the database past the wait: asking again in a moment will do.
  if (error instanceof DatabaseBusy) {
    return { text: "The records are busy being updated just now. Please try again in a minute." };
  }
  if (!(error instanceof DomainError)) return null;
  if (error.code === "not_found" || error.code === "forbidden") {
    const childId = await childAskedFor(ctx, payload);
    // As the API: any forbidden, and a not-found that names a child (out of scope looks like missing).
    if (childId !== null || error.code === "forbidden") await auditRefused(ctx, childId);
  }
  return {
    text: error.code === "not_found" ? "I couldn't find that child among the children you work with." : error.message,
  };
}
