/**
 * People answering an alert on its card: acknowledge, "in school / late", a reason (an
 * attendance code, saved to the register), snooze, log an action, or (social worker) ask
 * the school; on a PEP alert, "booked for" or "held on" a date; on a PEP's
 * quality-assurance card, a rating or a return for changes (both through the PEP
 * service). Only a recipient of the alert, or the VSH, may answer, and only while the
 * child is in their scope. Each answer is saved, written to the alert's history and the
 * audit log, and every sent copy of the card is queued for an update.
 */
import { z } from "zod";
import { createAuditLog } from "../access/audit.js";
import type { Actor } from "../access/roles.js";
import { childScope } from "../access/scope.js";
import type { ActionLogService } from "../actions/action-log.service.js";
import { inSchoolMarks } from "../attendance/attendance.today.js";
import { categoryOf, isUnexplained, normaliseAttendanceCode } from "../attendance/codes.js";
import { registersClosedAt } from "../attendance/registers.js";
import type { CalendarRepo } from "../calendar/calendar.repo.js";
import { addSchoolDays } from "../calendar/school-days.js";
import type { PepService } from "../peps/pep.service.js";
import type { Clock } from "../platform/clock.js";
import type { Db } from "../platform/db.js";
import { DomainError, forbidden, notFound } from "../platform/errors.js";
import type { Policy } from "../policy.js";
import type { AlertQueue } from "./queue.port.js";
import { PEP_DUE_RULES } from "./record-sync.js";

export type AlertAnswer =
  | { kind: "acknowledge" }
  | { kind: "present"; late: boolean }
  | { kind: "reason"; code: string }
  | { kind: "snooze"; days: number }
  | { kind: "log"; text: string }
  | { kind: "ask_school" }
  /** PEP alerts: the meeting is booked for `date`, or was held on it (recorded through the PEP service). */
  | { kind: "pep_booked"; date: string }
  | { kind: "pep_held"; date: string }
  /** The Virtual School's quality assurance of the PEP a QA card is about, or its return. */
  | { kind: "pep_qa"; rating: "green" | "amber" | "red"; comment?: string; criteria?: string[] }
  | { kind: "pep_return"; comment: string };

type PepAnswer = Extract<AlertAnswer, { kind: "pep_booked" | "pep_held" | "pep_qa" | "pep_return" }>;
const isPepAnswer = (a: AlertAnswer): a is PepAnswer =>
  a.kind === "pep_booked" || a.kind === "pep_held" || a.kind === "pep_qa" || a.kind === "pep_return";

const qaDetails = z.object({ pepId: z.number().int().positive() });

export const ATTENDANCE_RULES = new Set(["unexplained_absence_today", "missing_education"]);

/** Codes a DT may give as the reason for an absence: authorised absence and approved activity. */
export const REASON_CATEGORIES = new Set(["authorised", "approved_activity", "unable_to_attend"]);

type Deps = {
  db: Db;
  clock: Clock;
  calendars: CalendarRepo;
  actions: ActionLogService;
  queue: AlertQueue;
  peps: PepService;
  policy: Policy;
};

type Session = "AM" | "PM";

export function createAlertAnswers({ db, clock, calendars, actions, queue, peps, policy }: Deps) {
  const audit = createAuditLog(db);

  async function load(actor: Actor, alertId: number) {
    const alert = await db.alert.findFirst({
      where: { id: alertId, child: childScope(actor, clock.today()) },
      include: { deliveries: { select: { id: true, professionalId: true, status: true } } },
    });
    if (!alert) throw notFound("alert");
    const recipient = alert.deliveries.some((d) => d.professionalId === actor.id);
    if (!recipient && actor.role !== "vsh") throw forbidden("Only the people this alert was sent to can answer it.");
    return alert;
  }

  /** Today's two marks as stored (null: none). */
  async function marksToday(childId: number): Promise<{ am: string | null; pm: string | null }> {
    const rows = await db.attendanceMark.findMany({
      where: { childId, date: clock.today() },
      select: { session: true, code: true },
    });
    const code = (session: Session) => rows.find((r) => r.session === session)?.code ?? null;
    return { am: code("AM"), pm: code("PM") };
  }

  /** Writes each session's code to today's register. */
  async function mark(childId: number, codes: readonly [Session, string][]) {
    const today = clock.today();
    for (const [session, code] of codes) {
      await db.attendanceMark.upsert({
        where: { childId_date_session: { childId, date: today, session } },
        create: { childId, date: today, session, code },
        update: { code },
      });
    }
  }

  /** "In school" or late, as inSchoolMarks decides (attendance.today.ts); the code recorded in the history. */
  async function inSchool(childId: number, late: boolean): Promise<string> {
    const now = await marksToday(childId);
    const codes = inSchoolMarks(now, registersClosedAt(clock.now(), policy), late);
    await mark(childId, codes);
    return late ? "L" : (codes[0]?.[1] ?? "/");
  }

  /** A reason for the day: today's sessions still without one (G, N, O or no mark) get `code`. */
  async function reason(childId: number, code: string) {
    const now = await marksToday(childId);
    const open = (["AM", "PM"] as const).filter((session) => {
      const raw = session === "AM" ? now.am : now.pm;
      return raw === null || isUnexplained(normaliseAttendanceCode(raw));
    });
    await mark(
      childId,
      open.map((session): [Session, string] => [session, code]),
    );
  }

  /**
   * A PEP answer goes through the PEP service, which saves the PEP, writes the alert's
   * history, resolves what the record closes and queues the update of every sent copy.
   */
  async function answerPep(
    actor: Actor,
    alert: { id: number; childId: number; rule: string; status: string; details: string },
    answer: PepAnswer,
  ) {
    if (alert.status === "resolved") throw new DomainError("conflict", "This alert is already resolved.");
    let detail: string | null = null;
    if (answer.kind === "pep_booked" || answer.kind === "pep_held") {
      if (!PEP_DUE_RULES.has(alert.rule))
        throw new DomainError("validation", "This alert is not about a PEP that is due.");
      const status = answer.kind === "pep_booked" ? "booked" : "held";
      await peps.record(actor, alert.childId, { status, meetingDate: answer.date }, { answeringAlertId: alert.id });
      detail = answer.date;
    } else {
      if (alert.rule !== "pep_quality_assurance")
        throw new DomainError("validation", "This alert is not a PEP waiting for quality assurance.");
      const parsed = qaDetails.safeParse(JSON.parse(alert.details || "{}"));
      if (!parsed.success) throw notFound("PEP");
      const { pepId } = parsed.data;
      if (answer.kind === "pep_qa") {
        const { rating, comment, criteria } = answer;
        await peps.qualityAssure(actor, pepId, { rating, comment, criteria });
        detail = rating;
      } else {
        await peps.returnForChanges(actor, pepId, { comment: answer.comment });
      }
    }
    await audit.record(actor, "answer_alert", [alert.childId]);
    const now = await db.alert.findUniqueOrThrow({ where: { id: alert.id }, select: { status: true } });
    return { alertId: alert.id, status: now.status, action: answer.kind as string, detail };
  }

  return {
    /** Throws unless the actor may see (and so refresh) this alert's card. */
    async assertCanSee(actor: Actor, alertId: number): Promise<void> {
      await load(actor, alertId);
    },

    async answer(actor: Actor, alertId: number, answer: AlertAnswer) {
      const alert = await load(actor, alertId);
      if (isPepAnswer(answer)) return answerPep(actor, alert, answer);
      const attendance = ATTENDANCE_RULES.has(alert.rule);
      let status = alert.status;
      let detail: string | null = null;
      let action: string = answer.kind;
      switch (answer.kind) {
        case "acknowledge":
          status = "acknowledged";
          action = "acknowledged";
          break;
        case "present": {
          if (!attendance || actor.role !== "designated_teacher") throw forbidden("Only the school marks attendance.");
          detail = await inSchool(alert.childId, answer.late);
          status = "resolved";
          action = answer.late ? "late" : "present";
          break;
        }
        case "reason": {
          if (!attendance || actor.role !== "designated_teacher") throw forbidden("Only the school gives a reason.");
          const code = normaliseAttendanceCode(answer.code);
          if (!code || !REASON_CATEGORIES.has(categoryOf(code))) {
            throw new DomainError("validation", `“${answer.code}” is not a reason for absence.`, [
              { field: "code", message: "choose an authorised absence or approved activity code" },
            ]);
          }
          await reason(alert.childId, code);
          status = "resolved";
          detail = code;
          break;
        }
        case "snooze": {
          const until = addSchoolDays(await calendars.forAuthority(), clock.today(), answer.days) ?? clock.today();
          status = "snoozed";
          action = "snoozed";
          detail = until;
          await db.alert.update({ where: { id: alert.id }, data: { snoozedUntil: until } });
          break;
        }
        case "log":
          await actions.log(actor, alert.childId, { text: answer.text }, "card");
          action = "action_logged";
          if (status === "open") status = "acknowledged";
          break;
        case "ask_school":
          if (actor.role !== "social_worker" && actor.role !== "vsh") throw forbidden();
          action = "asked_school";
          break;
      }
      await db.$transaction([
        db.alert.update({
          where: { id: alert.id },
          data: { status, answeredAt: clock.now(), answeredById: actor.id, answer: action },
        }),
        db.alertEvent.create({
          data: { alertId: alert.id, professionalId: actor.id, action, detail, at: clock.now() },
        }),
      ]);
      await audit.record(actor, "answer_alert", [alert.childId]);
      await queue.updateCards(alert.deliveries.filter((d) => d.status === "sent").map((d) => d.id));
      return { alertId: alert.id, status, action, detail };
    },
  };
}
export type AlertAnswers = ReturnType<typeof createAlertAnswers>;
