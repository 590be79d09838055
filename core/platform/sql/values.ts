/**
 * Reading values the two engines return differently, with zod at the boundary: JSON built
 * by the database (SQLite returns its text, PostgreSQL the parsed value), booleans (SQLite
 * has 0 and 1), and instants (SQLite keeps Prisma's DateTime as ISO text or epoch
 * milliseconds; PostgreSQL's JSON writes a `timestamp` without its zone, and it is UTC).
 */
import { z } from "zod";

/** A JSON array of `item`, whether the driver returns its text or the parsed value. */
export const jsonArray = <T extends z.ZodType>(item: T) =>
  z
    .union([z.string(), z.array(z.unknown())])
    .transform((v, ctx) => {
      if (typeof v !== "string") return v;
      try {
        return JSON.parse(v) as unknown;
      } catch {
        ctx.addIssue({ code: "custom", message: "not JSON" });
        return z.NEVER;
      }
    })
    .pipe(z.array(item));

export const flag = z.union([z.boolean(), z.number()]).transform(Boolean);

/** ISO text without a zone is UTC (PostgreSQL's timestamp as JSON). */
const NO_ZONE = /T[\d:.]+$/;

/** An instant as an ISO string in UTC. */
export const instant = z
  .union([z.string(), z.number(), z.date()])
  .transform((v) => new Date(typeof v === "string" && NO_ZONE.test(v) ? `${v}Z` : v).toISOString());
