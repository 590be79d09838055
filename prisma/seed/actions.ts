/**
 * Recent entries in the action log for about 100 children, written by their social
 * worker or their school's designated teacher, some with a follow-up due next week.
 * Times are fixed (derived from `today`), never "now", so the seed is reproducible.
 */
import { addWorkingDays } from "../../core/calendar/school-days.js";
import { addDays, dayOfWeek, type IsoDate } from "../../core/platform/dates.js";
import {
  type ActionText,
  ATTENDANCE_TEXTS,
  EXCLUSION_TEXTS,
  GENERAL_TEXTS,
  NO_PLACE_TEXTS,
  PEP_TEXTS,
  SEN_TEXTS,
  WEEKDAYS,
} from "./action-texts.js";
import type { SeedContext } from "./context.js";
import { designatedTeacherEmail } from "./professionals.js";
import type { Rng } from "./random.js";
import type { SeedChild } from "./traits.js";
import type { ActionPlan, AllocationPlan, EnrolmentPlan } from "./types.js";

const TARGET_CHILDREN = 100;

/** The texts that fit the child's situation, most pressing first. */
function textsFor(child: SeedChild): readonly ActionText[] {
  const t = child.traits;
  if (t.noPlace) return NO_PLACE_TEXTS;
  if (t.suspensions.length > 0) return [...EXCLUSION_TEXTS, ...ATTENDANCE_TEXTS.slice(0, 1)];
  if (t.attendance !== "good" || (t.todayMark && t.todayMark !== "U")) return ATTENDANCE_TEXTS;
  if (t.pepOverdue) return PEP_TEXTS;
  if (child.senStatus === "ehcp") return [...SEN_TEXTS, ...GENERAL_TEXTS];
  return GENERAL_TEXTS;
}

/** Concerned children first, then others, to about 100 children. */
function chooseChildren(rng: Rng, children: readonly SeedChild[]): SeedChild[] {
  const concern = (c: SeedChild) => c.named !== null || textsFor(c) !== GENERAL_TEXTS;
  const chosen = children.filter(concern);
  // The recent entries are about children still in care.
  const rest = rng.shuffle(
    children.filter((c) => !concern(c) && !c.traits.recentEntrant && c.traits.care !== "left_care"),
  );
  return [...chosen, ...rest.slice(0, Math.max(0, TARGET_CHILDREN - chosen.length))];
}

export function planActions(
  rng: Rng,
  ctx: SeedContext,
  children: readonly SeedChild[],
  allocations: readonly AllocationPlan[],
  enrolments: readonly EnrolmentPlan[],
): ActionPlan[] {
  const out: ActionPlan[] = [];
  for (const child of chooseChildren(rng, children)) {
    const socialWorker = allocations.find((a) => a.child === child.index && a.role === "social_worker")?.email;
    const school = enrolments.find((e) => e.child === child.index && e.toDate === null)?.school;
    const texts = textsFor(child);
    const count = child.traits.exemplary ? 1 : rng.int(1, 3);
    for (let k = 0; k < count && socialWorker; k++) {
      const on = addWorkingDays(ctx.today, -rng.int(1, 8), ctx.bankHolidays);
      if (on < child.lookedAfterSince) continue;
      const [category, text] = child.traits.exemplary ? (GENERAL_TEXTS[0] as ActionText) : rng.pick(texts);
      const byTeacher = school !== undefined && rng.chance(0.35);
      out.push({
        child: child.index,
        email: byTeacher ? designatedTeacherEmail(school) : socialWorker,
        at: at(on, rng.int(8 * 60, 17 * 60 + 30)),
        text: text.replace("{day}", WEEKDAYS[dayOfWeek(addWorkingDays(on, -1, ctx.bankHolidays))] ?? "Monday"),
        category,
        followUpDate: rng.chance(0.35) ? addDays(ctx.today, rng.int(1, 7)) : null,
        source: rng.weighted([
          ["bot", 50],
          ["api", 30],
          ["tab", 20],
        ] as const),
      });
    }
  }
  return out;
}

/** A fixed instant on `date`, `minutes` after midnight UTC. */
function at(date: IsoDate, minutes: number): Date {
  const hh = String(Math.floor(minutes / 60)).padStart(2, "0");
  const mm = String(minutes % 60).padStart(2, "0");
  return new Date(`${date}T${hh}:${mm}:00.000Z`);
}
