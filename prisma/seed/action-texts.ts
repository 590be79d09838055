/**
 * What professionals write in the action log, by what the child's situation calls for.
 * `{day}` becomes a recent weekday ("Monday"). Each text reads as its category would be
 * guessed by core/actions/category.ts, so logged and seeded actions look alike.
 */
import type { ActionCategory } from "../../core/actions/category.js";

export type ActionText = readonly [ActionCategory, string];

export const ATTENDANCE_TEXTS: readonly ActionText[] = [
  ["attendance", "Rang carer about {day}'s absence; says migraine, will send a note"],
  ["attendance", "Asked the school to chase the unauthorised absence from {day}"],
  ["attendance", "Agreed an attendance support plan with the head of year"],
  ["contact_carer", "Foster carer to drive to school for the next fortnight"],
  ["attendance", "Checked the register: absent again {day} afternoon"],
];

export const PEP_TEXTS: readonly ActionText[] = [
  ["pep", "Chased the designated teacher for last term's PEP"],
  ["pep", "PEP meeting booked; PP+ request for tutoring to follow"],
  ["pep", "Sent PEP back to school: targets not SMART yet"],
];

export const NO_PLACE_TEXTS: readonly ActionText[] = [
  ["contact_school", "Asked the admissions team for an in-year school place near the new placement"],
  ["contact_social_worker", "Spoke to the social worker about an interim tuition package"],
  ["contact_school", "Emailed the school nearest the placement about a place"],
];

export const EXCLUSION_TEXTS: readonly ActionText[] = [
  ["exclusion", "Attended the reintegration meeting after the suspension"],
  ["exclusion", "Asked the school what work is being set during the suspension"],
];

export const SEN_TEXTS: readonly ActionText[] = [
  ["sen", "Sent EHCP annual review paperwork to the SENCo"],
  ["sen", "Educational psychologist assessment requested for next half-term"],
];

export const GENERAL_TEXTS: readonly ActionText[] = [
  ["meeting", "Met the child at school with the designated teacher; settled and positive"],
  ["contact_carer", "Spoke to carer: homework routine is going well"],
  ["contact_school", "Emailed school to share the new placement address"],
  ["contact_social_worker", "Updated the IRO before the review"],
  ["other", "Requested a laptop for home learning"],
  ["meeting", "Visited the placement with the virtual school officer"],
];

export const WEEKDAYS = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"] as const;
