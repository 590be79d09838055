/**
 * Plain questions answered in a sentence and a small card, read through the core services
 * (status, brief, caseload, the team around the child: scoped and audited), with the same
 * judgement as the status card. A bare word that is nobody's name, and anything else not
 * understood, gets buttons fitted to the person's role and to the name they used.
 */
import { answerCard } from "../../cards/index.js";
import type { AnswerCardModel } from "../../cards/view-models.js";
import {
  absentAnswer,
  inSchoolAnswer,
  lastReviewAnswer,
  nextPepAnswer,
  nextReviewAnswer,
  schoolAnswer,
  socialWorkerAnswer,
  teacherAnswer,
} from "../../cards/views/question-views.js";
import type { Role } from "../../core/access/roles.js";
import { registersClosedAt } from "../../core/attendance/registers.js";
import { displayName } from "../../core/children/mentions.js";
import { askAbout, type Question, type Topic } from "../questions.js";
import { type HandlerContext, noChildFound, type Reply } from "../reply.js";
import { briefOf, statusOf } from "./children.js";
import { didYouMean, type FoundChild, lookUpChild } from "./find-child.js";

/** Thanks and small talk: a short answer, safe in a channel (no child is named). */
export const isChitChat = (q: Question): boolean => q.topic === "thanks" || q.topic === "small_talk";

/**
 * The answer is the card: its heading asks the question back, its sentence answers it (also
 * the card's fallbackText), its facts and buttons follow. No message text beside it: Teams
 * shows an activity's text above its card, so the sentence would be read twice.
 */
const answered = (model: AnswerCardModel): Reply => ({ card: answerCard(model) });

const WHOSE: Record<Role, string> = {
  designated_teacher: "your pupils",
  social_worker: "the children you work with",
  education_adviser: "the children allocated to you",
  iro: "the children whose reviews you chair",
  vsh: "the Virtual School's children",
};

/** `absentAsked`: "is Kai off today?", so yes means absent. */
async function answerAbout(ctx: HandlerContext, topic: Topic, childId: number, absentAsked = false): Promise<Reply> {
  const { children, team } = ctx.services;
  switch (topic) {
    case "status":
      return statusOf(ctx, childId);
    case "brief":
      return briefOf(ctx, childId);
    case "designated_teacher":
      return answered(teacherAnswer(await team(ctx.actor, childId), ctx.links));
    case "social_worker":
      return answered(socialWorkerAnswer(await team(ctx.actor, childId), ctx.links));
    case "last_review": {
      const brief = await children.brief(ctx.actor, childId);
      return answered(lastReviewAnswer(brief.child, brief, ctx.links));
    }
    default: {
      const status = await children.status(ctx.actor, childId);
      if (topic === "in_school") return answered(inSchoolAnswer(status.child, status, ctx.links, absentAsked));
      const view = {
        next_pep: nextPepAnswer,
        school: schoolAnswer,
        next_review: nextReviewAnswer,
      }[topic];
      return answered(view(status.child, status, ctx.links));
    }
  }
}

/** Several children match: the same question about each, named in full. */
function whichOne(name: string, topic: Topic, matches: readonly FoundChild[]): Reply {
  const answer = `${matches.length} children match “${name}”. Which one do you mean?`;
  return {
    card: answerCard({
      title: answer,
      answer: "Choose a child:",
      tone: "Default",
      facts: [],
      asks: matches.slice(0, 5).map((c) => ({
        title: c.school ? `${displayName(c)} – ${c.school.name}` : displayName(c),
        text: askAbout(topic, `${c.firstName} ${c.lastName}`),
      })),
      statusChildId: null,
      tabUrl: null,
    }),
  };
}

export async function questionCommand(ctx: HandlerContext, q: Question, typed: string): Promise<Reply> {
  if (q.topic === "thanks") return { text: "You're welcome." };
  if (q.topic === "small_talk") return { text: q.answer };
  if (q.topic === "absent_today") {
    const rows = await ctx.services.children.caseload(ctx.actor);
    if (rows.length === 0) return { text: "You have no children on your caseload at the moment." };
    // Before the morning register closes, a blank is not an absence yet: say when it will be.
    const { policy } = ctx.services.config;
    const open = registersClosedAt(ctx.services.clock.now(), policy).am ? null : policy.registerMorningClosesAt;
    return answered(absentAnswer(WHOSE[ctx.actor.role], rows, ctx.links, open));
  }
  const found = await lookUpChild(ctx, q.name);
  if (found.kind === "one") return answerAbout(ctx, q.topic, found.child.id, q.absent);
  if (found.kind === "many") return whichOne(q.name, q.topic, found.children);
  if (found.suggestions.length > 0) return didYouMean(q.name, q.topic, found.suggestions);
  // A bare word that is nobody's name was probably not a name at all.
  return q.bare ? notUnderstoodFor(ctx, typed, false) : noChildFound(q.name);
}

/** Buttons for what this role asks most, and about the child named, if any. */
function suggestionsFor(role: Role, name: { shown: string; asked: string } | null): { title: string; text: string }[] {
  const about = name
    ? [
        { title: `${name.shown}'s status`, text: askAbout("status", name.asked) },
        // An IRO asks for the brief before a review (the status card is the first button).
        ...(role === "iro" ? [{ title: `${name.shown}'s brief`, text: askAbout("brief", name.asked) }] : []),
        role === "iro"
          ? { title: `${name.shown}'s last review`, text: askAbout("last_review", name.asked) }
          : role === "designated_teacher"
            ? { title: `Is ${name.shown} in school?`, text: askAbout("in_school", name.asked) }
            : { title: `${name.shown}'s next PEP`, text: askAbout("next_pep", name.asked) },
      ]
    : [];
  const general: Record<Role, { title: string; text: string }[]> = {
    designated_teacher: [
      { title: "My pupils", text: "my pupils" },
      // The PEP-due and missing-school alerts are a DT's to answer.
      { title: "My alerts", text: "alerts" },
      { title: "Who is absent today?", text: "who is absent today?" },
    ],
    social_worker: [
      { title: "My caseload", text: "my caseload" },
      { title: "My alerts", text: "alerts" },
    ],
    education_adviser: [
      { title: "My caseload", text: "my caseload" },
      { title: "My alerts", text: "alerts" },
    ],
    iro: [
      { title: "My caseload", text: "my caseload" },
      { title: "Log an action", text: "log" },
    ],
    vsh: [
      { title: "The Virtual School", text: "my caseload" },
      { title: "Alerts", text: "alerts" },
    ],
  };
  return [...about, ...general[role], { title: "Help", text: "help" }];
}

/** "cancel" with nothing under way (a note being logged is dropped by its dialog instead). */
export const nothingToCancel: Reply = {
  text: "There's nothing to cancel: I'm not waiting for an answer from you. Type “help” to see what you can ask.",
};

/**
 * "Didn't understand": buttons fitted to the role and to the child named in the message
 * (looked up in the person's scope, and only in a one-to-one chat: a channel sees no names).
 */
export async function notUnderstoodFor(ctx: HandlerContext, typed: string, shared: boolean): Promise<Reply> {
  const text = `Sorry, I didn't understand “${typed.slice(0, 80)}”.`;
  const named = shared ? [] : await ctx.services.children.mentionedIn(ctx.actor, typed);
  const [first] = named;
  // One child named: asked about by full name, shown as "Jordan S."; several: by the first name typed.
  const name = !first
    ? null
    : named.length === 1
      ? { shown: displayName(first), asked: `${first.firstName} ${first.lastName}` }
      : { shown: first.firstName, asked: first.firstName };
  const asks = suggestionsFor(ctx.actor.role, shared ? null : name);
  return {
    card: answerCard({
      title: "Did you want one of these?",
      answer: `${text} You can ask things like “how is Jordan doing?” or “when is Jordan's next PEP?”.`,
      tone: "Default",
      facts: [],
      asks,
      statusChildId: null,
      tabUrl: null,
    }),
  };
}
