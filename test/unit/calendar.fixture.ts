/**
 * A realistic authority calendar for 2024-25 and 2025-26 (term dates of the usual English
 * shape: INSET first days, half-terms, the early May bank holiday inside summer term).
 * Shared by the pure-rule tests; day counts below were checked against a wall calendar.
 */
import type { SchoolCalendar } from "../../core/calendar/school-days.js";

export const demoCalendar: SchoolCalendar = {
  terms: [
    { name: "Autumn 2024", start: "2024-09-02", end: "2024-12-20" },
    { name: "Spring 2025", start: "2025-01-06", end: "2025-04-04" },
    { name: "Summer 2025", start: "2025-04-22", end: "2025-07-22" },
    { name: "Autumn 2025", start: "2025-09-01", end: "2025-12-19" },
    { name: "Spring 2026", start: "2026-01-05", end: "2026-03-27" },
    { name: "Summer 2026", start: "2026-04-13", end: "2026-07-21" },
  ],
  closures: [
    { name: "INSET", start: "2024-09-02", end: "2024-09-02" },
    { name: "Autumn half-term", start: "2024-10-28", end: "2024-11-01" },
    { name: "Spring half-term", start: "2025-02-17", end: "2025-02-21" },
    { name: "Early May bank holiday", start: "2025-05-05", end: "2025-05-05" },
    { name: "Summer half-term", start: "2025-05-26", end: "2025-05-30" },
    { name: "INSET", start: "2025-09-01", end: "2025-09-01" },
    { name: "Autumn half-term", start: "2025-10-27", end: "2025-10-31" },
    { name: "Spring half-term", start: "2026-02-16", end: "2026-02-20" },
    { name: "Early May bank holiday", start: "2026-05-04", end: "2026-05-04" },
    { name: "Summer half-term", start: "2026-05-25", end: "2026-05-29" },
  ],
};
