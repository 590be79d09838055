/**
 * The view models of the conversation screenshots (the IRO's reviews, the brief, the
 * answers to plain questions), made as the bot makes them: the invented children's facts
 * (cast.ts) through the status rules and the bot's own view functions. Nothing here is
 * card JSON; change a rule or a sentence in the bot and the pictures follow.
 */

import { didYouMean } from "../../bot/handlers/find-child.js";
import type { AnswerCardModel, BriefCardModel, ReviewsCardModel } from "../../cards/view-models.js";
import { briefView } from "../../cards/views/child-views.js";
import { reviewsView } from "../../cards/views/iro-views.js";
import {
  absentAnswer,
  inSchoolAnswer,
  lastReviewAnswer,
  nextPepAnswer,
  teacherAnswer,
} from "../../cards/views/question-views.js";
import { tabLinksFor } from "../../cards/views/tab-links.js";
import { iroBrief } from "../../core/children/brief.js";
import { caseloadBadges } from "../../core/children/caseload.rules.js";
import type { ChildJudgement } from "../../core/children/judgements.js";
import { reviewWindowEnd, upcomingReviews } from "../../core/children/reviews.js";
import { type ChildFacts, type EducationStatus, educationStatus } from "../../core/children/status.js";
import { defaultPolicy } from "../../core/policy.js";
import { amira, DAY, jordan, leah, noah, tyler, tylerTeam } from "./cast.js";

const links = tabLinksFor("https://vs.example.org");
const statusOf = (f: ChildFacts) => educationStatus(f, DAY, defaultPolicy);
const schoolOf = (s: EducationStatus) => (s.school ? { id: s.school.schoolId, name: s.school.schoolName } : null);

/** A child's caseload judgement from their status: the badges the caseload and "who is absent" show. */
function judgement(f: ChildFacts): ChildJudgement {
  const s = statusOf(f);
  const suspension = s.exclusions.activeSuspension;
  return {
    ...f.child,
    school: schoolOf(s),
    attendance: s.attendance,
    unexplainedToday: s.attendance.today.unexplainedToday,
    attendanceDataGap: s.attendance.dataGap,
    currentUnexplainedRun: s.attendance.currentUnexplainedRun,
    missingEducation: s.flags.some((x) => x.code === "missing_education"),
    care: s.care,
    pep: s.pep,
    partTime: s.partTime,
    schoolPlace: s.school ? { kind: "on_roll" } : { kind: "not_counted", why: "not_in_cohort" },
    suspendedToday:
      suspension && suspension.startDate <= DAY && DAY <= suspension.endDate
        ? { endDate: suspension.endDate, severity: suspension.severity }
        : null,
  };
}

const caseload = [jordan, amira, tyler, leah, noah].map(judgement);

/** "reviews", as Dana Reeves (IRO) asks it: the next four weeks. */
function reviews(): ReviewsCardModel {
  const until = reviewWindowEnd(DAY, "four_weeks");
  return reviewsView(upcomingReviews(caseload, DAY, until), "four_weeks", { asOf: DAY, until }, links.home());
}

/** "brief Amira": moved school since the review, EHCP, PEP current for the review, no exclusions. */
function brief(): BriefCardModel {
  return briefView(amira.child, iroBrief(amira, DAY, defaultPolicy), links, DAY);
}

const answers = (): Record<"inSchool" | "nextPep" | "teacher" | "lastReview" | "absent", AnswerCardModel> => ({
  inSchool: inSchoolAnswer(jordan.child, statusOf(jordan), links),
  nextPep: nextPepAnswer(amira.child, statusOf(amira), links),
  teacher: teacherAnswer(tylerTeam, links),
  lastReview: lastReviewAnswer(leah.child, { ...iroBrief(leah, DAY, defaultPolicy), asOf: DAY }, links),
  absent: absentAnswer(
    "the children you work with",
    caseload.map((c) => ({ ...c, badges: caseloadBadges(c) })),
    links,
  ),
});

/** "when is Amria's next PEP?": the handler's own card (find-child.ts), for the one close name. */
const didYouMeanCard = (): unknown =>
  didYouMean("Amria", "next_pep", [{ ...amira.child, school: schoolOf(statusOf(amira)) }]).card;

export const conversationModels = { reviews, brief, answers, didYouMeanCard };
