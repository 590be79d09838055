/**
 * The bot's name lookup (children.namesMatching: one statement of the SQL layer,
 * child-names.sql.ts) finds exactly the children, in the same order, as the API's search
 * (Prisma), for every person and every kind of query: words in any case, several words, a
 * UPN, nothing typed, and LIKE's wildcards (which neither escapes).
 */
import { describe, expect, it } from "vitest";
import type { Actor } from "../../core/access/roles.js";
import { makeUpn } from "../../core/children/upn.js";
import { TEST_ENGINE } from "../support/db.js";
import { PEOPLE } from "../support/factories.js";
import { useSmallAuthority } from "../support/small-authority.js";

const { t, f } = useSmallAuthority();
const children = () => t.runtime.services.children;
const actorOf = (email: string): Promise<Actor> => t.runtime.services.professionals.resolve({ email }, "bot");

describe("children.namesMatching", () => {
  it("finds what the search finds, in its order, for every person and query", async () => {
    const db = t.database.db;
    const more = [
      ["Jo_anne", "Smithson"],
      ["Mary", "O'Brien"],
      ["Ann", "SMITH"],
      ["Percy", "Fifty%"],
    ] as const;
    for (const [i, [firstName, lastName]] of more.entries()) {
      const child = await db.child.create({
        data: {
          localId: `N${i}`,
          firstName,
          lastName,
          dateOfBirth: "2015-05-01",
          placingAuthority: "999",
          upn: makeUpn("999", "2001", "15", 50 + i),
        },
      });
      await db.enrolment.create({ data: { childId: child.id, schoolId: f.schoolA.id, fromDate: "2022-09-01" } });
    }
    const jordan = await db.child.findUniqueOrThrow({ where: { id: f.jordan.id } });
    const queries = [
      "jordan",
      "JORDAN SMITH",
      "smith",
      "mIth",
      "o'brien",
      "jo an",
      "a",
      "_",
      "%",
      "jo_",
      "nobody here",
      "",
      "a b c d e",
      jordan.upn ?? "",
      (jordan.upn ?? "").toLowerCase(),
    ];
    let found = 0;
    for (const who of ["vsh", "sw1", "sw2", "dtA", "dtB", "iro1", "ea1", "dtNoSchool"] as const) {
      const actor = await actorOf(PEOPLE[who]);
      for (const q of queries) {
        const bySearch = (await children().search(actor, { q, limit: 50, offset: 0 }, { audit: false })).items.map(
          ({ id, firstName, lastName }) => ({ id, firstName, lastName }),
        );
        const byName = await children().namesMatching(actor, q, 50);
        expect(byName, `${who} "${q}"`).toEqual(bySearch);
        found += byName.length;
      }
    }
    // Not a comparison of empty lists.
    expect(found).toBeGreaterThan(60);
  });

  it("stops at the limit, the first by surname", async () => {
    const vsh = await actorOf(PEOPLE.vsh);
    const all = await children().namesMatching(vsh, "", 50);
    expect(all.length).toBeGreaterThan(3);
    expect(await children().namesMatching(vsh, "", 2)).toEqual(all.slice(0, 2));
  });

  it.skipIf(TEST_ENGINE !== "postgres")(
    "on PostgreSQL, a name is looked up through the trigram indexes, not by reading every child",
    async () => {
      const db = t.database.db;
      // A handful of children: the planner would scan them anyway, so the scan is ruled out
      // to ask whether the indexes can answer ILIKE '%word%' at all.
      const [, plan] = await db.$transaction([
        db.$executeRawUnsafe("SET LOCAL enable_seqscan = off"),
        db.$queryRawUnsafe<{ "QUERY PLAN": string }[]>(
          `EXPLAIN SELECT "id" FROM "Child" WHERE "firstName" ILIKE $1 OR "lastName" ILIKE $1`,
          "%ordan%",
        ),
      ]);
      const text = plan.map((row) => row["QUERY PLAN"]).join("\n");
      expect(text).toContain("Child_firstName_trgm_idx");
      expect(text).toContain("Child_lastName_trgm_idx");
    },
  );
});
