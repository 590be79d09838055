/**
 * status, brief and caseload: look a child up in the person's scope (a choice card when
 * several match), then answer with a card. Reads are audited by the core services.
 */
import { briefCard, caseloadCard, childChoiceCard, statusCard } from "../../cards/index.js";
import { VERBS } from "../../cards/verbs.js";
import { displayName } from "../../core/children/mentions.js";
import { type HandlerContext, noChildFound, type Reply } from "../reply.js";
import { briefView, caseloadView, statusView } from "../views.js";

type Verb = typeof VERBS.openStatus | typeof VERBS.openBrief;

/** One child, a choice, or nobody, for what the person typed (name words or a UPN). */
async function findChild(ctx: HandlerContext, query: string, verb: Verb): Promise<number | Reply> {
  // Not audited here: one match is audited by the status or brief read that follows,
  // several by recordShown below, before their names are shown.
  const { items } = await ctx.services.children.search(ctx.actor, { q: query, limit: 10, offset: 0 }, { audit: false });
  const exact = items.filter((c) => `${c.firstName} ${c.lastName}`.toLowerCase() === query.toLowerCase());
  const matches = exact.length === 1 ? exact : items;
  const [only] = matches;
  if (!only) return noChildFound(query);
  if (matches.length === 1) return only.id;
  await ctx.services.children.recordShown(
    ctx.actor,
    matches.map((c) => c.id),
  );
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
  const status = await ctx.services.children.status(ctx.actor, childId);
  return { card: statusCard(statusView(status.child, status, status.asOf, ctx.links)) };
}

export async function briefOf(ctx: HandlerContext, childId: number): Promise<Reply> {
  const brief = await ctx.services.children.brief(ctx.actor, childId);
  return { card: briefCard(briefView(brief.child, brief, ctx.links)) };
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

export async function caseloadCommand(ctx: HandlerContext): Promise<Reply> {
  const children = await ctx.services.children.caseload(ctx.actor);
  if (children.length === 0) return { text: "You have no children on your caseload at the moment." };
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
