/**
 * The verbs a card button sends back, and a zod schema for each payload: nothing a
 * card returns is trusted before it is parsed here.
 */
import { z } from "zod";

export const VERBS = {
  openStatus: "status.open",
  openBrief: "brief.open",
  chooseLogChild: "log.child",
  saveLog: "log.save",
  editLog: "log.edit",
  cancelLog: "log.cancel",
} as const;

const childPayload = z.object({ childId: z.coerce.number().int().positive() });

export const verbPayloadSchema = z.discriminatedUnion("verb", [
  z.object({ verb: z.literal(VERBS.openStatus) }).extend(childPayload.shape),
  z.object({ verb: z.literal(VERBS.openBrief) }).extend(childPayload.shape),
  z.object({ verb: z.literal(VERBS.chooseLogChild) }).extend(childPayload.shape),
  z.object({ verb: z.literal(VERBS.saveLog) }),
  z.object({ verb: z.literal(VERBS.editLog), text: z.string().trim().min(1).max(2000).optional() }),
  z.object({ verb: z.literal(VERBS.cancelLog) }),
]);
export type VerbPayload = z.infer<typeof verbPayloadSchema>;

/**
 * Alert card verbs (Universal Actions: Action.Execute, with an Action.Submit fallback
 * carrying the same data). Every payload names the alert.
 */
export const ALERT_VERBS = {
  refresh: "alert.refresh",
  acknowledge: "alert.ack",
  present: "alert.present",
  reason: "alert.reason",
  snooze: "alert.snooze",
  log: "alert.log",
  askSchool: "alert.ask_school",
} as const;

const alertId = z.coerce.number().int().positive();

export const alertVerbSchema = z.discriminatedUnion("verb", [
  z.object({ verb: z.literal(ALERT_VERBS.refresh), alertId }),
  z.object({ verb: z.literal(ALERT_VERBS.acknowledge), alertId }),
  z.object({
    verb: z.literal(ALERT_VERBS.present),
    alertId,
    // Card inputs arrive as strings: "true"/"false", not booleans.
    late: z.union([z.boolean(), z.enum(["true", "false"]).transform((v) => v === "true")]).default(false),
  }),
  z.object({ verb: z.literal(ALERT_VERBS.reason), alertId, code: z.string().trim().min(1).max(3) }),
  z.object({ verb: z.literal(ALERT_VERBS.snooze), alertId, days: z.coerce.number().int().min(1).max(20) }),
  z.object({ verb: z.literal(ALERT_VERBS.log), alertId, text: z.string().trim().min(1).max(2000) }),
  z.object({ verb: z.literal(ALERT_VERBS.askSchool), alertId }),
]);
export type AlertVerbPayload = z.infer<typeof alertVerbSchema>;
