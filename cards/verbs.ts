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
