/**
 * Which children a sentence mentions ("rang carer about Jordan's absence"), among the
 * children the speaker may see. Pure; names are compared without case or accents, and
 * possessives ("Jordan's") count as the name.
 */
export type NamedChild = { id: number; firstName: string; lastName: string };

const fold = (s: string) => s.normalize("NFD").replace(/\p{M}/gu, "").toLowerCase();

function words(text: string): string[] {
  return (fold(text).match(/[\p{L}][\p{L}'’-]*/gu) ?? []).map((w) => w.replace(/['’]s?$/u, ""));
}

/**
 * Children named in `text`. A full name ("Jordan Smith") wins over a first name alone;
 * a first or last name alone returns every child who has it, so the caller can ask
 * which one is meant.
 */
export function childrenMentioned<T extends NamedChild>(text: string, children: readonly T[]): T[] {
  const said = words(text);
  const saidSet = new Set(said);
  const pairs = new Set(said.slice(1).map((w, i) => `${said[i]} ${w}`));
  const full = children.filter((c) => pairs.has(`${fold(c.firstName)} ${fold(c.lastName)}`));
  if (full.length > 0) return full;
  return children.filter((c) => saidSet.has(fold(c.firstName)) || saidSet.has(fold(c.lastName)));
}

/** "Sam P." from a full name ("Sam Patel"): how alert histories and digests name a professional. */
export function displayNameOf(fullName: string): string {
  const [firstName = fullName, ...rest] = fullName.split(" ");
  return displayName({ firstName, lastName: rest.join(" ") });
}

/** "Jordan S.": how chat cards name a child. */
export function displayName(child: { firstName: string; lastName: string }): string {
  const initial = child.lastName.trim().charAt(0).toUpperCase();
  return initial ? `${child.firstName.trim()} ${initial}.` : child.firstName.trim();
}
