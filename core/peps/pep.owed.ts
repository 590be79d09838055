/** Where a child's PEP stands, from the facts a status loads (the same answer as the status card), and which term a meeting covers. */
import { asCompiledCalendar, termOf } from "../calendar/school-days.js";
import { careRecordOf, dutySince } from "../children/care.js";
import type { ChildFacts } from "../children/status.types.js";
import type { IsoDate } from "../platform/dates.js";
import type { Policy } from "../policy.js";
import { type PepStatus, pepStatus, termlyPepDue } from "./pep.rules.js";
import { coveredTerm, type OwedPep } from "./pep.workflow.js";

export function pepStatusOf(facts: ChildFacts, today: IsoDate, policy: Policy): PepStatus {
  return pepStatus({
    lookedAfterSince: dutySince(careRecordOf(facts), today),
    careStartKnown: facts.child.careStartKnown ?? true,
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

/** The term a meeting on `meetingDate` covers, given the PEP owed now (see coveredTerm). */
export function coveredTermOf(
  facts: ChildFacts,
  owed: OwedPep,
  meetingDate: IsoDate,
  status: PepStatus,
  policy: Policy,
): OwedPep {
  const cal = asCompiledCalendar(facts.calendar);
  const owedTerm = cal.terms.find((t) => t.name === owed.term) ?? null;
  const meetingTerm = termOf(cal, meetingDate);
  const bankHolidays = facts.bankHolidays instanceof Set ? facts.bankHolidays : new Set(facts.bankHolidays);
  const review = status.nextReviewPlanned ?? status.nextReviewDue;
  return coveredTerm(
    owed,
    owedTerm?.end ?? null,
    meetingTerm && {
      name: meetingTerm.name,
      start: meetingTerm.start,
      due: termlyPepDue(cal, meetingTerm, review, bankHolidays, policy),
    },
  );
}
