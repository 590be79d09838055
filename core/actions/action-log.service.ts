/**
 * The action log: what professionals did for a child ("rang the carer, follow up
 * Friday"). Anyone who may see the child may log against them; the category is guessed
 * from the words when the person does not choose one.
 *
 * `at` is when the action happened: now, or for an action dated earlier ("met the DT on
 * 20 November") that day at the time it is logged, so the log reads in the order things
 * were done. When it was logged is in the audit log (and its reminder's raisedAt).
 */
import { z } from "zod";
import { type AuditLog, createAuditLog } from "../access/audit.js";
import type { Actor } from "../access/roles.js";
import type { ChildService } from "../children/child.service.js";
import type { Clock } from "../platform/clock.js";
import { type IsoDate, isoDateSchema, londonInstant, londonTimeOfDayMs } from "../platform/dates.js";
import type { Db, Prisma } from "../platform/db.js";
import { DomainError } from "../platform/errors.js";
import { ACTION_CATEGORIES, guessActionCategory } from "./category.js";
import { actionDateProblem } from "./log-dates.js";

export const ACTION_SOURCES = ["api", "bot", "tab", "card"] as const;

export const logActionSchema = z.object({
  text: z.string().trim().min(1, "must say what was done").max(2000),
  category: z.enum(ACTION_CATEGORIES).optional(),
  followUpDate: isoDateSchema.optional(),
  /** When it happened, if not today. */
  actionDate: isoDateSchema.optional(),
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

/** A follow-up reminder reaches Teams at this time (England) on its follow-up date. */
type LoggedAction = Prisma.ActionLogGetPayload<{ select: typeof actionView }>;

export const REMINDER_TIME_MS = 8 * 60 * 60_000;

/**
 * When a follow-up's reminder is due: the morning of its date in England, or null (at
 * once) for a follow-up date of today or earlier.
 */
export function reminderDueAt(followUpDate: IsoDate, today: IsoDate): Date | null {
  return followUpDate > today ? londonInstant(followUpDate, REMINDER_TIME_MS) : null;
}

export function createActionLogService(
  db: Db,
  clock: Clock,
  children: ChildService,
  audit: AuditLog = createAuditLog(db),
) {
  /**
   * Checks an action may be logged (scope, dates) and returns the write: the action, its
   * reminder and its audit row, in the transaction it is given.
   */
  async function prepare(
    actor: Actor,
    childId: number,
    input: LogAction,
    source?: (typeof ACTION_SOURCES)[number],
  ): Promise<(tx: Prisma.TransactionClient) => Promise<LoggedAction>> {
    await children.assertInScope(actor, childId);
    if (input.followUpDate && input.followUpDate < clock.today()) {
      throw new DomainError("validation", "The follow-up date is in the past.", [
        { field: "followUpDate", message: "must be today or later" },
      ]);
    }
    const problem = input.actionDate ? actionDateProblem(input.actionDate, clock.today()) : null;
    if (problem) throw new DomainError("validation", problem, [{ field: "actionDate", message: problem }]);
    const now = clock.now();
    const at =
      input.actionDate && input.actionDate !== clock.today()
        ? londonInstant(input.actionDate, londonTimeOfDayMs(now))
        : now;
    return async (tx) => {
      const saved = await tx.actionLog.create({
        data: {
          childId,
          professionalId: actor.id,
          at,
          text: input.text,
          category: input.category ?? guessActionCategory(input.text),
          followUpDate: input.followUpDate ?? null,
          source: source ?? (actor.channel === "tab" ? "tab" : "api"),
        },
        select: actionView,
      });
      if (saved.followUpDate) {
        // A follow-up is a reminder for the person who logged it, delivered on the day.
        const dueAt = reminderDueAt(saved.followUpDate, clock.today());
        await tx.alert.create({
          data: {
            childId,
            rule: "follow_up",
            dedupeKey: `follow_up:action:${saved.id}`,
            period: saved.followUpDate,
            severity: "amber",
            details: JSON.stringify({ actionId: saved.id }),
            raisedAt: now,
            deliveries: { create: { professionalId: actor.id, dueAt } },
          },
        });
      }
      // The action and its audit row: both saved, or neither.
      await audit.record(actor, "log_action", [childId], { tx });
      return saved;
    };
  }

  return {
    /** `source` defaults to the actor's channel (api or tab); the bot and cards say their own. */
    async log(actor: Actor, childId: number, input: LogAction, source?: (typeof ACTION_SOURCES)[number]) {
      const write = await prepare(actor, childId, input, source);
      return db.$transaction(write);
    },

    /**
     * The same checks now, and the write for a larger change's transaction (an alert
     * answered with an action), which the action and its audit row then commit with.
     */
    prepareLog: prepare,

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
