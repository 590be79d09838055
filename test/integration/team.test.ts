/**
 * The team around a child (core/children/team.ts, one statement: team.sql.ts): the
 * active designated teachers of the school they are on roll at, by name, and the active
 * professionals allocated to them today, by role in the order allocated. Nobody whose
 * allocation ended before today or starts after it, and nobody inactive.
 */
import { describe, expect, it } from "vitest";
import type { Actor } from "../../core/access/roles.js";
import { PEOPLE } from "../support/factories.js";
import { useSmallAuthority } from "../support/small-authority.js";

const { t, f } = useSmallAuthority();
const services = () => t.runtime.services;
const actorOf = (email: string): Promise<Actor> => services().professionals.resolve({ email }, "bot");
const member = (email: string) => ({ name: email.split("@")[0], email });

describe("the team around a child", () => {
  it("names the active people of today only, teachers by name and allocations in the order made", async () => {
    const db = t.database.db;
    const add = (email: string, role: string, extra: { schoolId?: number; active?: boolean } = {}) =>
      db.professional.create({ data: { email, role, name: email.split("@")[0] ?? email, ...extra } });
    // Designated teachers at Jordan's school: one whose name sorts first, one who has left.
    await add("aaa.first@test.local", "designated_teacher", { schoolId: f.schoolA.id });
    await add("dt.left@test.local", "designated_teacher", { schoolId: f.schoolA.id, active: false });
    const iro2 = await add("iro2@test.local", "iro");
    const iroOld = await add("iro.old@test.local", "iro");
    const eaNext = await add("ea.next@test.local", "education_adviser");
    const gone = await db.professional.findUniqueOrThrow({ where: { email: PEOPLE.inactive } });
    const today = "2026-11-23";
    await db.allocation.createMany({
      data: [
        { childId: f.jordan.id, professionalId: iro2.id, role: "iro", fromDate: "2025-01-01", toDate: today },
        { childId: f.jordan.id, professionalId: iroOld.id, role: "iro", fromDate: "2024-01-01", toDate: "2026-11-22" },
        { childId: f.jordan.id, professionalId: eaNext.id, role: "education_adviser", fromDate: "2026-11-24" },
        { childId: f.jordan.id, professionalId: gone.id, role: "social_worker", fromDate: "2024-01-15" },
      ],
    });

    const team = await services().team(await actorOf(PEOPLE.vsh), f.jordan.id);

    expect(team).toEqual({
      child: { id: f.jordan.id, firstName: "Jordan", lastName: "Smith" },
      school: { id: f.schoolA.id, name: "Oakfield Primary" },
      designatedTeachers: [member("aaa.first@test.local"), member(PEOPLE.dtA)],
      socialWorkers: [member(PEOPLE.sw1)],
      iros: [member(PEOPLE.iro1), member("iro2@test.local")],
      educationAdvisers: [member(PEOPLE.ea1)],
    });
  });

  it("has no designated teachers for a child on no school's roll today", async () => {
    const team = await services().team(await actorOf(PEOPLE.vsh), f.leah.id);
    expect(team.school).toBeNull();
    expect(team.designatedTeachers).toEqual([]);
    expect(team.socialWorkers).toEqual([]);
  });
});
