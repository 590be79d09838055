/**
 * status, brief and caseload: look a child up in the person's scope (a choice card when
 * several match), then answer with a card. Reads are audited by the core services.
 */
import { briefCard, caseloadCard, childChoiceCard, statusCard } from "../../cards/index.js";
import { VERBS } from "../../cards/verbs.js";
import { briefView, CASELOAD_CARD_LIMIT, caseloadView, statusView } from "../../cards/views/child-views.js";
import { displayName } from "../../core/children/mentions.js";
import { type HandlerContext, noChildFound, type Reply } from "../reply.js";
import { didYouMean, lookUpChild } from "./find-child.js";

type Verb = typeof VERBS.openStatus | typeof VERBS.openBrief;

/**
 * One child, a choice, or nobody for what the person typed (name words or a UPN). Every
 * word must match (find-child.ts): "Callum R" is not Callum G., but may be offered as
 * "Did you mean Callum G.?".
 */
async function findChild(ctx: HandlerContext, query: string, verb: Verb): Promise<number | Reply> {
  const found = await lookUpChild(ctx, query);
  if (found.kind === "one") return found.child.id;
  if (found.kind === "none") {
    if (found.suggestions.length === 0) return noChildFound(query);
    return didYouMean(query, verb === VERBS.openBrief ? "brief" : "status", found.suggestions);
  }
  const matches = found.children;
  return {
    card: childChoiceCard({
      prompt: `${matches.length} children match “${query}”. Which one do you mean?`,
      verb,
      choices: matches.map((c) => ({
        childId: c.id,
        label: c.school ? `${displayName(c)} – ${c.school.name}` : displayName(c),
      })),
    }),
  };
}

export async function statusOf(ctx: HandlerContext, childId: number): Promise<Reply> {
  // Whom to contact and the status, the child found in scope once (audited as both reads, the status last).
  const { status, team } = await ctx.services.children.statusWithTeam(ctx.actor, childId);
  return { card: statusCard(statusView(status.child, status, status.asOf, ctx.links, team, ctx.actor.role)) };
}

export async function briefOf(ctx: HandlerContext, childId: number): Promise<Reply> {
  const brief = await ctx.services.children.brief(ctx.actor, childId);
  return { card: briefCard(briefView(brief.child, brief, ctx.links, brief.asOf)) };
}

export async function statusCommand(ctx: HandlerContext, query: string): Promise<Reply> {
  if (!query) return { text: "Whose status would you like? Try “status Jordan”, or a UPN." };
  const found = await findChild(ctx, query, VERBS.openStatus);
  return typeof found === "number" ? statusOf(ctx, found) : found;
}

export async function briefCommand(ctx: HandlerContext, query: string): Promise<Reply> {
  if (!query) return { text: "Which child's brief? Try “brief Jordan”." };
  const found = await findChild(ctx, query, VERBS.openBrief);
  return typeof found === "number" ? briefOf(ctx, found) : found;
}

/** A page of the caseload, most urgent first; "Show more" on the card asks for the next. */
export async function caseloadCommand(ctx: HandlerContext, page = 1): Promise<Reply> {
  const children = await ctx.services.children.caseloadPage(ctx.actor, { page, size: CASELOAD_CARD_LIMIT });
  if (children.total === 0) return { text: "You have no children on your caseload at the moment." };
  const title =
    ctx.actor.role === "designated_teacher"
      ? "Your pupils"
      : ctx.actor.role === "vsh"
        ? "The Virtual School"
        : ctx.actor.role === "iro"
          ? "Children whose reviews you chair"
          : "Your caseload";
  return { card: caseloadCard(caseloadView(title, children, ctx.links)) };
}
