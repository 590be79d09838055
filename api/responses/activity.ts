/** What the actions and alerts routes answer. */
import { z } from "zod";
import { childName } from "./children.js";

export const action = z
  .object({
    id: z.number(),
    childId: z.number(),
    at: z.date(),
    text: z.string(),
    category: z.string(),
    followUpDate: z.string().nullable(),
    source: z.string().describe("api | bot | tab | card"),
    professional: z.object({ id: z.number(), name: z.string(), role: z.string() }),
  })
  .meta({ id: "Action" });

export const actionList = z.object({ items: z.array(action) }).meta({ id: "Actions" });

export const alertList = z
  .object({
    items: z.array(
      z.object({
        id: z.number(),
        rule: z.string(),
        period: z.string(),
        severity: z.string(),
        status: z.string(),
        raisedAt: z.date(),
        child: childName,
      }),
    ),
  })
  .meta({ id: "Alerts" });

export const alertAnswer = z
  .object({ alertId: z.number(), status: z.string(), action: z.string(), detail: z.string().nullable() })
  .meta({ id: "AlertAnswer" });

export const scanQueued = z
  .object({ jobId: z.string().optional(), queued: z.literal(true) })
  .meta({ id: "ScanQueued" });
