/**
 * The day an alert was raised, as its card and the `alerts` list show it, is England's
 * date: an alert raised at 00:30 BST (23:30 UTC the day before) was raised that morning.
 */
import { describe, expect, it } from "vitest";
import { alertsCommand } from "../../bot/handlers/alerts.js";
import type { HandlerContext } from "../../bot/reply.js";
import { alertCardView } from "../../cards/views/alert-views.js";
import { tabLinksFor } from "../../cards/views/tab-links.js";

const alert = (raisedAt: string) => ({
  id: 7,
  childId: 3,
  rule: "follow_up",
  period: "2027-06-18",
  severity: "amber",
  status: "open",
  raisedAt: new Date(raisedAt),
  snoozedUntil: null,
  details: "{}",
  child: { id: 3, firstName: "Jordan", lastName: "Smith" },
  events: [],
});

const cases = [
  ["2027-06-14T23:30:00Z", "15 Jun 2027", "00:30 BST"],
  ["2027-06-14T22:59:59Z", "14 Jun 2027", "23:59 BST"],
  ["2026-11-23T23:30:00Z", "23 Nov 2026", "23:30 GMT"],
  ["2026-11-24T00:00:00Z", "24 Nov 2026", "midnight GMT"],
] as const;

describe("the day an alert was raised", () => {
  it.each(cases)("on its card: raised at %s → %s (%s)", (raisedAt, shown) => {
    expect(alertCardView(alert(raisedAt), "social_worker", [], tabLinksFor(undefined)).raised).toBe(shown);
  });

  it.each(cases)("in the alerts list: raised at %s → %s (%s)", async (raisedAt, shown) => {
    const ctx = { services: { alerts: { openFor: async () => [alert(raisedAt)] } } } as unknown as HandlerContext;
    const reply = await alertsCommand(ctx);
    expect(JSON.stringify(reply.card)).toContain(`Jordan S. · raised ${shown} · open`);
  });
});
