/**
 * People answering an alert on its card: acknowledge, "in school / late", a reason (an
 * attendance code; both saved to the register of the day the alert is about, once its
 * register has closed), snooze, log an action, or (social worker) ask
 * the school; on a PEP alert, "booked for" or "held on" a date; on a PEP's
 * quality-assurance card, a rating or a return for changes (both through the PEP
 * service). Only a recipient of the alert, or the VSH, may answer, and only while the
 * child is in their scope. Each answer is saved, written to the alert's history and the
 * audit log, and every sent copy of the card is queued for an update.
 */
import { z } from "zod";
import { type AuditLog, createAuditLog } from "../access/audit.js";
import type { Actor } from "../access/roles.js";
import { childScope } from "../access/scope.js";
import type { ActionLogService } from "../actions/action-log.service.js";
import { answerMarks, type RegisterAnswer } from "../attendance/attendance.today.js";
import { categoryOf, normaliseAttendanceCode } from "../attendance/codes.js";
import { BOTH_REGISTERS_CLOSED, NO_REGISTER_CLOSED, registersClosedAt } from "../attendance/registers.js";
import type { CalendarRepo } from "../calendar/calendar.repo.js";
import { childCalendars } from "../calendar/child-calendars.js";
import { addSchoolDays, isSchoolDay } from "../calendar/school-days.js";
import type { PepService } from "../peps/pep.service.js";
import type { Clock } from "../platform/clock.js";
import { type IsoDate, isIsoDate } from "../platform/dates.js";
import type { Db, Prisma } from "../platform/db.js";
import { DomainError, forbidden, notFound } from "../platform/errors.js";
import type { Policy } from "../policy.js";
import { afternoonAlert } from "./absence-alerts.rules.js";
import { askTheSchool, teachersToAsk, updateCardsShowing, wasAsked } from "./posts.js";
import type { AlertQueue } from "./queue.port.js";
import { PEP_DUE_RULES } from "./record-sync.js";
import { nothingToMark, type Session } from "./register-answers.js";

export type AlertAnswer =
  | { kind: "acknowledge" }
  | { kind: "present"; late: boolean }
  | { kind: "reason"; code: string }
  | { kind: "snooze"; days: number }
  /** Dates read from the words as the chat's "log" reads them (bot/nlu.ts parseLogText). */
  | { kind: "log"; text: string; actionDate?: string; followUpDate?: string }
  | { kind: "ask_school" }
  /** PEP alerts: the meeting is booked for `date`, or was held on it (recorded through the PEP service). */
  | { kind: "pep_booked"; date: string }
  | { kind: "pep_held"; date: string }
  /** The Virtual School's quality assurance of the PEP a QA card is about, or its return. */
  | { kind: "pep_qa"; rating: "green" | "amber" | "red"; comment?: string; criteria?: string[] }
  | { kind: "pep_return"; comment: string };

const datesOf = ({ actionDate, followUpDate }: { actionDate?: string; followUpDate?: string }) => ({
  ...(actionDate ? { actionDate } : {}),
  ...(followUpDate ? { followUpDate } : {}),
});

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
  audit?: AuditLog;
};

type Tx = Prisma.TransactionClient;

type AlertOfRegister = { childId: number; rule: string; period: string; details: string };

/** The day an absence alert is about. */
const absenceDetails = z.object({ date: z.string().refine(isIsoDate) });

export function createAlertAnswers(deps: Deps) {
  const { db, clock, calendars, actions, queue, peps, policy, audit = createAuditLog(deps.db) } = deps;

  async function load(actor: Actor, alertId: number) {
    const alert = await db.alert.findFirst({
      where: { id: alertId, child: childScope(actor, clock.today()) },
      include: { deliveries: { select: { id: true, professionalId: true, status: true } } },
    });
    if (!alert) throw notFound("alert");
    const recipient =
      alert.deliveries.some((d) => d.professionalId === actor.id) || (await wasAsked(db, alert.id, actor.id));
    if (!recipient && actor.role !== "vsh") throw forbidden("Only the people this alert was sent to can answer it.");
    return alert;
  }

  /** The day's two marks as stored (null: none). */
  async function marksOn(tx: Tx, childId: number, date: IsoDate): Promise<{ am: string | null; pm: string | null }> {
    const rows = await tx.attendanceMark.findMany({ where: { childId, date }, select: { session: true, code: true } });
    const code = (session: Session) => rows.find((r) => r.session === session)?.code ?? null;
    return { am: code("AM"), pm: code("PM") };
  }

  /**
   * The register an answer writes to: an absence alert's own day (its `date`), and only
   * the afternoon for the afternoon's alert (the morning's covers the day); which of that day's registers had closed (a
   * past day's all have). A missing-education alert is about the run up to now, and the
   * school cannot mark the past days of a run from a card, so "in school" or a reason
   * there means today, on the child's school's calendar.
   */
  async function registerOf(alert: AlertOfRegister) {
    const today = clock.today();
    let date = today;
    let sessions: readonly Session[] = ["AM", "PM"];
    if (alert.rule === "unexplained_absence_today") {
      const parsed = absenceDetails.safeParse(JSON.parse(alert.details || "{}"));
      if (!parsed.success) throw new DomainError("validation", "This alert does not say which day it is about.");
      date = parsed.data.date;
      if (afternoonAlert(alert.period)) sessions = ["PM"];
    } else if (!isSchoolDay(await schoolCalendar(alert.childId, today), today)) {
      throw new DomainError(
        "conflict",
        "Today is not a school day at the child's school: there is no register to mark.",
      );
    }
    const registers =
      date < today
        ? BOTH_REGISTERS_CLOSED
        : date === today
          ? registersClosedAt(clock.now(), policy)
          : NO_REGISTER_CLOSED;
    return { date, sessions, registers };
  }

  /** The calendar of the school the child is on roll at today (the home authority's without one). */
  async function schoolCalendar(childId: number, today: IsoDate) {
    return (await childCalendars(db, calendars, [childId], today))(childId);
  }

  /**
   * The write, in the answer's transaction, of what the answer means for the alert's register
   * (answerMarks, attendance.today.ts): the codes written. An answer that would write nothing
   * is refused (and rolled back), so the alert is never resolved by a mark nobody made.
   */
  async function mark(alert: AlertOfRegister, answer: RegisterAnswer) {
    const { date, sessions, registers } = await registerOf(alert);
    return async (tx: Tx) => {
      const raw = await marksOn(tx, alert.childId, date);
      const codes = answerMarks(raw, registers, sessions, answer);
      if (codes.length === 0) throw nothingToMark(date, sessions, registers, raw);
      for (const [session, code] of codes) {
        await tx.attendanceMark.upsert({
          where: { childId_date_session: { childId: alert.childId, date, session } },
          create: { childId: alert.childId, date, session, code },
          update: { code },
        });
      }
      return codes;
    };
  }

  /**
   * A PEP answer goes through the PEP service: the PEP, the alert answered and both audit rows
   * in one transaction; then what the record closes, and the update of every sent copy.
   */
  async function answerPep(
    actor: Actor,
    alert: { id: number; childId: number; rule: string; status: string; details: string },
    answer: PepAnswer,
  ) {
    if (alert.status === "resolved") throw new DomainError("conflict", "This alert is already resolved.");
    let detail: string | null = null;
    const answering = { answeringAlertId: alert.id };
    if (answer.kind === "pep_booked" || answer.kind === "pep_held") {
      if (!PEP_DUE_RULES.has(alert.rule))
        throw new DomainError("validation", "This alert is not about a PEP that is due.");
      const status = answer.kind === "pep_booked" ? "booked" : "held";
      await peps.record(actor, alert.childId, { status, meetingDate: answer.date }, answering);
      detail = answer.date;
    } else {
      if (alert.rule !== "pep_quality_assurance")
        throw new DomainError("validation", "This alert is not a PEP waiting for quality assurance.");
      const parsed = qaDetails.safeParse(JSON.parse(alert.details || "{}"));
      if (!parsed.success) throw notFound("PEP");
      const { pepId } = parsed.data;
      if (answer.kind === "pep_qa") {
        const { rating, comment, criteria } = answer;
        await peps.qualityAssure(actor, pepId, { rating, comment, criteria }, answering);
        detail = rating;
      } else {
        await peps.returnForChanges(actor, pepId, { comment: answer.comment }, answering);
      }
    }
    const now = await db.alert.findUniqueOrThrow({ where: { id: alert.id }, select: { status: true } });
    return { alertId: alert.id, status: now.status, action: answer.kind as string, detail };
  }

  return {
    /** Throws unless the actor may see (and so refresh) this alert's card. */
    async assertCanSee(actor: Actor, alertId: number): Promise<void> {
      await load(actor, alertId);
    },

    /** An alert's own card opened (from a digest or the alerts list): a read of the child's record, audited. */
    async open(actor: Actor, alertId: number): Promise<void> {
      const alert = await load(actor, alertId);
      await audit.record(actor, "read_alerts", [alert.childId]);
    },

    async answer(actor: Actor, alertId: number, answer: AlertAnswer) {
      const alert = await load(actor, alertId);
      if (isPepAnswer(answer)) return answerPep(actor, alert, answer);
      const attendance = ATTENDANCE_RULES.has(alert.rule);
      let status = alert.status;
      let detail: string | null = null;
      let action: string = answer.kind;
      let teachersAsked: number[] = [];
      let snoozedUntil: IsoDate | undefined;
      /** What the answer writes besides the alert (register marks, an action), in its transaction. */
      let change: ((tx: Tx) => Promise<unknown>) | null = null;
      switch (answer.kind) {
        case "acknowledge":
          // A stale copy's button (a digest posted by the fallback, say) never reopens a resolved alert.
          if (alert.status === "resolved") throw new DomainError("conflict", "This alert is already resolved.");
          status = "acknowledged";
          action = "acknowledged";
          break;
        case "present": {
          if (!attendance || actor.role !== "designated_teacher") throw forbidden("Only the school marks attendance.");
          const write = await mark(alert, { kind: "present", late: answer.late });
          change = async (tx) => {
            // The first code written: L when late, else that session's present code.
            detail = (await write(tx))[0]?.[1] ?? null;
          };
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
          change = await mark(alert, { kind: "reason", code });
          status = "resolved";
          detail = code;
          break;
        }
        case "snooze": {
          // School days on the child's school's calendar, as the card counts them.
          const calendar = await schoolCalendar(alert.childId, clock.today());
          const until = addSchoolDays(calendar, clock.today(), answer.days) ?? clock.today();
          status = "snoozed";
          action = "snoozed";
          detail = until;
          snoozedUntil = until;
          break;
        }
        case "log":
          change = await actions.prepareLog(actor, alert.childId, { text: answer.text, ...datesOf(answer) }, "card");
          action = "action_logged";
          if (status === "open") status = "acknowledged";
          break;
        case "ask_school":
          if (actor.role !== "social_worker" && actor.role !== "vsh") throw forbidden();
          teachersAsked = await teachersToAsk(db, alert.childId, clock.today());
          action = "asked_school";
          break;
      }
      // The answer, what it writes (the school's cards when asked) and its audit row: all saved, or none.
      const asked = await db.$transaction(async (tx) => {
        await tx.alert.update({
          where: { id: alert.id },
          data: { status, answeredAt: clock.now(), answeredById: actor.id, answer: action, snoozedUntil },
        });
        await change?.(tx);
        const saved = await tx.alertEvent.create({
          data: { alertId: alert.id, professionalId: actor.id, action, detail, at: clock.now() },
        });
        await audit.record(actor, "answer_alert", [alert.childId], { tx });
        if (teachersAsked.length === 0) return [];
        return askTheSchool(tx, {
          alertId: alert.id,
          teacherIds: teachersAsked,
          askedById: actor.id,
          eventId: saved.id,
          at: clock.now(),
        });
      });
      await queue.deliverPosts(asked);
      await updateCardsShowing(db, queue, [alert.id]);
      return { alertId: alert.id, status, action, detail };
    },
  };
}
export type AlertAnswers = ReturnType<typeof createAlertAnswers>;
