/**
 * One pure function per card: view model in, Adaptive Card 1.5 out. The layout lives in
 * `./templates/*.json` so it can be opened in the Adaptive Cards designer; the verbs
 * the templates submit are the strings of `VERBS` (the tests parse every payload).
 */

import { type AdaptiveCard, compileCard } from "./render.js";
import alertTemplate from "./templates/alert.json" with { type: "json" };
import alertsTemplate from "./templates/alerts.json" with { type: "json" };
import answerTemplate from "./templates/answer.json" with { type: "json" };
import briefTemplate from "./templates/brief.json" with { type: "json" };
import caseloadTemplate from "./templates/caseload.json" with { type: "json" };
import childChoiceTemplate from "./templates/child-choice.json" with { type: "json" };
import digestTemplate from "./templates/digest.json" with { type: "json" };
import helpTemplate from "./templates/help.json" with { type: "json" };
import logConfirmTemplate from "./templates/log-confirm.json" with { type: "json" };
import logSavedTemplate from "./templates/log-saved.json" with { type: "json" };
import pepQaTemplate from "./templates/pep-qa.json" with { type: "json" };
import recordChoiceTemplate from "./templates/record-choice.json" with { type: "json" };
import recordSavedTemplate from "./templates/record-saved.json" with { type: "json" };
import reviewsTemplate from "./templates/reviews.json" with { type: "json" };
import statusTemplate from "./templates/status.json" with { type: "json" };
import welcomeTemplate from "./templates/welcome.json" with { type: "json" };
import type {
  AlertCardModel,
  AlertsCardModel,
  AnswerCardModel,
  BriefCardModel,
  CaseloadCardModel,
  ChildChoiceCardModel,
  DigestCardModel,
  HelpCardModel,
  LogConfirmCardModel,
  LogSavedCardModel,
  RecordChoiceCardModel,
  RecordSavedCardModel,
  ReviewsCardModel,
  StatusCardModel,
  WelcomeCardModel,
} from "./view-models.js";

export type { AdaptiveCard } from "./render.js";

// Each template is parsed once, here; the functions below hold no other state.
const status = compileCard(statusTemplate);
const caseload = compileCard(caseloadTemplate);
// More than five choices become tappable rows: Teams shows at most five or six buttons.
const childChoice = compileCard(childChoiceTemplate);
const brief = compileCard(briefTemplate);
const alerts = compileCard(alertsTemplate);
const alert = compileCard(alertTemplate);
const pepQa = compileCard(pepQaTemplate);
const recordChoice = compileCard(recordChoiceTemplate);
const recordSaved = compileCard(recordSavedTemplate);
const logConfirm = compileCard(logConfirmTemplate);
const logSaved = compileCard(logSavedTemplate);
const welcome = compileCard(welcomeTemplate);
const help = compileCard(helpTemplate);

export const statusCard = (m: StatusCardModel): AdaptiveCard => status(m);
export const caseloadCard = (m: CaseloadCardModel): AdaptiveCard => caseload(m);
export const childChoiceCard = (m: ChildChoiceCardModel): AdaptiveCard => childChoice(m);
export const briefCard = (m: BriefCardModel): AdaptiveCard => brief(m);
export const alertsCard = (m: AlertsCardModel): AdaptiveCard => alerts(m);
export const logConfirmCard = (m: LogConfirmCardModel): AdaptiveCard => logConfirm(m);
export const logSavedCard = (m: LogSavedCardModel): AdaptiveCard => logSaved(m);
export const welcomeCard = (m: WelcomeCardModel): AdaptiveCard => welcome(m);
export const helpCard = (m: HelpCardModel): AdaptiveCard => help(m);
export const recordChoiceCard = (m: RecordChoiceCardModel): AdaptiveCard => recordChoice(m);
export const recordSavedCard = (m: RecordSavedCardModel): AdaptiveCard => recordSaved(m);
const reviews = compileCard(reviewsTemplate);
/** The IRO's care-plan reviews coming up, each with a Brief button. */
export const reviewsCard = (m: ReviewsCardModel): AdaptiveCard => reviews(m);
const answer = compileCard(answerTemplate);
/** A plain question's answer; also "Did you mean …?" and "didn't understand" with their buttons. */
export const answerCard = (m: AnswerCardModel): AdaptiveCard => answer(m);

/**
 * One alert, answered in Teams with Universal Actions (Action.Execute, each with an
 * Action.Submit fallback that carries the verb in its data). The people in
 * `refreshUserIds` get their own view when they open it; everyone else sees the card as
 * sent. The template's `$when` on `refresh` (a property, not an element) leaves
 * `refresh: null` when nobody is listed, which the schema refuses: it is removed here.
 * A PEP to quality-assure has a layout of its own (summary, targets, rating).
 */
export const alertCard = (m: AlertCardModel): AdaptiveCard => {
  const { refresh, ...card } = m.qa ? pepQa(m) : alert(m);
  return refresh == null ? card : { ...card, refresh };
};

const digest = compileCard(digestTemplate);
/** A scan's alerts for one person; its refresh is removed when nobody is listed, as on the alert card. */
export const digestCard = (m: DigestCardModel): AdaptiveCard => {
  const { refresh, ...card } = digest(m);
  return refresh == null ? card : { ...card, refresh };
};
