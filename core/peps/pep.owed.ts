/** Where a child's PEP stands, from the facts a status loads (the same answer as the status card). */
import { asCompiledCalendar } from "../calendar/school-days.js";
import type { ChildFacts } from "../children/status.types.js";
import type { IsoDate } from "../platform/dates.js";
import type { Policy } from "../policy.js";
import { type PepStatus, pepStatus } from "./pep.rules.js";

export function pepStatusOf(facts: ChildFacts, today: IsoDate, policy: Policy): PepStatus {
  return pepStatus({
    lookedAfterSince: facts.child.lookedAfterSince,
    dateOfBirth: facts.child.dateOfBirth ?? null,
    peps: facts.peps,
    reviews: facts.reviews,
    plannedReviews: facts.plannedReviews ?? [],
    today,
    calendar: asCompiledCalendar(facts.calendar),
    bankHolidays: facts.bankHolidays instanceof Set ? facts.bankHolidays : new Set(facts.bankHolidays),
    policy,
  });
}
