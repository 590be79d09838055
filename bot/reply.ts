/**
 * What a handler answers: a sentence, a card, or both. Handlers, cards and core never
 * see botbuilder types; bot.ts turns a Reply into an activity.
 */

import type { AdaptiveCard } from "../cards/index.js";
import type { TabLinks } from "../cards/views/tab-links.js";
import type { Actor } from "../core/access/roles.js";
import type { Services } from "../core/services.js";

export type Reply = { text?: string; card?: AdaptiveCard };

/** What every handler is given for one turn. */
export type HandlerContext = {
  services: Services;
  actor: Actor;
  links: TabLinks;
  now: Date;
  /** The children in scope named by the turn's typed query, read ahead (find-child.ts namesAhead). */
  names?: NamesAhead;
};

/** Children in scope whose names match `query`, being read. */
export type NamesAhead = { query: string; found: Promise<{ id: number; firstName: string; lastName: string }[]> };

/** The one answer for "no such child" and "not yours": it must not reveal which. */
export const noChildFound = (query: string): Reply => ({
  text: `I couldn't find a child matching “${query}” among the children you work with.`,
});
