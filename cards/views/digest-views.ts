/**
 * A digest as its card shows it: a scan's alerts for one person, grouped by child, the
 * most serious child first and each child's most serious alert first (digest-plan.ts
 * bySeriousness), each alert with its state and its buttons. Names as "Jordan S.", no
 * dates of birth or UPNs; a card stays small however many alerts the scan found.
 */

import type { PostForCard } from "../../core/alerts/digest.repo.js";
import { bySeriousness } from "../../core/alerts/digest-plan.js";
import { displayName, displayNameOf } from "../../core/children/mentions.js";
import { formatDateWithWeekday, londonDateOf } from "../../core/platform/dates.js";
import type { DigestCardModel } from "../view-models.js";
import { alertTitle, resolvedBy, STATES, whose } from "./alert-texts.js";

/**
 * What one card holds, in units: a child's heading 1, each alert 2 (about 0.5 KB and
 * 1 KB of card). 48 keeps the worst case (one alert per child, each saying whose it was,
 * long names) under Teams' ~28 KB; whole children, most serious first; the rest are counted.
 */
export const DIGEST_UNITS = 48;
const ALERT_UNITS = 2;
/** A notice is read, not answered: nothing to acknowledge. */
const NOTICES = new Set(["pep_qa_outcome"]);

type Row = PostForCard["alerts"][number];

function stateOf(alert: Row): string {
  if (alert.status === "snoozed" && alert.snoozedUntil)
    return `Snoozed until ${formatDateWithWeekday(alert.snoozedUntil)}`;
  const by = alert.last?.by ? ` by ${displayNameOf(alert.last.by)}` : "";
  if (alert.status === "resolved") {
    const why = alert.last ? resolvedBy(alert.last.action, alert.last.detail) : undefined;
    return why ? `Resolved: ${why}` : `Resolved${by}`;
  }
  if (alert.status === "acknowledged") return `Acknowledged${by}`;
  return STATES[alert.status] ?? alert.status;
}

/** Whose copies a digest at the Virtual School carries, once each, by name. */
const owners = (alerts: readonly Row[]) =>
  [...new Map(alerts.flatMap((a) => (a.forWhom ? [[a.forWhom.id, a.forWhom] as const] : []))).values()].sort((a, b) =>
    a.name.localeCompare(b.name),
  );

/** Names listed in the "sent to you because" line; more are counted (each row still says whose). */
const NAMED_OWNERS = 3;

/** "Sent to you because Sam Patel (social worker) could not be reached in Teams: …"; null when none was rerouted. */
function reroutedFrom(alerts: readonly Row[]): string | null {
  const people = owners(alerts).map(whose);
  if (people.length === 0) return null;
  if (people.length > NAMED_OWNERS)
    return `Sent to you because ${people.length} people could not be reached in Teams (they have not installed the app, or it was removed): each alert says whose it was.`;
  const list = people.length === 1 ? people[0] : `${people.slice(0, -1).join(", ")} and ${people.at(-1)}`;
  return `Sent to you because ${list} could not be reached in Teams: ${people.length === 1 ? "these were their alerts" : "each alert says whose it was"}.`;
}

export function digestCardView(post: PostForCard): DigestCardModel {
  const byChild = new Map<number, Row[]>();
  for (const alert of [...post.alerts].sort(bySeriousness))
    byChild.set(alert.childId, [...(byChild.get(alert.childId) ?? []), alert]);
  // Children in the order of their most serious alert (the sort above), then by name.
  const children = [...byChild.values()];
  const shown: Row[][] = [];
  let units = 0;
  for (const alerts of children) {
    const cost = 1 + ALERT_UNITS * alerts.length;
    if (units + cost > DIGEST_UNITS && shown.length > 0) break;
    // A first child with more than a card holds: their most serious alerts.
    shown.push(alerts.slice(0, Math.floor((DIGEST_UNITS - 1) / ALERT_UNITS)));
    units += cost;
  }
  const hidden = children.length - shown.length;
  // Still waiting for someone: not yet acknowledged, snoozed or resolved.
  const open = post.alerts.filter((a) => a.status === "open").length;
  const day = formatDateWithWeekday(londonDateOf(post.createdAt));
  return {
    postId: post.id,
    heading: `${children.length} ${children.length === 1 ? "child needs" : "children need"} you`,
    intro: `${post.alerts.length} ${post.alerts.length === 1 ? "alert" : "alerts"} from the Virtual School's check on ${day}, most serious first. ${open === 0 ? "All answered." : `${open} still open.`}`,
    onBehalfOf: reroutedFrom(post.alerts),
    children: shown.map((alerts) => {
      const first = alerts[0] as Row;
      return {
        childId: first.childId,
        name: displayName(first.child),
        severity: alerts.some((a) => a.severity === "red") ? "red" : "amber",
        alerts: alerts.map((a) => ({
          postId: post.id,
          alertId: a.id,
          heading: `${a.severity === "red" ? "Red" : "Amber"}: ${alertTitle(a.rule)}`,
          severity: a.severity === "red" ? "red" : "amber",
          state:
            owners(post.alerts).length > 1 && a.forWhom ? `${stateOf(a)} · was for ${whose(a.forWhom)}` : stateOf(a),
          canAcknowledge: a.status === "open" && !NOTICES.has(a.rule),
        })),
      };
    }),
    more:
      hidden > 0
        ? `And ${hidden} more ${hidden === 1 ? "child" : "children"}: tap “All my alerts” for the full list.`
        : null,
    refreshUserIds: post.teamsUserIds.slice(0, 60),
  };
}
