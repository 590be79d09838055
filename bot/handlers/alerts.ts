/** alerts: the person's open alerts, most serious first. */
import { alertsCard } from "../../cards/index.js";
import { displayName } from "../../core/children/mentions.js";
import { formatDate, formatDateWithWeekday, londonDateOf } from "../../core/platform/dates.js";
import { alertTitle } from "../alert-texts.js";
import type { HandlerContext, Reply } from "../reply.js";

const TITLES: Record<string, (period: string) => string> = {
  follow_up: (period) => `Follow-up due ${formatDateWithWeekday(period)}`,
};

export async function alertsCommand(ctx: HandlerContext): Promise<Reply> {
  const alerts = await ctx.services.alerts.openFor(ctx.actor);
  if (alerts.length === 0) return { text: "You have no open alerts. 🎉" };
  return {
    card: alertsCard({
      alerts: alerts.map((a) => ({
        id: a.id,
        title: TITLES[a.rule]?.(a.period) ?? alertTitle(a.rule),
        childName: displayName(a.child),
        raised: formatDate(londonDateOf(a.raisedAt)),
        severity: a.severity === "red" ? "red" : "amber",
        status: a.status,
      })),
    }),
  };
}
