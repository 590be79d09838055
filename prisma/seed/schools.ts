/**
 * 45 schools and settings: most in the authority, 10 out of area (children placed in
 * other authorities still belong to this Virtual School). School 1 is an all-through
 * academy so the named demo children of every age can share one designated teacher
 * (dt1). Nursery schools take the 3- and 4-year-olds, colleges most 16- and 17-year-olds
 * (the rest stay in school sixth forms, or are not in education). The settings come last
 * in the list, so the schools before them keep their places and numbers.
 */
import { SCHOOL_STEMS } from "./names.js";
import type { Rng } from "./random.js";
import type { SchoolPhase, SchoolPlan } from "./types.js";

type Slot = { phase: SchoolPhase; count: number; outOfArea: boolean };

const LAYOUT: readonly Slot[] = [
  { phase: "all_through", count: 1, outOfArea: false },
  { phase: "primary", count: 16, outOfArea: false },
  { phase: "secondary", count: 8, outOfArea: false },
  { phase: "all_through", count: 2, outOfArea: false },
  { phase: "special", count: 3, outOfArea: false },
  { phase: "alternative_provision", count: 2, outOfArea: false },
  { phase: "primary", count: 4, outOfArea: true },
  { phase: "secondary", count: 3, outOfArea: true },
  { phase: "special", count: 1, outOfArea: true },
  { phase: "nursery", count: 2, outOfArea: false },
  { phase: "post16", count: 1, outOfArea: false },
  { phase: "nursery", count: 1, outOfArea: true },
  { phase: "post16", count: 1, outOfArea: true },
];

const SUFFIXES: Record<SchoolPhase, readonly string[]> = {
  primary: ["Primary School", "Primary Academy", "CE Primary School", "Infant and Junior School"],
  secondary: ["Academy", "High School", "School", "Community College"],
  all_through: ["Academy", "All-Through School"],
  special: ["Special School", "Academy"],
  alternative_provision: ["Pupil Referral Unit", "Learning Centre"],
  nursery: ["Nursery School", "Early Years Centre"],
  post16: ["College", "Sixth Form College"],
};

/**
 * DfE establishment number ranges: 10xx nursery schools, 11xx PRUs, 2xxx primary, 4xxx
 * secondary, 7xxx special; colleges take a range of the demo's own.
 */
const ESTAB_BASE: Record<SchoolPhase, number> = {
  nursery: 1000,
  alternative_provision: 1100,
  primary: 2000,
  secondary: 4000,
  all_through: 4600,
  special: 7000,
  post16: 8000,
};

/** Neighbouring authorities for out-of-area schools (any 3-digit codes but the home one). */
const OTHER_LAS = ["886", "855", "340", "937"];

/** The three authorities the out-of-area schools sit in, by turns (calendar.ts loads the first two's dates). */
export const neighbouringAuthorities = (laCode: string): string[] =>
  OTHER_LAS.filter((la) => la !== laCode).slice(0, 3);

export function planSchools(rng: Rng, laCode: string): SchoolPlan[] {
  const others = neighbouringAuthorities(laCode);
  const usedUrns = new Set<string>();
  const nextEstab = new Map<string, number>();
  const schools: SchoolPlan[] = [];
  let outIndex = 0;
  for (const slot of LAYOUT) {
    for (let n = 0; n < slot.count; n++) {
      const i = schools.length;
      const suffixes = SUFFIXES[slot.phase];
      const suffix = suffixes[i % suffixes.length] ?? "School";
      const la = slot.outOfArea ? (others[outIndex++ % others.length] ?? "886") : laCode;
      const estabKey = `${la}:${slot.phase}`;
      const estab = (nextEstab.get(estabKey) ?? ESTAB_BASE[slot.phase]) + rng.int(1, 40);
      nextEstab.set(estabKey, estab);
      schools.push({
        urn: uniqueUrn(rng, usedUrns, suffix.includes("Academy")),
        laestab: `${la}${estab}`,
        name: `${SCHOOL_STEMS[i] ?? `School ${i + 1}`} ${suffix}`,
        phase: slot.phase,
        localAuthority: la,
        outOfArea: slot.outOfArea,
      });
    }
  }
  return schools;
}

/** Academies have 14xxxx URNs, maintained schools 10xxxx–13xxxx. */
function uniqueUrn(rng: Rng, used: Set<string>, academy: boolean): string {
  for (;;) {
    const urn = String(academy ? rng.int(140_000, 149_999) : rng.int(100_000, 139_999));
    if (!used.has(urn)) {
      used.add(urn);
      return urn;
    }
  }
}

/**
 * Which school phases take a child in year group offset `year` (-1 = nursery, 0 =
 * Reception, 7 = Year 7); from Year 12, `college` asks for a college rather than a sixth form.
 */
export function phasesFor(year: number, college = false): SchoolPhase[] {
  if (year < 0) return ["nursery"];
  if (year >= 12 && college) return ["post16"];
  return year <= 6 ? ["primary", "all_through", "special"] : ["secondary", "all_through", "special"];
}
