/**
 * The bot's status card reads the status and the team around the child with the child
 * found in scope once (children.statusWithTeam): the same answers as the two reads it
 * replaces, for every person and child, audited as both reads (the record's, then the
 * status), and nothing read or audited as read for a child outside the scope.
 */
import { describe, expect, it } from "vitest";
import type { Actor } from "../../core/access/roles.js";
import { auditAdded } from "../support/audit-rows.js";
import { PEOPLE } from "../support/factories.js";
import { useSmallAuthority } from "../support/small-authority.js";

const { t, f } = useSmallAuthority();
const services = () => t.runtime.services;
const actorOf = (email: string): Promise<Actor> => services().professionals.resolve({ email }, "bot");
const audited = (call: () => Promise<unknown>) =>
  auditAdded(t.database.db, call, { actorId: true, action: true, childId: true, outcome: true });

describe("children.statusWithTeam", () => {
  it("answers what status and team answer, for each person and each child they may see", async () => {
    let compared = 0;
    for (const who of ["vsh", "sw1", "dtA", "dtB", "iro1", "ea1"] as const) {
      const actor = await actorOf(PEOPLE[who]);
      for (const child of [f.jordan, f.amira, f.tyler, f.leah]) {
        const status = await services()
          .children.status(actor, child.id)
          .catch(() => null);
        if (!status) continue;
        const team = await services().team(actor, child.id);
        expect(await services().children.statusWithTeam(actor, child.id)).toEqual({ status, team });
        compared++;
      }
    }
    expect(compared).toBeGreaterThan(8);
  });

  it("names the child's school and its designated teacher, and is audited as the record's read, then the status's", async () => {
    const actor = await actorOf(PEOPLE.sw1);
    const answers: Awaited<ReturnType<ReturnType<typeof services>["children"]["statusWithTeam"]>>[] = [];
    const rows = await audited(async () => {
      answers.push(await services().children.statusWithTeam(actor, f.jordan.id));
    });
    expect(answers[0]?.team.school?.id).toBe(f.schoolA.id);
    expect(answers[0]?.team.designatedTeachers.map((d) => d.email)).toContain(PEOPLE.dtA);
    expect(rows).toEqual([
      { actorId: f.sw1.id, action: "read_child", childId: f.jordan.id, outcome: "allowed" },
      { actorId: f.sw1.id, action: "read_status", childId: f.jordan.id, outcome: "allowed" },
    ]);
  });

  it("a child outside the scope is not found, and nothing is audited as read", async () => {
    const actor = await actorOf(PEOPLE.sw2);
    const rows = await audited(async () => {
      await expect(services().children.statusWithTeam(actor, f.jordan.id)).rejects.toMatchObject({
        code: "not_found",
      });
    });
    expect(rows).toEqual([]);
  });
});
