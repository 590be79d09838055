/**
 * A PEP or a care-plan review booked or held, said in words ("Jordan's PEP was held
 * today", "review for Amira booked 12 Dec"): the date from the sentence (on the Clock),
 * the child from the names in it (a choice when several match), then saved through the
 * PEP or review service, which checks the role, audits and clears the alerts it answers.
 * The answer is a small card saying what was saved.
 */
import { recordChoiceCard, recordSavedCard } from "../../cards/index.js";
import type { RecordEvent, RecordSubject } from "../../cards/verbs.js";
import { termName } from "../../cards/views/pep-views.js";
import { displayName } from "../../core/children/mentions.js";
import { formatDate, formatDateWithWeekday, type IsoDate } from "../../core/platform/dates.js";
import { DomainError } from "../../core/platform/errors.js";
import { recordDate } from "../nlu.js";
import type { HandlerContext, Reply } from "../reply.js";
import { auditRefused } from "./refusals.js";

type Child = { id: number; firstName: string; lastName: string };
export type RecordIntent = { subject: RecordSubject; event: RecordEvent };

const WHAT: Record<RecordSubject, string> = { pep: "PEP meeting", review: "care-plan review" };

/** Said to a role the service refuses: who can, instead of "forbidden". */
const WHO_MAY: Record<RecordSubject, string> = {
  pep: "Only the child's designated teacher, their social worker or the Virtual School can book or record a PEP.",
  review: "Only the IRO, the child's social worker or the Virtual School can book or record a care-plan review.",
};

const EXAMPLE: Record<RecordSubject, Record<RecordEvent, string>> = {
  pep: { booked: "PEP for Jordan booked for Thursday", held: "Jordan's PEP was held today" },
  review: { booked: "review for Jordan booked 12 Dec", held: "Jordan's review was held yesterday" },
};

const capitalised = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/** "Jordan's PEP was held today": finds the date and the child, then saves. */
export async function recordCommand(ctx: HandlerContext, intent: RecordIntent & { text: string }): Promise<Reply> {
  const { subject, event } = intent;
  const date = recordDate(intent.text, event, ctx.now);
  if (!date) {
    const question = event === "held" ? "When was it held?" : "What date is it booked for?";
    return { text: `${question} Say it with the date, e.g. “${EXAMPLE[subject][event]}”.` };
  }
  const mentioned = await ctx.services.children.mentionedIn(ctx.actor, intent.text);
  const [only] = mentioned;
  if (!only) {
    return {
      text: `I couldn't tell which child you mean among the children you work with. Say their name, e.g. “${EXAMPLE[subject][event]}”.`,
    };
  }
  if (mentioned.length === 1) return recordFor(ctx, only, { subject, event }, date);
  const when = formatDateWithWeekday(date);
  return {
    card: recordChoiceCard({
      prompt: `${mentioned.length} children match. Whose ${WHAT[subject]} ${event === "held" ? "was held on" : "is booked for"} ${when}?`,
      subject,
      event,
      date,
      choices: mentioned.slice(0, 10).map((c) => ({ childId: c.id, label: displayName(c) })),
    }),
  };
}

/** The child chosen on the choice card: the same save, for that child if still in scope. */
export async function recordChosen(
  ctx: HandlerContext,
  choice: RecordIntent & { childId: number; date: IsoDate },
): Promise<Reply> {
  const child = await ctx.services.children.named(ctx.actor, choice.childId);
  if (!child) return { text: "I couldn't find that child among the children you work with." };
  return recordFor(ctx, child, choice, choice.date);
}

async function save(ctx: HandlerContext, child: Child, { subject, event }: RecordIntent, date: IsoDate) {
  const { actor, services } = ctx;
  if (subject === "pep") {
    const pep = await services.peps.record(actor, child.id, { status: event, meetingDate: date });
    return [{ title: "PEP for", value: termName(pep.term) }];
  }
  if (event === "held") {
    await services.reviews.recordHeld(actor, child.id, { heldOn: date });
    return [];
  }
  const booked = await services.reviews.book(actor, child.id, { plannedDate: date });
  return booked.previousDate ? [{ title: "Moved from", value: formatDate(booked.previousDate) }] : [];
}

async function recordFor(ctx: HandlerContext, child: Child, intent: RecordIntent, date: IsoDate): Promise<Reply> {
  let facts: { title: string; value: string }[];
  try {
    facts = await save(ctx, child, intent, date);
  } catch (error) {
    if (error instanceof DomainError && error.code === "forbidden") {
      await auditRefused(ctx, child.id);
      return { text: WHO_MAY[intent.subject] };
    }
    throw error;
  }
  const { subject, event } = intent;
  const pepHeld = subject === "pep" && event === "held";
  return {
    card: recordSavedCard({
      heading: `${capitalised(WHAT[subject])} ${event === "held" ? "recorded as held" : "booked"}`,
      childName: displayName(child),
      whenLabel: event === "held" ? "Held on" : "Booked for",
      when: formatDateWithWeekday(date),
      facts,
      by: ctx.actor.name,
      next: pepHeld
        ? "Add who attended, the child's views and the targets in the PEP form, then submit it to the Virtual School."
        : null,
      formUrl: subject === "pep" ? ctx.links.pep(child.id) : null,
      tabUrl: ctx.links.child(child.id),
    }),
  };
}
