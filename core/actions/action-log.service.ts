/**
 * The action log: what professionals did for a child ("rang the carer, follow up
 * Friday"). Anyone who may see the child may log against them; the category is guessed
 * from the words when the person does not choose one.
 */
import { z } from "zod";
import { createAuditLog } from "../access/audit.js";
import type { Actor } from "../access/roles.js";
import type { ChildService } from "../children/child.service.js";
import type { Clock } from "../platform/clock.js";
import { isoDateSchema } from "../platform/dates.js";
import type { Db } from "../platform/db.js";
import { DomainError } from "../platform/errors.js";
import { ACTION_CATEGORIES, guessActionCategory } from "./category.js";

export const ACTION_SOURCES = ["api", "bot", "tab", "card"] as const;

export const logActionSchema = z.object({
  text: z.string().trim().min(1, "must say what was done").max(2000),
  category: z.enum(ACTION_CATEGORIES).optional(),
  followUpDate: isoDateSchema.optional(),
});
export type LogAction = z.infer<typeof logActionSchema>;

const actionView = {
  id: true,
  childId: true,
  at: true,
  text: true,
  category: true,
  followUpDate: true,
  source: true,
  professional: { select: { id: true, name: true, role: true } },
} as const;

export function createActionLogService(db: Db, clock: Clock, children: ChildService) {
  const audit = createAuditLog(db);
  return {
    /** `source` defaults to the actor's channel (api or tab); the bot and cards say their own. */
    async log(actor: Actor, childId: number, input: LogAction, source?: (typeof ACTION_SOURCES)[number]) {
      await children.assertInScope(actor, childId);
      if (input.followUpDate && input.followUpDate < clock.today()) {
        throw new DomainError("validation", "The follow-up date is in the past.", [
          { field: "followUpDate", message: "must be today or later" },
        ]);
      }
      const action = await db.$transaction(async (tx) => {
        const saved = await tx.actionLog.create({
          data: {
            childId,
            professionalId: actor.id,
            at: clock.now(),
            text: input.text,
            category: input.category ?? guessActionCategory(input.text),
            followUpDate: input.followUpDate ?? null,
            source: source ?? (actor.channel === "tab" ? "tab" : "api"),
          },
          select: actionView,
        });
        if (saved.followUpDate) {
          // A follow-up is a reminder for the person who logged it, delivered on the day.
          await tx.alert.create({
            data: {
              childId,
              rule: "follow_up",
              dedupeKey: `follow_up:action:${saved.id}`,
              period: saved.followUpDate,
              severity: "amber",
              details: JSON.stringify({ actionId: saved.id }),
              raisedAt: saved.at,
              deliveries: { create: { professionalId: actor.id } },
            },
          });
        }
        return saved;
      });
      await audit.record(actor, "log_action", [childId]);
      return action;
    },

    async list(actor: Actor, childId: number, limit = 50) {
      await children.assertInScope(actor, childId);
      const items = await db.actionLog.findMany({
        where: { childId },
        orderBy: [{ at: "desc" }, { id: "desc" }],
        take: limit,
        select: actionView,
      });
      await audit.record(actor, "read_actions", [childId]);
      return items;
    },
  };
}
export type ActionLogService = ReturnType<typeof createActionLogService>;
