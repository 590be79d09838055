/**
 * Children in the caller's scope whose names match the words typed (or whose UPN is the
 * one typed), names only: the bot's lookup of "status Jordan Smith" on every turn that
 * names a child. One prepared statement per scope shape and number of words; the same
 * filter as the Prisma search (child-lookups.ts searchFilter): each word somewhere in
 * the first or last name, case ignored, and no escaping of LIKE's wildcards, as Prisma's
 * `contains` does not escape them either.
 */
import { childInScope, type ScopeShape, type ScopeValues } from "../access/scope.js";
import type { Engine } from "../platform/sql/index.js";
import { prepared } from "../platform/sql/prepared.js";

/** What a typed query asks for: an exact UPN, or up to four name words (none: everyone). */
export type NameSearch = { upn: string } | { words: readonly string[] };

const WORDS = ["w0", "w1", "w2", "w3"] as const;
type NamesArgs = ScopeValues & Record<(typeof WORDS)[number], string> & { upn: string; limit: number };
type Shape = `${ScopeShape}:${"upn" | 0 | 1 | 2 | 3 | 4}`;
export type ChildName = { id: number; firstName: string; lastName: string };

const namesQuery = prepared<NamesArgs, ChildName, Shape>((db, p, engine, shape) => {
  const [scope, terms] = shape.split(":") as [ScopeShape, string];
  let query = db
    .selectFrom("Child as c")
    .where(childInScope(scope, p))
    .select(["c.id", "c.firstName", "c.lastName"])
    .orderBy("c.lastName")
    .orderBy("c.firstName")
    .orderBy("c.id")
    .limit(p.limit);
  if (terms === "upn") return query.where("c.upn", "=", p.upn);
  for (const word of WORDS.slice(0, Number(terms))) {
    query = query.where((eb) =>
      eb.or([engine.likeAnyCase("c.firstName", eb.val(p[word])), engine.likeAnyCase("c.lastName", eb.val(p[word]))]),
    );
  }
  return query;
});

/** At most `limit` children in scope matching `search`, by surname, first name and id. */
export async function childNamesMatching(
  engine: Engine,
  shape: ScopeShape,
  scope: ScopeValues,
  search: NameSearch,
  limit: number,
): Promise<ChildName[]> {
  const words = "words" in search ? search.words.slice(0, WORDS.length) : [];
  const patterns = Object.fromEntries(WORDS.map((w, i) => [w, `%${words[i] ?? ""}%`])) as Record<
    (typeof WORDS)[number],
    string
  >;
  const terms = "upn" in search ? "upn" : words.length;
  const rows = await namesQuery(
    engine,
    { ...scope, ...patterns, upn: "upn" in search ? search.upn : "", limit },
    `${shape}:${terms}` as Shape,
  );
  return rows.map((r) => ({ id: Number(r.id), firstName: r.firstName, lastName: r.lastName }));
}
