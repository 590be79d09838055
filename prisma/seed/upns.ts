/**
 * UPNs as real returns carry them: mostly valid, UN1 for children under school age, UN2
 * for a child who has never attended school, a couple of temporary UPNs that lingered,
 * and three with a wrong check letter, kept with the reason (importers keep, never drop).
 */
import { makeUpn, validateUpn } from "../../core/children/upn.js";
import type { SeedContext } from "./context.js";
import type { Rng } from "./random.js";
import type { SeedChild } from "./traits.js";
import type { SchoolPlan } from "./types.js";

const CHECK_LETTERS = "ABCDEFGHJKLMNPQRTUVWXYZ";

export function assignUpns(rng: Rng, ctx: SeedContext, children: SeedChild[], schools: readonly SchoolPlan[]): void {
  // UPNs are issued by the first school a child attends; most started school in the area.
  const primaries = schools.filter((s) => !s.outOfArea && s.phase === "primary");
  for (const child of children) {
    const kind = child.traits.upn;
    if (kind === "UN1" || kind === "UN2") {
      child.upn = kind;
      continue;
    }
    const school = rng.pick(primaries);
    const startedSchool = (ctx.attendanceYear - Math.max(0, child.yearOffset)) % 100;
    const serial = kind === "temporary" ? `${String(child.index % 100).padStart(2, "0")}T` : child.index + 1;
    const upn = makeUpn(school.localAuthority, school.laestab.slice(3), startedSchool, serial);
    if (kind !== "wrong_check") {
      child.upn = upn;
      continue;
    }
    const right = CHECK_LETTERS.indexOf(upn.charAt(0));
    const wrong = `${CHECK_LETTERS.charAt((right + rng.int(1, 22)) % 23)}${upn.slice(1)}`;
    const check = validateUpn(wrong);
    child.upn = wrong;
    child.upnIssue = check.ok ? null : `${check.reason}.`;
  }
}
