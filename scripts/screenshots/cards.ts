/**
 * Every card the bot sends, rendered with the official renderer and the Teams light host
 * config from the card tests' example view models (see models.ts), one PNG per card.
 */

import { mkdirSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import type { Browser } from "playwright-core";
import { digest, digestRerouted } from "../../cards/examples.digest.js";
import * as cardFunctions from "../../cards/index.js";
import {
  alertCard,
  alertsCard,
  answerCard,
  briefCard,
  caseloadCard,
  childChoiceCard,
  digestCard,
  helpCard,
  logConfirmCard,
  logSavedCard,
  recordChoiceCard,
  recordSavedCard,
  reviewsCard,
  statusCard,
  welcomeCard,
} from "../../cards/index.js";
import { conversationModels as c } from "./answers.js";
import { openCardPage, shootCard } from "./card-page.js";
import { readmeModels as m } from "./models.js";

const here = dirname(fileURLToPath(import.meta.url));
export const hostConfigPath = resolve(here, "teams-host-config.json");

export type CardShot = {
  /** File name under docs/cards/, without .png. */
  name: string;
  /** The function of cards/index.ts that builds it, so a new card cannot be forgotten. */
  fn: keyof typeof cardFunctions;
  /** One line for the README. */
  caption: string;
  card: () => unknown;
};

export const CARD_SHOTS: readonly CardShot[] = [
  {
    name: "status",
    fn: "statusCard",
    caption: "`status Jordan`: a child's education status, with red and amber flags and recent actions.",
    card: () => statusCard(m.status),
  },
  {
    name: "caseload",
    fn: "caseloadCard",
    caption: "`caseload`: a social worker's children, most urgent first, with badges; tap a child for their status.",
    card: () => caseloadCard(m.caseload),
  },
  {
    name: "child-choice",
    fn: "childChoiceCard",
    caption: "When a name matches two children, the bot asks which one.",
    card: () => childChoiceCard(m.childChoice),
  },
  {
    name: "reviews",
    fn: "reviewsCard",
    caption: "`reviews`: an IRO's care-plan reviews in the next four weeks, overdue first, each with a Brief button.",
    card: () => reviewsCard(c.reviews()),
  },
  {
    name: "brief",
    fn: "briefCard",
    caption:
      "`brief Amira`: since the last review: the PEP current for this review, a school move, EHCP, no exclusions, attendance from when the registers start.",
    card: () => briefCard(c.brief()),
  },
  {
    name: "answer-in-school",
    fn: "answerCard",
    caption: "“is Jordan in school today?”",
    card: () => answerCard(c.answers().inSchool),
  },
  {
    name: "answer-next-pep",
    fn: "answerCard",
    caption: "“when is Amira's next PEP?”",
    card: () => answerCard(c.answers().nextPep),
  },
  {
    name: "answer-designated-teacher",
    fn: "answerCard",
    caption: "“who is Tyler's designated teacher?”",
    card: () => answerCard(c.answers().teacher),
  },
  {
    name: "answer-last-review",
    fn: "answerCard",
    caption: "“what happened at Leah's last review?”",
    card: () => answerCard(c.answers().lastReview),
  },
  {
    name: "answer-absent-today",
    fn: "answerCard",
    caption: "“who is absent today?”",
    card: () => answerCard(c.answers().absent),
  },
  {
    name: "answer-did-you-mean",
    fn: "answerCard",
    caption: "“when is Amria's next PEP?”: a close misspelling gets “Did you mean Amira K.?”, a button per child.",
    card: c.didYouMeanCard,
  },
  {
    name: "alerts",
    fn: "alertsCard",
    caption: "`alerts`: the open and acknowledged alerts for the person asking.",
    card: () => alertsCard(m.alerts),
  },
  {
    name: "digest",
    fn: "digestCard",
    caption:
      "A scan's digest: each person's new alerts on one card, children grouped, most serious first; a child absent today comes on its own.",
    card: () => digestCard(digest),
  },
  {
    name: "digest-rerouted",
    fn: "digestCard",
    caption: "A digest its reader could not receive, sent to the Virtual School Head saying whose it was.",
    card: () => digestCard(digestRerouted),
  },
  {
    name: "log-confirm",
    fn: "logConfirmCard",
    caption: "`log …`: what will be recorded, to confirm or change before it is saved.",
    card: () => logConfirmCard(m.logConfirm),
  },
  {
    name: "log-saved",
    fn: "logSavedCard",
    caption: "The action once saved, with its follow-up date.",
    card: () => logSavedCard(m.logSaved),
  },
  {
    name: "welcome",
    fn: "welcomeCard",
    caption: "The welcome a social worker gets when the app is installed.",
    card: () => welcomeCard(m.welcome),
  },
  {
    name: "help",
    fn: "helpCard",
    caption: "`help`: the commands the bot understands.",
    card: () => helpCard(m.help),
  },
  {
    name: "alert-designated-teacher",
    fn: "alertCard",
    caption: "An unexplained-absence alert as the designated teacher first sees it, with a reason code to give.",
    card: () => alertCard(m.alertDesignatedTeacher),
  },
  {
    name: "alert-social-worker",
    fn: "alertCard",
    caption: "The same alert as the social worker sees it once the school has acknowledged it.",
    card: () => alertCard(m.alertSocialWorker),
  },
  {
    name: "alert-answered",
    fn: "alertCard",
    caption: "The alert once resolved: what everyone sees, with who did what.",
    card: () => alertCard(m.alertAnswered),
  },
  {
    name: "alert-pep",
    fn: "alertCard",
    caption:
      "A PEP-overdue alert: the meeting is booked (shown on every copy); “Booked for…” / “Held on…” take a date, or open the PEP form.",
    card: () => alertCard(m.alertPepBooked),
  },
  {
    name: "alert-pep-held",
    fn: "alertCard",
    caption: "Once the PEP is recorded as held, every copy of the card reads resolved.",
    card: () => alertCard(m.alertPepHeld),
  },
  {
    name: "pep-quality-assurance",
    fn: "alertCard",
    caption:
      "A submitted PEP to quality-assure (Virtual School staff): summary, targets and PP+ requested; rate it or return it on the card.",
    card: () => alertCard(m.alertPepQa),
  },
  {
    name: "pep-qa-outcome",
    fn: "alertCard",
    caption:
      "The outcome, to the designated teacher and the social worker: the rating and the Virtual School's comment.",
    card: () => alertCard(m.alertPepQaOutcome),
  },
  {
    name: "record-choice",
    fn: "recordChoiceCard",
    caption: "“Jordan's PEP was held today” when two children are called Jordan: which one?",
    card: () => recordChoiceCard(m.recordChoice),
  },
  {
    name: "record-saved",
    fn: "recordSavedCard",
    caption: "What was recorded from a sentence, with the PEP form to add the targets.",
    card: () => recordSavedCard(m.recordSaved),
  },
];

/** Card functions of cards/index.ts that no shot uses; empty when every card is shown. */
export function uncoveredCardFunctions(): string[] {
  const covered = new Set<string>(CARD_SHOTS.map((s) => s.fn));
  return Object.entries(cardFunctions)
    .filter(([name, value]) => typeof value === "function" && !covered.has(name))
    .map(([name]) => name);
}

export class CardRenderError extends Error {
  override readonly name = "CardRenderError";
}

/**
 * Writes docs/cards/<name>.png for every shot and returns the paths written. Throws
 * CardRenderError naming every card the renderer complained about or could not render
 * (after trying them all, so one run lists every problem).
 */
export async function shootCards(browser: Browser, docsDir: string): Promise<string[]> {
  const missing = uncoveredCardFunctions();
  if (missing.length > 0) {
    throw new CardRenderError(`No screenshot is defined for ${missing.join(", ")}: add it to CARD_SHOTS.`);
  }
  const hostConfig: unknown = JSON.parse(readFileSync(hostConfigPath, "utf8"));
  const outDir = join(docsDir, "cards");
  mkdirSync(outDir, { recursive: true });

  // deviceScaleFactor 2: the PNGs are read on high-density screens, in the README too.
  const context = await browser.newContext({ viewport: { width: 800, height: 600 }, deviceScaleFactor: 2 });
  const written: string[] = [];
  const problems: string[] = [];
  try {
    const page = await context.newPage();
    await openCardPage(page);
    for (const shot of CARD_SHOTS) {
      const file = join(outDir, `${shot.name}.png`);
      const { errors, rendered } = await shootCard(page, shot.card(), hostConfig, file);
      if (!rendered) problems.push(`${shot.name}: the renderer produced no element`);
      for (const e of errors) problems.push(`${shot.name}: ${e}`);
      if (rendered && errors.length === 0) written.push(file);
    }
  } finally {
    await context.close();
  }
  if (problems.length > 0) {
    throw new CardRenderError(`The adaptivecards renderer refused some cards:\n  ${problems.join("\n  ")}`);
  }
  return written;
}
