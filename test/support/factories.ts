/**
 * A small, exactly known authority for API and bot tests: two schools, one professional
 * of each role (and a few edge cases), four children whose scope differs by role.
 * Dates are around Monday 23 November 2026, in the autumn term.
 */

import { makeUpn } from "../../core/children/upn.js";
import { addDays, type IsoDate } from "../../core/platform/dates.js";
import type { Db, Prisma } from "../../core/platform/db.js";

export const TODAY = "2026-11-23";
export const LA = "999";

export const PEOPLE = {
  vsh: "vsh@test.local",
  sw1: "sw1@test.local",
  sw2: "sw2@test.local",
  dtA: "dt.a@test.local",
  dtB: "dt.b@test.local",
  iro1: "iro1@test.local",
  dtNoSchool: "dt.none@test.local",
  inactive: "gone@test.local",
  /** A Virtual School education adviser, allocated Jordan and Amira. */
  ea1: "ea1@test.local",
} as const;

/** The Entra object id Teams sends as `from.aadObjectId` for a test professional. */
export const aadOf = (email: string) => `aad-${email}`;

/**
 * A looked-after child of the test authority (in care since 15 Jan 2024, born 1 May
 * 2015, on a care order), with a valid UPN made from `serial`; `data` overrides any field.
 */
export function createTestChild(
  db: Db,
  {
    serial,
    ...data
  }: {
    localId: string;
    firstName: string;
    lastName: string;
    serial: number;
  } & Partial<Prisma.ChildUncheckedCreateInput>,
) {
  return db.child.create({
    data: {
      dateOfBirth: "2015-05-01",
      upn: makeUpn(LA, "2001", "15", serial),
      placingAuthority: LA,
      lookedAfterSince: "2024-01-15",
      legalStatus: "C2",
      ...data,
    },
  });
}

/** The small authority's school days (autumn 2026 from 2 Sep, half-term 26–30 Oct) from `from` to `to`. */
export function smallAuthoritySchoolDays(from: IsoDate, to: IsoDate): IsoDate[] {
  const days: IsoDate[] = [];
  for (let d = from; d <= to; d = addDays(d, 1)) {
    const weekday = new Date(`${d}T12:00:00Z`).getUTCDay();
    if (weekday !== 0 && weekday !== 6 && !(d >= "2026-10-26" && d <= "2026-10-30") && d >= "2026-09-02") days.push(d);
  }
  return days;
}

/** AttendanceMark rows: `am` and `pm` on each of `dates`. */
export const registerMarks = (childId: number, dates: readonly IsoDate[], am: string, pm: string) =>
  dates.flatMap((date) => [
    { childId, date, session: "AM", code: am },
    { childId, date, session: "PM", code: pm },
  ]);

export type Fixture = Awaited<ReturnType<typeof buildSmallAuthority>>;

export async function buildSmallAuthority(db: Db) {
  await db.schoolCalendar.createMany({
    data: [
      { laCode: LA, kind: "term", name: "2026-autumn", startDate: "2026-09-02", endDate: "2026-12-18" },
      { laCode: LA, kind: "term", name: "2026-spring", startDate: "2027-01-04", endDate: "2027-03-26" },
      { laCode: LA, kind: "term", name: "2026-summer", startDate: "2027-04-12", endDate: "2027-07-21" },
      { laCode: LA, kind: "closure", name: "October half-term", startDate: "2026-10-26", endDate: "2026-10-30" },
    ],
  });
  const schoolA = await db.school.create({
    data: { urn: "100001", laestab: "9992001", name: "Oakfield Primary", phase: "primary", localAuthority: LA },
  });
  const schoolB = await db.school.create({
    data: { urn: "100002", name: "Hillside Academy", phase: "secondary", localAuthority: "888", outOfArea: true },
  });
  const person = (email: string, role: string, extra: { schoolId?: number; active?: boolean } = {}) =>
    db.professional.create({
      data: { email, role, name: email.split("@")[0] ?? email, aadObjectId: aadOf(email), ...extra },
    });
  const vsh = await person(PEOPLE.vsh, "vsh");
  const sw1 = await person(PEOPLE.sw1, "social_worker");
  const sw2 = await person(PEOPLE.sw2, "social_worker");
  const dtA = await person(PEOPLE.dtA, "designated_teacher", { schoolId: schoolA.id });
  const dtB = await person(PEOPLE.dtB, "designated_teacher", { schoolId: schoolB.id });
  const iro1 = await person(PEOPLE.iro1, "iro");
  await person(PEOPLE.dtNoSchool, "designated_teacher");
  await person(PEOPLE.inactive, "social_worker", { active: false });

  const child = (localId: string, firstName: string, lastName: string, serial: number) =>
    createTestChild(db, { localId, firstName, lastName, serial });
  const jordan = await child("T001", "Jordan", "Smith", 1);
  const amira = await child("T002", "Amira", "Khan", 2);
  const tyler = await child("T003", "Tyler", "Brooks", 3);
  const leah = await child("T004", "Leah", "Morgan", 4);

  await db.enrolment.createMany({
    data: [
      { childId: jordan.id, schoolId: schoolA.id, fromDate: "2022-09-01", yearGroup: "6" },
      { childId: amira.id, schoolId: schoolB.id, fromDate: "2023-09-01", yearGroup: "6" },
      { childId: leah.id, schoolId: schoolA.id, fromDate: "2022-09-01", toDate: "2026-07-20", yearGroup: "5" },
    ],
  });
  await db.allocation.createMany({
    data: [
      { childId: jordan.id, professionalId: sw1.id, role: "social_worker", fromDate: "2024-01-15" },
      { childId: tyler.id, professionalId: sw1.id, role: "social_worker", fromDate: "2024-01-15" },
      { childId: amira.id, professionalId: sw2.id, role: "social_worker", fromDate: "2024-01-15" },
      // An ended allocation gives no access.
      { childId: leah.id, professionalId: sw1.id, role: "social_worker", fromDate: "2024-01-15", toDate: "2026-01-01" },
      { childId: jordan.id, professionalId: iro1.id, role: "iro", fromDate: "2024-01-15" },
    ],
  });
  const ea1 = await person(PEOPLE.ea1, "education_adviser");
  await db.allocation.createMany({
    data: [jordan, amira].map((c) => ({
      childId: c.id,
      professionalId: ea1.id,
      role: "education_adviser",
      fromDate: "2024-01-15",
    })),
  });
  return { schoolA, schoolB, vsh, sw1, sw2, dtA, dtB, iro1, jordan, amira, tyler, leah, ea1 };
}

/** `count` children `${prefix}001`… (local ids), with no other facts; their ids by local id. */
export async function addBareChildren(db: Db, count: number, prefix = "C"): Promise<Map<string, number>> {
  const width = Math.max(3, String(count).length);
  const localIds = Array.from({ length: count }, (_, i) => `${prefix}${String(i + 1).padStart(width, "0")}`);
  await db.child.createMany({
    data: localIds.map((localId) => ({
      localId,
      firstName: "Child",
      lastName: localId,
      dateOfBirth: "2015-05-01",
      placingAuthority: "999",
    })),
  });
  const rows = await db.child.findMany({ where: { localId: { in: localIds } }, select: { id: true, localId: true } });
  return new Map(rows.map((c) => [c.localId, c.id]));
}
