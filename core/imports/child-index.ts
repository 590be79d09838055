/**
 * Finding a child named in a school's file: by the authority's local id or by UPN, read
 * once into memory (a daily feed names each child hundreds of times). A UPN two children
 * share cannot say which is meant, so it is refused with a sentence saying so.
 */
import type { ImportDb } from "./sql.js";

export type ChildLookup = { id: number } | { problem: string };

export async function loadChildIndex(db: ImportDb) {
  const byLocalId = new Map<string, number>();
  const byUpn = new Map<string, number | "shared">();
  const answers = new Map<string, ChildLookup>();
  for (const c of await db.all<{ id: number; localId: string; upn: string | null }>(
    `SELECT "id", "localId", "upn" FROM "Child"`,
  )) {
    byLocalId.set(c.localId, c.id);
    if (!c.upn) continue;
    const upn = c.upn.toUpperCase();
    byUpn.set(upn, byUpn.has(upn) ? "shared" : c.id);
  }
  return {
    find(ref: string): ChildLookup {
      // A feed names the same children over and over: answer each reference once.
      const known = answers.get(ref);
      if (known) return known;
      const answer = lookUp(ref);
      answers.set(ref, answer);
      return answer;
    },
  };
  function lookUp(ref: string): ChildLookup {
    const local = byLocalId.get(ref);
    if (local !== undefined) return { id: local };
    const byPupil = byUpn.get(ref.toUpperCase());
    if (byPupil === "shared") return { problem: "is the UPN of more than one child: use the local id instead" };
    if (byPupil !== undefined) return { id: byPupil };
    return { problem: "matches no child's local id or UPN" };
  }
}
export type ChildIndex = Awaited<ReturnType<typeof loadChildIndex>>;
