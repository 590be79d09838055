/**
 * The children the demo script talks about. All are allocated to sw1, reviewed by iro1
 * and (except Tyler, who has no school) on roll at school 1, so each demo role sees them.
 */
import type { ChildPlan } from "./types.js";

export type NamedKey = "jordanSmith" | "jordanReid" | "amiraKhan" | "tylerBrooks" | "leahMorgan" | "kaiEvans";

export type NamedChild = {
  key: NamedKey;
  firstName: string;
  lastName: string;
  sex: ChildPlan["sex"];
  /** Year group in the seeded school year: 0 Reception … 13 Year 13. */
  yearOffset: number;
  senStatus: ChildPlan["senStatus"];
  legalStatus: string;
  /** Roughly how long they have been looked after. */
  daysInCare: number;
  /** What the child shows in a demo (README, tests). */
  demonstrates: string;
};

export const NAMED_CHILDREN: readonly NamedChild[] = [
  {
    key: "jordanSmith",
    firstName: "Jordan",
    lastName: "Smith",
    sex: "M",
    yearOffset: 9,
    senStatus: "sen_support",
    legalStatus: "C2",
    daysInCare: 1180,
    demonstrates: "persistent absence, and unexplained absence (N) today",
  },
  {
    key: "jordanReid",
    firstName: "Jordan",
    lastName: "Reid",
    sex: "F",
    yearOffset: 4,
    senStatus: "none",
    legalStatus: "C2",
    daysInCare: 590,
    demonstrates: "a second Jordan, so 'status Jordan' asks which one",
  },
  {
    key: "amiraKhan",
    firstName: "Amira",
    lastName: "Khan",
    sex: "F",
    yearOffset: 7,
    senStatus: "none",
    legalStatus: "V2",
    daysInCare: 900,
    demonstrates: "PEP overdue (last term's PEP still a draft)",
  },
  {
    key: "tylerBrooks",
    firstName: "Tyler",
    lastName: "Brooks",
    sex: "M",
    yearOffset: 8,
    senStatus: "sen_support",
    legalStatus: "C1",
    daysInCare: 0,
    demonstrates: "no school place (looked after 45 school days, never enrolled)",
  },
  {
    key: "leahMorgan",
    firstName: "Leah",
    lastName: "Morgan",
    sex: "F",
    yearOffset: 10,
    senStatus: "ehcp",
    legalStatus: "C2",
    daysInCare: 1800,
    demonstrates: "a suspension this term, still running today",
  },
  {
    key: "kaiEvans",
    firstName: "Kai",
    lastName: "Evans",
    sex: "M",
    yearOffset: 6,
    senStatus: "none",
    legalStatus: "E1",
    daysInCare: 1460,
    demonstrates: "all good: attendance, PEP and reviews on track",
  },
];

/** School days Tyler has been looked after without a school place. */
export const TYLER_SCHOOL_DAYS_IN_CARE = 45;
