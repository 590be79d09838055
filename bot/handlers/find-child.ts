/**
 * One child, several, or nobody (with the children the person may have meant) for a name
 * or UPN typed in chat, within the person's scope. Not audited here: one child is audited
 * by the read that follows; names shown in a choice or a "Did you mean …?" are audited
 * (recordShown) before they are shown; a name that finds nobody in scope but children
 * outside it is audited as refused for them (refusedByName), by id.
 */
import { answerCard } from "../../cards/index.js";
import { displayName } from "../../core/children/mentions.js";
import { closeMatches, isFullName, looksLikeUpn, matchesName } from "../name-match.js";
import { askAbout, type Topic } from "../questions.js";
import type { HandlerContext, NamesAhead, Reply } from "../reply.js";

export type FoundChild = { id: number; firstName: string; lastName: string; school: { name: string } | null };

export type Found =
  | { kind: "one"; child: { id: number; firstName: string; lastName: string } }
  | { kind: "many"; children: FoundChild[] }
  | { kind: "none"; suggestions: FoundChild[] };

/** Children in scope whose names match, read for a lookup (then filtered word by word). */
const NAME_MATCHES = 50;

/**
 * The names `query` finds in the person's scope, read now (beside the conversation's
 * dialog state, where the turn would otherwise read one and then the other). A read of
 * names audits nothing, so one that a dialog's answer leaves unused has recorded nothing.
 */
export function namesAhead(ctx: HandlerContext, query: string): NamesAhead {
  const found = ctx.services.children.namesMatching(ctx.actor, query, NAME_MATCHES);
  // Unused (a dialog took the message), its failure is nobody's; used, lookUpChild meets it.
  found.catch(() => undefined);
  return { query, found };
}

/** Children in scope read for suggestions: enough for any one person's caseload or school. */
const SUGGESTION_POOL = 500;

export async function lookUpChild(ctx: HandlerContext, query: string): Promise<Found> {
  const { children } = ctx.services;
  const search = (q: string | undefined, limit: number) =>
    children.search(ctx.actor, { q, limit, offset: 0 }, { audit: false }).then((r) => r.items);
  const upn = looksLikeUpn(query);
  // Names first (one query); the schools only when a choice will show them.
  const named = ctx.names?.query === query ? ctx.names.found : children.namesMatching(ctx.actor, query, NAME_MATCHES);
  const found = (await named).filter((c) => upn || matchesName(query, c));
  const exact = found.filter((c) => isFullName(query, c));
  const matches = (exact.length === 1 ? exact : found).slice(0, 10);
  const [only] = matches;
  if (only && matches.length === 1) return { kind: "one", child: only };
  if (matches.length > 1) {
    const schools = new Map((await search(query, 50)).map((c) => [c.id, c.school]));
    await children.recordShown(
      ctx.actor,
      matches.map((c) => c.id),
    );
    return { kind: "many", children: matches.map((c) => ({ ...c, school: schools.get(c.id) ?? null })) };
  }
  await children.refusedByName(ctx.actor, query);
  if (upn) return { kind: "none", suggestions: [] };
  const suggestions = closeMatches(query, await search(undefined, SUGGESTION_POOL));
  await children.recordShown(
    ctx.actor,
    suggestions.map((c) => c.id),
  );
  return { kind: "none", suggestions };
}

/** "Did you mean Amira K.?": each button asks the same question about one child, named in full. */
export function didYouMean(query: string, topic: Topic, suggestions: readonly FoundChild[]): Reply {
  const names = suggestions.map((c) => displayName(c));
  const answer = `I couldn't find “${query}” among the children you work with. Did you mean ${orList(names)}?`;
  return {
    card: answerCard({
      title: `Did you mean ${orList(names)}?`,
      answer,
      tone: "Default",
      facts: [],
      asks: suggestions.map((c) => ({
        title: c.school ? `${displayName(c)} – ${c.school.name}` : displayName(c),
        text: askAbout(topic, `${c.firstName} ${c.lastName}`),
      })),
      statusChildId: null,
      tabUrl: null,
    }),
  };
}

const orList = (items: readonly string[]) =>
  items.length <= 1 ? (items[0] ?? "") : `${items.slice(0, -1).join(", ")} or ${items.at(-1)}`;
