/**
 * Example digests (cards/views/digest-views.ts builds the real ones): a social worker's morning,
 * one rerouted to the Virtual School Head, and the largest a card shows (12 children, the
 * rest counted). All names are invented.
 */
import type { DigestCardModel } from "./view-models.js";

type Row = DigestCardModel["children"][number]["alerts"][number];
const row = (alertId: number, heading: string, state = "Open", canAcknowledge = state === "Open"): Row => ({
  postId: 7,
  alertId,
  heading,
  severity: heading.startsWith("Red") ? "red" : "amber",
  state,
  canAcknowledge,
});

export const digest: DigestCardModel = {
  postId: 7,
  heading: "3 children need you",
  intro: "5 alerts from the Virtual School's check on Mon 23 Nov 2026, most serious first. 4 still open.",
  onBehalfOf: null,
  children: [
    {
      childId: 1,
      name: "Jordan S.",
      severity: "red",
      alerts: [
        row(11, "Red: Missing education: unexplained absence for days in a row"),
        row(12, "Amber: PEP overdue", "Acknowledged by Sam P."),
      ],
    },
    { childId: 3, name: "Tyler B.", severity: "red", alerts: [row(13, "Red: No school place")] },
    {
      childId: 2,
      name: "Amira K.",
      severity: "amber",
      alerts: [row(14, "Amber: Persistent absence"), row(15, "Amber: Care-plan review overdue")],
    },
  ],
  more: null,
  refreshUserIds: ["29:sw-sam"],
};

export const digestRerouted: DigestCardModel = {
  ...digest,
  heading: "2 children need you",
  intro: "2 alerts from the Virtual School's check on Mon 23 Nov 2026, most serious first. 2 still open.",
  onBehalfOf: "Sent to you because Priya Shah (social worker) could not be reached in Teams: these were their alerts.",
  children: digest.children.slice(1, 3).map((c) => ({ ...c, alerts: c.alerts.slice(0, 1) })),
  refreshUserIds: [],
};

const NAMES = ["Aaliyah", "Ben", "Chloe", "Dylan", "Ella", "Finn", "Grace", "Harry"];

/** The most a digest card shows (cards/views/digest-views.ts DIGEST_ROWS): 24 alerts, and a line for the rest. */
export const digestFull: DigestCardModel = {
  ...digest,
  heading: "30 children need you",
  intro: "61 alerts from the Virtual School's check on Mon 23 Nov 2026, most serious first. 61 still open.",
  children: NAMES.map((name, i) => ({
    childId: 100 + i,
    name: `${name} ${String.fromCharCode(65 + i)}.`,
    severity: "red",
    alerts: [
      row(1000 + i * 3, "Red: Missing education: unexplained absence for days in a row"),
      row(1001 + i * 3, "Red: PEP overdue"),
      row(1002 + i * 3, "Amber: Part-time timetable past its review date"),
    ],
  })),
  more: "And 22 more children: tap “All my alerts” for the full list.",
};
