/**
 * The demo authority's people. Everyone signs in with an @demo.local e-mail; Teams
 * recognises them by aadObjectId, which is derived from the e-mail so a test or a demo
 * script can compute it without reading the database.
 */
import { createHash } from "node:crypto";
import type { Role } from "../../core/access/roles.js";
import { ADULT_FIRST_NAMES, SURNAMES } from "./names.js";
import type { Rng } from "./random.js";
import type { ProfessionalPlan, SchoolPlan } from "./types.js";

/** One sign-in per role, for the README and tests: `npm run token -- vsh@demo.local`. */
export const DEMO_SIGN_INS = {
  vsh: "vsh@demo.local",
  education_adviser: "ea1@demo.local",
  social_worker: "sw1@demo.local",
  designated_teacher: "dt1@demo.local",
  iro: "iro1@demo.local",
} as const satisfies Record<Role, string>;

export const SOCIAL_WORKER_COUNT = 12;
export const IRO_COUNT = 5;
export const EDUCATION_ADVISER_COUNT = 3;

const SOCIAL_WORKERS = [
  "Sam Patel",
  "Grace O'Neill",
  "Daniel Hughes",
  "Priya Sharma",
  "Tom Whitaker",
  "Nadia Begum",
  "Chris Lawson",
  "Fiona McKay",
  "Marcus Bell",
  "Aisha Rahman",
  "Owen Price",
  "Rachel Green",
];
const IROS = ["Margaret Ellis", "David Osei", "Sarah Lin", "Peter Walsh", "Joanne Clarke"];
/** Virtual School staff other than the Head: each quality-assures the PEPs of the children allocated to them. */
const EDUCATION_ADVISERS = ["Yasmin Cole", "Ben Adeyemi", "Laura Finch"];

/**
 * A stable UUID-shaped Entra object id for a demo e-mail (name-based, version 5 layout),
 * so the same person has the same id in every seeded database.
 */
export function demoAadObjectId(email: string): string {
  const hex = createHash("sha1").update(`virtual-school-demo:${email}`).digest("hex");
  const variant = ((Number.parseInt(hex.charAt(16), 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

const person = (name: string, email: string, role: Role, school: number | null = null): ProfessionalPlan => ({
  name,
  email,
  role,
  aadObjectId: demoAadObjectId(email),
  school,
});

export const socialWorkerEmail = (n: number): string => `sw${n}@demo.local`;
export const iroEmail = (n: number): string => `iro${n}@demo.local`;
export const educationAdviserEmail = (n: number): string => `ea${n}@demo.local`;
export const designatedTeacherEmail = (schoolIndex: number): string => `dt${schoolIndex + 1}@demo.local`;

/** Settings added after the schools: their leads come last among the people (see below). */
const LATER_SETTINGS: ReadonlySet<SchoolPlan["phase"]> = new Set(["nursery", "post16"]);

export function planProfessionals(rng: Rng, schools: readonly SchoolPlan[]): ProfessionalPlan[] {
  // Nurseries and colleges name a lead for looked-after children as a school names its
  // designated teacher, and the product gives them the same role.
  const teachers = schools.map((_, i) =>
    person(`${rng.pick(ADULT_FIRST_NAMES)} ${rng.pick(SURNAMES)}`, designatedTeacherEmail(i), "designated_teacher", i),
  );
  const later = (p: ProfessionalPlan) => p.school !== null && LATER_SETTINGS.has(schools[p.school]?.phase ?? "primary");
  return [
    person("Helen Akande", DEMO_SIGN_INS.vsh, "vsh"),
    ...SOCIAL_WORKERS.map((name, i) => person(name, socialWorkerEmail(i + 1), "social_worker")),
    ...teachers.filter((p) => !later(p)),
    ...IROS.map((name, i) => person(name, iroEmail(i + 1), "iro")),
    // Last, so adding them kept everyone else's id.
    ...EDUCATION_ADVISERS.map((name, i) => person(name, educationAdviserEmail(i + 1), "education_adviser")),
    ...teachers.filter(later),
  ];
}
