/**
 * Addresses of the personal tab that cards link to: the bot's replies and the cards the
 * delivery jobs send both carry them (the worker builds them from PUBLIC_URL).
 */

/** Where the tab shows a child (and their PEP form); null when the tab's address is not configured. */
export type TabLinks = {
  child(childId: number): string | null;
  pep(childId: number): string | null;
  home(): string | null;
  /**
   * "Open in the tab" inside Teams: a deep link to the personal tab (the child's page as its
   * subEntityId), or the tab's web address when the Teams app id is not configured.
   */
  teams(childId?: number): string | null;
};

/** The personal tab's entityId in manifest/manifest.template.json. */
const TAB_ENTITY = "vs-home";

export const tabLinksFor = (publicUrl: string | undefined, teamsAppId?: string): TabLinks => {
  const tab = publicUrl ? `${publicUrl.replace(/\/$/, "")}/tab` : null;
  const child = (id: number) => (tab ? `${tab}#/children/${id}` : null);
  const deep = (id?: number) => {
    const base = `https://teams.microsoft.com/l/entity/${encodeURIComponent(teamsAppId ?? "")}/${TAB_ENTITY}`;
    if (id === undefined) return base;
    const context = JSON.stringify({ subEntityId: `children/${id}` });
    return `${base}?context=${encodeURIComponent(context)}`;
  };
  return {
    child,
    pep: (id) => (tab ? `${tab}#/children/${id}/pep` : null),
    home: () => tab,
    teams: (id) => (teamsAppId ? deep(id) : id === undefined ? tab : child(id)),
  };
};
