/**
 * Care placements (SSDA903 PLACE codes). Each child has a current placement; some moved
 * before it. About one in five lives outside the authority, and the child without a
 * school place who moved out of area shows why that matters. A child who has left care
 * has a last placement that ended the day care did.
 */

import { ageOn } from "../../core/peps/pep.rules.js";
import { addDays, daysBetween, type IsoDate } from "../../core/platform/dates.js";
import type { SeedContext } from "./context.js";
import { NO_PLACE_SCHOOL_DAYS } from "./enrolments.js";
import type { Rng } from "./random.js";
import type { SeedChild } from "./traits.js";
import type { EnrolmentPlan, PlacementPlan } from "./types.js";

type Weights = readonly (readonly [string, number])[];

/** U1–U6 foster care (U1–U3 with relatives or friends), K2 children's home, R1 residential care home, P1 with parents. */
const UNDER_16: Weights = [
  ["U4", 18],
  ["U6", 30],
  ["U1", 8],
  ["U3", 8],
  ["U5", 6],
  ["K2", 10],
  ["R1", 3],
  ["P1", 4],
];
/** H5: semi-independent living, for 16- and 17-year-olds. */
const OVER_16: Weights = [...UNDER_16, ["H5", 10]];

/** Ofsted registers children's homes and supported accommodation with SC-prefixed URNs. */
const needsUrn = (code: string) => code === "K2" || code === "R1" || code === "H5";

export function planPlacements(
  rng: Rng,
  ctx: SeedContext,
  children: readonly SeedChild[],
  enrolments: readonly EnrolmentPlan[],
): PlacementPlan[] {
  const out: PlacementPlan[] = [];
  const place = (child: SeedChild, fromDate: IsoDate, toDate: IsoDate | null, outOfArea: boolean) => {
    const code = rng.weighted(ageOn(child.dateOfBirth, ctx.today) >= 16 ? OVER_16 : UNDER_16);
    out.push({
      child: child.index,
      placementType: child.named === "tylerBrooks" ? "U6" : code,
      fromDate,
      toDate,
      outOfArea,
      placementUrn: needsUrn(code) && child.named !== "tylerBrooks" ? `SC${rng.int(380_000, 999_999)}` : null,
    });
  };
  for (const child of children) {
    const since = child.lookedAfterSince;
    const ended = child.ceasedLookedAfter;
    const inCare = daysBetween(since, ended ?? ctx.today);
    let currentFrom = since;
    if (child.traits.noPlace === "ended") {
      // The move out of area is what cost the school place.
      const lostPlace =
        enrolments.find((e) => e.child === child.index)?.toDate ?? addDays(ctx.today, -NO_PLACE_SCHOOL_DAYS);
      currentFrom = addDays(lostPlace, -rng.int(0, 10));
    } else if (!child.named && inCare > 120 && rng.chance(0.5)) {
      currentFrom = addDays(since, rng.int(60, inCare - 30));
    }
    if (currentFrom < since) currentFrom = since;
    if (currentFrom > since) {
      // One or two earlier placements fill the time before the current one.
      const split =
        inCare > 400 && rng.chance(0.4) ? addDays(since, Math.floor(daysBetween(since, currentFrom) / 2)) : null;
      if (split) place(child, since, addDays(split, -1), rng.chance(0.15));
      place(child, split ?? since, addDays(currentFrom, -1), rng.chance(0.15));
    }
    place(child, currentFrom, ended, child.traits.placedOutOfArea);
  }
  return out;
}
