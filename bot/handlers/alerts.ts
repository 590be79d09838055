/** alerts: the person's open alerts, most serious first. */
import { alertsCard } from "../../cards/index.js";
import { alertTitle } from "../../cards/views/alert-texts.js";
import { displayName } from "../../core/children/mentions.js";
import { formatDate, formatDateWithWeekday, londonDateOf } from "../../core/platform/dates.js";
import type { HandlerContext, Reply } from "../reply.js";

const TITLES: Record<string, (period: string) => string> = {
  follow_up: (period) => `Follow-up due ${formatDateWithWeekday(period)}`,
};

/** The alert's state in words: the list never shows a stored code. */
const STATUS_WORDS: Record<string, string> = { open: "open", snoozed: "snoozed until later" };

export async function alertsCommand(ctx: HandlerContext): Promise<Reply> {
  const alerts = await ctx.services.alerts.openFor(ctx.actor);
  if (alerts.length === 0) return { text: "You have no open alerts. 🎉" };
  return {
    card: alertsCard({
      alerts: alerts.map((a) => ({
        id: a.id,
        childId: a.child.id,
        title: TITLES[a.rule]?.(a.period) ?? alertTitle(a.rule),
        childName: displayName(a.child),
        raised: formatDate(londonDateOf(a.raisedAt)),
        severity: a.severity === "red" ? "red" : "amber",
        status: STATUS_WORDS[a.status] ?? a.status,
      })),
    }),
  };
}
