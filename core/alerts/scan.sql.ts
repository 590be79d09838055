/**
 * The scan's bulk reads on the SQL layer: for every child in the cohort today (or the few
 * a record change names), one prepared statement a table. Through Prisma each row of a
 * 10,000-child read cost client time; these come back as plain rows. The cohort is the
 * same rule as `cohortWhere` (core/children/care.ts), as a subquery of child ids; a test
 * holds the two to the same children (test/integration/scan-sql.test.ts).
 */
import type { Kysely } from "kysely";
import { SHORT_BREAKS_AS_STORED } from "../children/care.js";
import type { PlaceHistory } from "../children/school-place.repo.js";
import type { IsoDate } from "../platform/dates.js";
import type { DB } from "../platform/generated/kysely/types.js";
import type { Engine } from "../platform/sql/index.js";
import { type Placeholders, prepared } from "../platform/sql/prepared.js";

/** Everyone in the cohort, or only the children in a bound JSON list of ids. */
type Who = "everyone" | "some";
type Args = { today: IsoDate; childIds: string; from: IsoDate; to: IsoDate };

/** Ids of the children in the cohort today (and in the list, for "some"). */
export function cohortIds(db: Kysely<DB>, p: Placeholders<Args>, engine: Engine, who: Who) {
  let q = db
    .selectFrom("Child as c")
    .select("c.id")
    .where("c.lookedAfterSince", "is not", null)
    .where("c.lookedAfterSince", "<=", p.today)
    .where((eb) => eb.or([eb("c.ceasedLookedAfter", "is", null), eb("c.ceasedLookedAfter", ">", p.today)]))
    .where((eb) =>
      eb.or([eb("c.legalStatus", "is", null), eb("c.legalStatus", "not in", [...SHORT_BREAKS_AS_STORED])]),
    );
  if (who === "some") q = q.where("c.id", "in", engine.idsIn(p.childIds));
  return q;
}

const children = prepared<
  Args,
  { id: number; dateOfBirth: string; lookedAfterSince: string; careStartKnown: unknown },
  Who
>((db, p, engine, who) =>
  db
    .selectFrom("Child")
    .select(["id", "dateOfBirth", "lookedAfterSince", "careStartKnown"])
    .where("id", "in", cohortIds(db, p, engine, who))
    .orderBy("id"),
);

const onRoll = prepared<Args, { childId: number; schoolId: number; fromDate: string; localAuthority: string }, Who>(
  (db, p, engine, who) =>
    db
      .selectFrom("Enrolment as e")
      .innerJoin("School as s", "s.id", "e.schoolId")
      .select(["e.childId", "e.schoolId", "e.fromDate", "s.localAuthority"])
      .where("e.fromDate", "<=", p.today)
      .where((eb) => eb.or([eb("e.toDate", "is", null), eb("e.toDate", ">=", p.today)]))
      .where("e.childId", "in", cohortIds(db, p, engine, who))
      // The last row per child wins: the latest-starting place, as the card's currentOf.
      .orderBy("e.fromDate")
      .orderBy("e.id"),
);

type Dated = { childId: number; date: string | null };

const placesEnded = prepared<Args, Dated, Who>((db, p, engine, who) =>
  db
    .selectFrom("Enrolment")
    .select((eb) => ["childId", eb.fn.max("toDate").as("date")])
    .where("toDate", "<", p.today)
    .where("childId", "in", cohortIds(db, p, engine, who))
    .groupBy("childId"),
);

const placesAhead = prepared<Args, Dated, Who>((db, p, engine, who) =>
  db
    .selectFrom("Enrolment")
    .select((eb) => ["childId", eb.fn.min("fromDate").as("date")])
    .where("fromDate", ">", p.today)
    .where("childId", "in", cohortIds(db, p, engine, who))
    .groupBy("childId"),
);

const todayMarks = prepared<Args, { childId: number; session: string; code: string }, Who>((db, p, engine, who) => {
  const q = db.selectFrom("AttendanceMark").select(["childId", "session", "code"]).where("date", "=", p.today);
  return who === "some" ? q.where("childId", "in", engine.idsIn(p.childIds)) : q;
});

const peps = prepared<
  Args,
  { childId: number; term: string; dueDate: string; meetingDate: string | null; status: string; rag: string | null },
  Who
>((db, p, engine, who) =>
  db
    .selectFrom("Pep")
    .select(["childId", "term", "dueDate", "meetingDate", "status", "rag"])
    .where("childId", "in", cohortIds(db, p, engine, who))
    .orderBy("id"),
);

const reviews = prepared<Args, { childId: number; date: string; status: string }, Who>((db, p, engine, who) =>
  db
    .selectFrom("CareReview")
    .select(["childId", "date", "status"])
    .where("childId", "in", cohortIds(db, p, engine, who))
    .orderBy("id"),
);

const exclusions = prepared<Args, { id: number; childId: number; kind: string; startDate: string; days: number }, Who>(
  (db, p, engine, who) =>
    db
      .selectFrom("Exclusion")
      .select(["id", "childId", "kind", "startDate", "days"])
      .where("startDate", ">=", p.from)
      .where("startDate", "<=", p.to)
      .where("childId", "in", cohortIds(db, p, engine, who))
      .orderBy("id"),
);

const partTime = prepared<
  Args,
  { id: number; childId: number; startDate: string; plannedEndDate: string; reviewDate: string },
  Who
>((db, p, engine, who) =>
  db
    .selectFrom("PartTimeTimetable")
    .select(["id", "childId", "startDate", "plannedEndDate", "reviewDate"])
    .where("endedOn", "is", null)
    .where("childId", "in", cohortIds(db, p, engine, who))
    .orderBy("id"),
);

/** Each child's last place ended and next place starting (as loadPlaceHistory), from the cohort's reads. */
export function placeHistoryOf(cohort: { placesEnded: Dated[]; placesAhead: Dated[] }) {
  const lastEnded = new Map(cohort.placesEnded.map((e) => [e.childId, e.date]));
  const nextFrom = new Map(cohort.placesAhead.map((e) => [e.childId, e.date]));
  return (childId: number): PlaceHistory => ({
    lastPlaceEnded: lastEnded.get(childId) ?? null,
    nextPlaceFrom: nextFrom.get(childId) ?? null,
  });
}

/**
 * Every table the scan reads about the cohort, at once (on `engine`: the caller holds one
 * connection for them, see loadScanFacts). `exclusionsWindow`: the suspensions that alert
 * today (exclusionWindow).
 */
export async function readCohort(
  engine: Engine,
  today: IsoDate,
  exclusionsWindow: { from: IsoDate; to: IsoDate },
  childIds?: readonly number[],
) {
  const who: Who = childIds ? "some" : "everyone";
  const args: Args = { today, childIds: JSON.stringify(childIds ?? []), ...exclusionsWindow };
  const [c, r, ended, ahead, marks, p, rv, x, pt] = await Promise.all([
    children(engine, args, who),
    onRoll(engine, args, who),
    placesEnded(engine, args, who),
    placesAhead(engine, args, who),
    todayMarks(engine, args, who),
    peps(engine, args, who),
    reviews(engine, args, who),
    exclusions(engine, args, who),
    partTime(engine, args, who),
  ]);
  return {
    children: c,
    onRoll: r,
    placesEnded: ended,
    placesAhead: ahead,
    todayMarks: marks,
    peps: p,
    reviews: rv,
    exclusions: x,
    partTime: pt,
  };
}
