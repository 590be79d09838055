/**
 * Finding children: by name words or UPN, by id, or as mentioned in a sentence. Always
 * within the caller's scope, and audited when names are shown. A child asked for by name
 * outside the scope is not found, and the asking is audited as refused (as the API audits
 * a child's id out of scope), by id only.
 */
import type { AuditLog } from "../access/audit.js";
import type { Actor } from "../access/roles.js";
import { activeOn, childScope, scopeShape, scopeValues } from "../access/scope.js";
import type { Clock } from "../platform/clock.js";
import { containsAnyCase, type Db, type Prisma } from "../platform/db.js";
import { notFound } from "../platform/errors.js";
import { sqlOf } from "../platform/sql/index.js";
import type { ChildSearch } from "./child.schema.js";
import { childNamesMatching, type NameSearch } from "./child-names.sql.js";
import { childrenMentioned } from "./mentions.js";

const UPN_LIKE = /^[A-Z][0-9]{11}[0-9A-Z]$|^UN[1-5]$/;

/** What `q` asks for: a UPN (exactly), or name words that must each match a first or last name. */
function nameSearch(q: string | undefined): NameSearch {
  const upper = (q ?? "").toUpperCase();
  return q && UPN_LIKE.test(upper) ? { upn: upper } : { words: q ? nameWords(q) : [] };
}

function searchFilter(db: Db, q: string | undefined): Prisma.ChildWhereInput {
  const search = nameSearch(q);
  if ("upn" in search) return { upn: search.upn };
  return {
    AND: search.words.map((w) => ({
      OR: [{ firstName: containsAnyCase(db, w) }, { lastName: containsAnyCase(db, w) }],
    })),
  };
}

const nameWords = (q: string) => q.split(/\s+/).filter(Boolean).slice(0, 4);

/** Children outside the scope a name refusal names at most (a common surname typed alone). */
const REFUSED_BY_NAME = 10;

export function createChildLookups({ db, clock, audit }: { db: Db; clock: Clock; audit: AuditLog }) {
  return {
    /**
     * Children in the caller's scope matching `q` (name words or a UPN), by surname.
     * `audit: false` is for a lookup whose result is shown only through another audited
     * read (the bot's "status Jordan" finding one child); the caller must then audit any
     * names it does show (`recordShown`).
     */
    async search(actor: Actor, { q, limit, offset }: ChildSearch, { audit: auditIt = true } = {}) {
      const today = clock.today();
      const where = { AND: [childScope(actor, today), searchFilter(db, q)] };
      const rows = await db.child.findMany({
        where,
        orderBy: [{ lastName: "asc" }, { firstName: "asc" }, { id: "asc" }],
        skip: offset,
        take: limit,
        select: {
          id: true,
          localId: true,
          firstName: true,
          lastName: true,
          senStatus: true,
          enrolments: {
            where: activeOn(today),
            select: { school: { select: { id: true, name: true } } },
            take: 1,
          },
        },
      });
      // A first page that is not full is the whole answer: no need to count.
      const total = offset === 0 && rows.length < limit ? rows.length : await db.child.count({ where });
      if (auditIt)
        await audit.record(
          actor,
          "search",
          rows.map((r) => r.id),
        );
      const items = rows.map(({ enrolments, ...child }) => ({ ...child, school: enrolments[0]?.school ?? null }));
      return { items, total, limit, offset };
    },

    /**
     * `search`'s first page, names only and not audited: one prepared statement
     * (child-names.sql.ts) where `search` makes three Prisma queries (the schools come with
     * their own), for the bot's lookup of a typed name, which usually finds one child (the
     * read that follows audits it; `recordShown` any others).
     */
    async namesMatching(actor: Actor, q: string, limit: number) {
      const scope = scopeValues(actor, clock.today());
      return childNamesMatching(sqlOf(db), scopeShape(actor.role), scope, nameSearch(q), limit);
    },

    /**
     * A name (or UPN) the caller asked for that found no child in their scope: audits the
     * children outside it who answer to every word of it (whole names, or the UPN) as a
     * refused access, by id. Nothing about them is returned. Returns how many were named.
     */
    async refusedByName(actor: Actor, q: string): Promise<number> {
      const query = q.trim();
      // The Head's scope is every child: nobody is outside it.
      if (!query || actor.role === "vsh") return 0;
      const today = clock.today();
      const candidates = await db.child.findMany({
        where: { AND: [searchFilter(db, query), { NOT: childScope(actor, today) }] },
        orderBy: { id: "asc" },
        take: 50,
        select: { id: true, firstName: true, lastName: true, upn: true },
      });
      const words = nameWords(query.toLowerCase());
      const names = (c: { firstName: string; lastName: string }) =>
        new Set(`${c.firstName} ${c.lastName}`.toLowerCase().split(/\s+/));
      const asked = candidates
        .filter((c) => c.upn === query.toUpperCase() || words.every((w) => names(c).has(w)))
        .slice(0, REFUSED_BY_NAME)
        .map((c) => c.id);
      await audit.record(actor, "access", asked, { outcome: "refused" });
      return asked.length;
    },

    /** Audits names shown in a list the caller built from an unaudited lookup. */
    async recordShown(actor: Actor, childIds: readonly number[]): Promise<void> {
      await audit.record(actor, "search", childIds);
    },

    /**
     * A child's name, if the child is in the caller's scope (for the choices and confirmations
     * a card's button names by id). An id outside the scope is audited as refused.
     */
    async named(actor: Actor, id: number) {
      const child = await db.child.findFirst({
        where: { AND: [{ id }, childScope(actor, clock.today())] },
        select: { id: true, firstName: true, lastName: true },
      });
      if (child) await audit.record(actor, "search", [child.id]);
      else await audit.record(actor, "access", [id], { outcome: "refused" });
      return child;
    },

    /** Children in scope named in a sentence ("rang carer about Jordan's absence"). */
    async mentionedIn(actor: Actor, text: string) {
      const words = [...new Set(text.match(/[\p{L}][\p{L}'’-]{2,}/gu) ?? [])].slice(0, 12);
      if (words.length === 0) return [];
      const nameLike = words.map((w) => w.replace(/['’]s?$/u, ""));
      const candidates = await db.child.findMany({
        where: {
          AND: [
            childScope(actor, clock.today()),
            {
              OR: nameLike.flatMap((w) => [
                { firstName: containsAnyCase(db, w) },
                { lastName: containsAnyCase(db, w) },
              ]),
            },
          ],
        },
        select: { id: true, firstName: true, lastName: true },
        take: 200,
      });
      const mentioned = childrenMentioned(text, candidates);
      await audit.record(
        actor,
        "search",
        mentioned.map((c) => c.id),
      );
      return mentioned;
    },

    /** Throws not found unless the child is in the caller's scope (for writes about a child). */
    async assertInScope(actor: Actor, id: number): Promise<void> {
      const found = await db.child.count({ where: { AND: [{ id }, childScope(actor, clock.today())] } });
      if (found === 0) throw notFound("child");
    },
  };
}
