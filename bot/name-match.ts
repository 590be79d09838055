/**
 * Which children a typed name means. The core search finds name words anywhere in a name
 * ("R" is in "Grant"), so "Callum R" would find Callum Grant: here every word the person
 * typed must start a first or last name (a single letter is an initial), so a surname or
 * initial that matches nobody is never dropped. Close misspellings ("Amria") are offered
 * as "Did you mean …?". Pure.
 */
import { distance } from "fastest-levenshtein";

type Named = { firstName: string; lastName: string };

const UPN_LIKE = /^[A-Z][0-9]{11}[0-9A-Z]$|^UN[1-5]$/i;

/** A UPN is matched exactly by the core search; the words rule is for names. */
export const looksLikeUpn = (query: string): boolean => UPN_LIKE.test(query.trim());

const fold = (s: string) => s.normalize("NFD").replace(/\p{M}/gu, "").toLowerCase().replace(/[’]/g, "'");

/** The parts of a name a word may start: "Mary-Jane" is "mary-jane", "mary" and "jane". */
function parts(child: Named): string[] {
  const names = [child.firstName, child.lastName].map(fold);
  return [...names, ...names.flatMap((n) => n.split(/[\s-]+/))].filter(Boolean);
}

const queryWords = (query: string) =>
  fold(query)
    .split(/\s+/)
    .map((w) => w.replace(/\.$/, ""))
    .filter(Boolean);

/** Every typed word starts a part of the child's name (a single letter: an initial). */
export function matchesName(query: string, child: Named): boolean {
  const names = parts(child);
  return queryWords(query).every((w) => names.some((n) => n.startsWith(w)));
}

/** The typed words are the child's first and last name, exactly. */
export function isFullName(query: string, child: Named): boolean {
  return fold(query).replace(/\s+/g, " ").trim() === fold(`${child.firstName} ${child.lastName}`);
}

/** A typed word close to a name word, or to its start: one typo in short words, two in longer ones. */
function close(word: string, name: string): boolean {
  if (word.length < 3) return name.startsWith(word);
  const allowed = word.length >= 5 ? 2 : 1;
  return distance(word, name) <= allowed || distance(word, name.slice(0, word.length)) <= allowed;
}

/**
 * Children the person may have meant: each typed word close to a part of the name, or the
 * first name right and the rest wrong ("Callum R" when only Callum Grant exists). Best first.
 */
export function closeMatches<T extends Named>(query: string, children: readonly T[], max = 4): T[] {
  const words = queryWords(query);
  if (words.length === 0) return [];
  const scored = children.flatMap((child) => {
    const names = parts(child);
    const typos = words.filter((w) => !names.some((n) => n.startsWith(w)));
    const allClose = words.every((w) => names.some((n) => n.startsWith(w) || close(w, n)));
    const firstNameRight = words.length > 1 && fold(child.firstName).startsWith(words[0] ?? "");
    if (!allClose && !firstNameRight) return [];
    const cost = allClose
      ? typos.reduce((n, w) => n + Math.min(...names.map((p) => distance(w, p.slice(0, Math.max(w.length, 1))))), 0)
      : 10;
    return [{ child, cost }];
  });
  return scored
    .sort((a, b) => a.cost - b.cost)
    .slice(0, max)
    .map((s) => s.child);
}
