/** "My caseload": everyone the person works with, most urgent first, with the bot's flags. */
import { api } from "../api.js";
import { h } from "../dom.js";
import { plural } from "../format.js";
import { badgeList, pageTitle } from "./parts.js";

/** @type {import("../app.js").View} */
export async function caseloadView() {
  /** @type {{ items: { id: number, firstName: string, lastName: string, school: { name: string } | null, badges: { text: string, severity: "red" | "amber" }[] }[] }} */
  const { items } = await api("GET", "/caseload");
  const title = "My caseload";
  if (items.length === 0) {
    return { title, nodes: [pageTitle(title), h("p", {}, "No children are allocated to you at the moment.")] };
  }
  const flagged = items.filter((c) => c.badges.length > 0).length;
  return {
    title,
    nodes: [
      pageTitle(title),
      h(
        "p",
        { class: "lead" },
        `${plural(items.length, "child", "children")}, most urgent first; ${flagged} with flags.`,
      ),
      h(
        "div",
        // Scrolls sideways on a narrow screen, so it takes focus for keyboard users.
        { class: "table-wrap", role: "region", "aria-label": "Caseload", tabindex: 0 },
        h(
          "table",
          { class: "caseload" },
          h("caption", { class: "visually-hidden" }, "Children you work with, their school and flags"),
          h(
            "thead",
            {},
            h(
              "tr",
              {},
              h("th", { scope: "col" }, "Name"),
              h("th", { scope: "col" }, "School"),
              h("th", { scope: "col" }, "Flags"),
            ),
          ),
          h(
            "tbody",
            {},
            ...items.map((child) =>
              h(
                "tr",
                {},
                h(
                  "th",
                  { scope: "row" },
                  h("a", { href: `#/children/${child.id}` }, `${child.firstName} ${child.lastName}`),
                ),
                h("td", {}, child.school ? child.school.name : h("span", { class: "muted" }, "No school place")),
                h("td", {}, badgeList(child.badges)),
              ),
            ),
          ),
        ),
      ),
    ],
  };
}
