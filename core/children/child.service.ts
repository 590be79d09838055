/**
 * Children: every read is scoped to the caller (scope.ts) and audited; a child outside
 * the scope is not found. Views carry what the caller's screen needs and no more.
 */
import { type AuditLog, createAuditLog } from "../access/audit.js";
import { type Actor, requireRole } from "../access/roles.js";
import { activeOn, childScope } from "../access/scope.js";
import { registersClosedAt, weeklyAttendance } from "../attendance/attendance.rules.js";
import type { CalendarRepo } from "../calendar/calendar.repo.js";
import { asCompiledCalendar } from "../calendar/school-days.js";
import { figuresOf } from "../funding/pupil-premium.js";
import { loadPpPlusReport } from "../funding/pupil-premium.repo.js";
import { pepStatusOf } from "../peps/pep.owed.js";
import { HELD_STATES, type PepState } from "../peps/pep.rules.js";
import type { Clock } from "../platform/clock.js";
import { type IsoDate, schoolYearBounds, schoolYearOf } from "../platform/dates.js";
import type { Db } from "../platform/db.js";
import { DomainError, notFound } from "../platform/errors.js";
import type { Policy } from "../policy.js";
import { iroBrief } from "./brief.js";
import { byUrgency, caseloadBadges } from "./caseload.rules.js";
import { loadChildFacts } from "./child.facts.js";
import type { CreateChild } from "./child.schema.js";
import { createChildLookups } from "./child-lookups.js";
import { loadJudgements } from "./judgements.js";
import { type ReviewWindow, reviewWindowEnd, upcomingReviews } from "./reviews.js";
import { type ChildFacts, currentOf, educationStatus } from "./status.js";
import { teamOf } from "./team.js";

export type ChildServiceDeps = {
  db: Db;
  clock: Clock;
  calendars: CalendarRepo;
  policy: Policy;
  homeLaCode: string;
  audit?: AuditLog;
};

export function createChildService(deps: ChildServiceDeps) {
  const { db, clock, calendars, policy, homeLaCode, audit = createAuditLog(deps.db) } = deps;

  /** What `status` answers, from the child's facts. */
  function statusOf(facts: ChildFacts, today: IsoDate) {
    const { id: childId, firstName, lastName } = facts.child;
    const registersClosed = registersClosedAt(clock.now(), policy);
    return {
      asOf: today,
      child: { id: childId, firstName, lastName },
      ...educationStatus({ ...facts, registersClosed }, today, policy),
    };
  }

  async function rankedCaseload(actor: Actor, paging: { page: number; size: number } | null) {
    const today = clock.today();
    const judgements = await loadJudgements({ db, calendars, policy, clock }, childScope(actor, today), today);
    const all = judgements
      .map((j) => ({
        id: j.id,
        firstName: j.firstName,
        lastName: j.lastName,
        school: j.school,
        badges: caseloadBadges(j),
      }))
      .sort(byUrgency);
    const pages = paging ? Math.max(1, Math.ceil(all.length / paging.size)) : 1;
    const page = Math.min(Math.max(1, paging?.page ?? 1), pages);
    const items = paging ? all.slice((page - 1) * paging.size, page * paging.size) : all;
    const shown = items.map((c) => c.id);
    await audit.record(actor, "read_caseload", shown);
    return { items, total: all.length, page, pages };
  }

  return {
    /** The child's record: identity, school history, placements and the team around them. */
    async get(actor: Actor, id: number) {
      const today = clock.today();
      const child = await db.child.findFirst({
        where: { AND: [{ id }, childScope(actor, today)] },
        include: {
          enrolments: { include: { school: { select: { id: true, name: true, urn: true } } } },
          placements: true,
          allocations: {
            where: activeOn(today),
            select: { role: true, professional: { select: { id: true, name: true, email: true } } },
          },
        },
      });
      if (!child) throw notFound("child");
      await audit.record(actor, "read_child", [child.id]);
      return child;
    },

    /** The education status summary (school, attendance, PEP, SEN, exclusions, actions, flags). */
    async status(actor: Actor, id: number) {
      const today = clock.today();
      const facts = await loadChildFacts(db, calendars, actor, id, today);
      if (!facts) throw notFound("child");
      await audit.record(actor, "read_status", [id]);
      return statusOf(facts, today);
    },

    /**
     * The status and the team around the child (the bot's status card), the child found in
     * the caller's scope once: the team's school is the status's current school. Audited as
     * the two reads it is, the record's (the team) and then the status.
     */
    async statusWithTeam(actor: Actor, id: number) {
      const today = clock.today();
      const facts = await loadChildFacts(db, calendars, actor, id, today);
      if (!facts) throw notFound("child");
      const school = currentOf(facts.enrolments, today);
      // The team's read and the two audit rows (one append) go out together.
      const [team] = await Promise.all([
        teamOf(db, today, facts.child, school && { id: school.schoolId, name: school.schoolName }),
        audit.recordEach(actor, [
          ["read_child", [id]],
          ["read_status", [id]],
        ]),
      ]);
      return { status: statusOf(facts, today), team };
    },

    /**
     * This school year's attendance week by week (oldest first) for the tab's chart. The
     * weeks start with the year's first term, not 1 August, so the summer holiday is not
     * drawn as weeks without school; half-terms stay in, with no rate, so gaps show.
     */
    async attendanceByWeek(actor: Actor, id: number) {
      const today = clock.today();
      const facts = await loadChildFacts(db, calendars, actor, id, today);
      if (!facts) throw notFound("child");
      await audit.record(actor, "read_attendance", [id]);
      const yearStart = schoolYearBounds(schoolYearOf(today)).start;
      const firstTerm = asCompiledCalendar(facts.calendar).terms.find((t) => t.start >= yearStart && t.start <= today);
      const firstMark = facts.marks.reduce<string | null>(
        (min, m) => (min === null || m.date < min ? m.date : min),
        null,
      );
      const from = [firstTerm?.start, firstMark].filter((d): d is string => !!d).sort()[0] ?? today;
      return { asOf: today, from, to: today, weeks: weeklyAttendance(facts.marks, { from, to: today }) };
    },

    /**
     * Every PEP on record, oldest due first, for the tab's timeline: dates, state, rating and
     * PP+ (not the targets' text: that is GET /peps/:id), and the PEP owed now.
     */
    async peps(actor: Actor, id: number) {
      const today = clock.today();
      const facts = await loadChildFacts(db, calendars, actor, id, today);
      if (!facts) throw notFound("child");
      await audit.record(actor, "read_peps", [id]);
      const [rows, ppPlus] = await Promise.all([
        db.pep.findMany({
          where: { childId: id },
          orderBy: [{ dueDate: "asc" }, { id: "asc" }],
          include: { targetList: { select: { ppRequestedPence: true } } },
        }),
        loadPpPlusReport({ db, calendars, policy }, { id }, today),
      ]);
      const items = rows.map((p) => ({
        id: p.id,
        term: p.term,
        dueDate: p.dueDate,
        meetingDate: p.meetingDate,
        status: p.status,
        rag: p.rag,
        booked: p.status === "booked",
        held: HELD_STATES.has(p.status as PepState),
        submittedAt: p.submittedAt?.toISOString() ?? null,
        qaAt: p.qaAt?.toISOString() ?? null,
        targets: p.targetList.length,
        ppRequestedPence: p.targetList.reduce((n, t) => n + t.ppRequestedPence, 0),
        ppPlusPence: p.ppPlusPence,
      }));
      const pep = pepStatusOf(facts, today, policy);
      return {
        asOf: today,
        items,
        next: {
          required: pep.required,
          for: pep.nextDueFor,
          dueDate: pep.nextDue,
          overdue: pep.overdue,
          dueSoon: pep.dueSoon,
          booked: pep.booked,
        },
        pupilPremiumPlus: { schoolYear: ppPlus.settings.schoolYear, ...figuresOf(ppPlus.children[0]) },
      };
    },

    /** Everyone in the caller's scope with the badges a list shows, most urgent first. */
    async caseload(actor: Actor) {
      return (await rankedCaseload(actor, null)).items;
    },

    /** One page of the caseload (page 1 the most urgent); only the children shown are audited. */
    caseloadPage: (actor: Actor, paging: { page: number; size: number }) => rankedCaseload(actor, paging),

    /** Care-plan reviews coming up (and overdue) for the children in scope, soonest first. */
    async reviews(actor: Actor, window: ReviewWindow) {
      const today = clock.today();
      const judgements = await loadJudgements({ db, calendars, policy, clock }, childScope(actor, today), today);
      const until = reviewWindowEnd(today, window);
      const items = upcomingReviews(judgements, today, until);
      const listed = items.map((r) => r.childId);
      await audit.record(actor, "read_caseload", listed);
      return { asOf: today, until, items };
    },

    /** The IRO's brief: education since the last care-plan review. */
    async brief(actor: Actor, id: number) {
      const today = clock.today();
      // Reviews are at most six months apart, so last school year's marks cover the period.
      const marksFrom = schoolYearBounds(schoolYearOf(today) - 1).start;
      const facts = await loadChildFacts(db, calendars, actor, id, today, { marksFrom, actions: 50 });
      if (!facts) throw notFound("child");
      await audit.record(actor, "read_brief", [id]);
      const { id: childId, firstName, lastName } = facts.child;
      const registersClosed = registersClosedAt(clock.now(), policy);
      return {
        asOf: today,
        child: { id: childId, firstName, lastName },
        ...iroBrief({ ...facts, registersClosed }, today, policy),
      };
    },

    async create(actor: Actor, input: CreateChild) {
      requireRole(actor, "vsh");
      const existing = await db.child.findUnique({ where: { localId: input.localId }, select: { id: true } });
      if (existing) throw new DomainError("conflict", `A child with local id ${input.localId} already exists.`);
      return db.$transaction(async (tx) => {
        const child = await tx.child.create({
          data: { ...input, upn: input.upn.toUpperCase(), placingAuthority: input.placingAuthority ?? homeLaCode },
        });
        await audit.record(actor, "create_child", [child.id], { tx });
        return child;
      });
    },

    // Finding children by name, id or mention (child-lookups.ts).
    ...createChildLookups({ db, clock, audit }),
  };
}
export type ChildService = ReturnType<typeof createChildService>;
