/** Where a child's PEP stands, from the facts a status loads (the same answer as the status card), and which term a meeting covers. */
import { asCompiledCalendar } from "../calendar/school-days.js";
import { careRecordOf, dutySince } from "../children/care.js";
import type { ChildFacts } from "../children/status.types.js";
import type { IsoDate } from "../platform/dates.js";
import type { Policy } from "../policy.js";
import { censusTermNamed } from "./pep.census.js";
import { type PepStatus, pepStatus } from "./pep.rules.js";
import { pepTermAt, termlyPepDueFor } from "./pep.terms.js";
import { coveredTerm, type OwedPep } from "./pep.workflow.js";

/** The one place a child's facts become pepStatus's input: the status card and the PEP service both call it. */
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

/**
 * The term a meeting on `meetingDate` covers, given the PEP owed now (see coveredTerm): the
 * meeting's term as pep.terms.ts counts it (a holiday meeting covers the term before it),
 * due by the same date pepStatus would give that term.
 */
export function coveredTermOf(
  facts: Pick<ChildFacts, "calendar" | "bankHolidays" | "reviews" | "plannedReviews">,
  owed: OwedPep,
  meetingDate: IsoDate,
  status: Pick<PepStatus, "nextReviewDue">,
  policy: Policy,
): OwedPep {
  const cal = asCompiledCalendar(facts.calendar);
  // A term owed from before the calendar data is a census stand-in (pep.census.ts): a
  // meeting now, terms later, is this term's PEP, not that one's held years late.
  const owedTerm = cal.terms.find((t) => t.name === owed.term) ?? censusTermNamed(owed.term);
  const meetingTerm = pepTermAt(cal, meetingDate);
  const bankHolidays = facts.bankHolidays instanceof Set ? facts.bankHolidays : new Set(facts.bankHolidays);
  const reviews = [...facts.reviews, ...(facts.plannedReviews ?? []), status.nextReviewDue].filter(
    (d): d is IsoDate => d !== null,
  );
  return coveredTerm(
    owed,
    owedTerm?.end ?? null,
    meetingTerm && {
      name: meetingTerm.name,
      start: meetingTerm.start,
      due: termlyPepDueFor(cal, meetingTerm, reviews, bankHolidays, policy),
    },
  );
}
