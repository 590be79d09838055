/**
 * School places (enrolments) and SEN status, as the social worker or the Virtual School
 * records them. A designated teacher sees the place but does not record it.
 *
 * Decisions:
 * - A new place ends any place at another school still open on its first day, the day
 *   before. A place at another school that starts on or after the new one (agreed, then
 *   superseded) is a conflict: say which place stands by ending or correcting it first.
 * - The same place twice (same school, same first day) is the same record, not a second
 *   one; a place at the school the child is already on roll at is a conflict.
 * - A place may be recorded up to `PLACE_AHEAD_DAYS` ahead (agreed for September in
 *   spring); until it starts the status shows it as the next school and "no school place"
 *   stands. Starting or ending a place re-decides that alert at once.
 * - An SEN status is recorded from the day it took effect, today or earlier (nothing
 *   would apply a future one on its day). It becomes the child's current status unless a
 *   later-dated one is already recorded (then it is history).
 */
import { createAuditLog } from "../access/audit.js";
import type { Actor, Role } from "../access/roles.js";
import { syncRecordAlerts } from "../alerts/record-sync.js";
import { addDays, formatDate, type IsoDate } from "../platform/dates.js";
import { notFound } from "../platform/errors.js";
import type { RecordDeps } from "./deps.js";
import { childFor, conflict, invalid, parseInput } from "./record-access.js";
import {
  type ChangeSen,
  changeSenSchema,
  type EndPlace,
  endPlaceSchema,
  type StartPlace,
  startPlaceSchema,
} from "./records.schema.js";

export const PLACE_ROLES: readonly Role[] = ["social_worker", "vsh", "education_adviser"];

/** How far ahead a place may start or end (a September place agreed in the spring). */
export const PLACE_AHEAD_DAYS = 183;

const placeSelect = {
  id: true,
  childId: true,
  fromDate: true,
  toDate: true,
  yearGroup: true,
  school: { select: { id: true, name: true } },
} as const;

type PlaceRow = {
  id: number;
  childId: number;
  fromDate: IsoDate;
  toDate: IsoDate | null;
  yearGroup: string | null;
  school: { id: number; name: string };
};

function notTooFarAhead(field: string, date: IsoDate, today: IsoDate): void {
  if (date > addDays(today, PLACE_AHEAD_DAYS))
    throw invalid(
      field,
      `must be within ${PLACE_AHEAD_DAYS} days from today`,
      `The date is more than ${PLACE_AHEAD_DAYS} days ahead: record it nearer the time.`,
    );
}

export function createPlaceService(deps: RecordDeps) {
  const { db, clock, audit = createAuditLog(deps.db) } = deps;

  async function endPlace(actor: Actor, childId: number, input: EndPlace) {
    const today = clock.today();
    notTooFarAhead("toDate", input.toDate, today);
    const place: PlaceRow | null =
      input.enrolmentId !== undefined
        ? await db.enrolment.findFirst({ where: { id: input.enrolmentId, childId }, select: placeSelect })
        : await db.enrolment.findFirst({
            where: { childId, toDate: null, fromDate: { lte: input.toDate } },
            orderBy: [{ fromDate: "desc" }, { id: "desc" }],
            select: placeSelect,
          });
    if (!place) throw notFound(input.enrolmentId !== undefined ? "school place" : "open school place");
    if (place.toDate !== null && place.toDate !== input.toDate)
      throw conflict(`This place at ${place.school.name} already ended on ${formatDate(place.toDate)}.`);
    if (input.toDate < place.fromDate)
      throw invalid(
        "toDate",
        "must be on or after the day the place began",
        `The place at ${place.school.name} began on ${formatDate(place.fromDate)}: it cannot end before that.`,
      );
    const saved = await db.$transaction(async (tx) => {
      const row = await tx.enrolment.update({
        where: { id: place.id },
        data: { toDate: input.toDate },
        select: placeSelect,
      });
      await audit.record(actor, "record_enrolment", [childId], { tx });
      return row;
    });
    await syncRecordAlerts(deps, childId, "place", "record_changed", actor);
    return saved;
  }

  return {
    /** Records a new school place; any other place open on its first day ends the day before. */
    async start(actor: Actor, childId: number, raw: StartPlace) {
      const input = parseInput(startPlaceSchema, raw);
      const today = clock.today();
      await childFor(db, actor, childId, today, PLACE_ROLES);
      notTooFarAhead("fromDate", input.fromDate, today);
      const school = await db.school.findUnique({ where: { id: input.schoolId }, select: { id: true, name: true } });
      if (!school)
        throw invalid("schoolId", "no school has this id", `No school with id ${input.schoolId} is on record.`);
      const open = await db.enrolment.findMany({
        where: { childId, OR: [{ toDate: null }, { toDate: { gte: input.fromDate } }] },
        select: placeSelect,
        orderBy: { fromDate: "asc" },
      });
      const same = open.find((p) => p.school.id === school.id && p.fromDate === input.fromDate);
      let saved: PlaceRow;
      const ended: PlaceRow[] = [];
      if (same) {
        saved = await db.$transaction(async (tx) => {
          const row =
            input.yearGroup && input.yearGroup !== same.yearGroup
              ? await tx.enrolment.update({
                  where: { id: same.id },
                  data: { yearGroup: input.yearGroup },
                  select: placeSelect,
                })
              : same;
          await audit.record(actor, "record_enrolment", [childId], { tx });
          return row;
        });
      } else {
        const here = open.find((p) => p.school.id === school.id && p.fromDate < input.fromDate);
        if (here) throw conflict(`The child is already on roll at ${school.name} since ${formatDate(here.fromDate)}.`);
        const later = open.find((p) => p.fromDate >= input.fromDate);
        if (later)
          throw conflict(
            `A place at ${later.school.name} from ${formatDate(later.fromDate)} is already recorded: end or correct it first.`,
          );
        const dayBefore = addDays(input.fromDate, -1);
        saved = await db.$transaction(async (tx) => {
          for (const p of open)
            ended.push(
              await tx.enrolment.update({ where: { id: p.id }, data: { toDate: dayBefore }, select: placeSelect }),
            );
          const row = await tx.enrolment.create({
            data: { childId, schoolId: school.id, fromDate: input.fromDate, yearGroup: input.yearGroup ?? null },
            select: placeSelect,
          });
          await audit.record(actor, "record_enrolment", [childId], { tx });
          return row;
        });
      }
      await syncRecordAlerts(deps, childId, "place", "place_started", actor);
      return { ...saved, created: !same, ended };
    },

    /** Records that a place ended on `toDate` (the open place unless `enrolmentId` says which). */
    async end(actor: Actor, childId: number, raw: EndPlace) {
      const input = parseInput(endPlaceSchema, raw);
      await childFor(db, actor, childId, clock.today(), PLACE_ROLES);
      return endPlace(actor, childId, input);
    },

    /** The same, for the place with this id. */
    async endById(actor: Actor, enrolmentId: number, raw: Omit<EndPlace, "enrolmentId">) {
      const input = parseInput(endPlaceSchema, { ...raw, enrolmentId });
      const place = await db.enrolment.findUnique({ where: { id: enrolmentId }, select: { childId: true } });
      if (!place) throw notFound("school place");
      await childFor(db, actor, place.childId, clock.today(), PLACE_ROLES, "school place");
      return endPlace(actor, place.childId, input);
    },

    /** Records a change of SEN status from `fromDate` (today or earlier). */
    async changeSen(actor: Actor, childId: number, raw: ChangeSen) {
      const input = parseInput(changeSenSchema, raw);
      const today = clock.today();
      const child = await childFor(db, actor, childId, today, PLACE_ROLES);
      if (input.fromDate > today)
        throw invalid(
          "fromDate",
          "must be today or earlier",
          "An SEN status is recorded from the day it took effect, today or earlier.",
        );
      const latest = child.senSince === null || input.fromDate >= child.senSince;
      // The change, the child's current status and the audit row: all saved, or none.
      const { change, current } = await db.$transaction(async (tx) => {
        const change =
          (await tx.senChange.findFirst({
            where: { childId, status: input.status, fromDate: input.fromDate },
            select: { id: true },
          })) ??
          (await tx.senChange.create({
            data: { childId, status: input.status, fromDate: input.fromDate, recordedById: actor.id },
            select: { id: true },
          }));
        const current = latest
          ? await tx.child.update({
              where: { id: childId },
              data: { senStatus: input.status, senSince: input.fromDate },
              select: { senStatus: true, senSince: true },
            })
          : child;
        await audit.record(actor, "record_sen", [childId], { tx });
        return { change, current };
      });
      return {
        id: change.id,
        childId,
        status: input.status,
        fromDate: input.fromDate,
        current: { status: current.senStatus, since: current.senSince },
      };
    },
  };
}
export type PlaceService = ReturnType<typeof createPlaceService>;
