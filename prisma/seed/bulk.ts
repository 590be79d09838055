/**
 * Multi-row INSERTs for the large tables. Prisma's createMany costs about a quarter of a
 * millisecond per row through the SQLite driver adapter (≈50 s for a year of registers);
 * one parameterised INSERT per thousand rows does the same in about a second.
 * Used only for tables without Prisma-managed columns (@updatedAt, defaults are SQL).
 */
import type { Prisma } from "../../core/platform/db.js";
import type { Dialect } from "../../core/platform/sql/dialect/index.js";

export type SqlValue = string | number | boolean | null;

/** Stays well under SQLite's 32,766 bound parameters per statement. */
const MAX_PARAMS = 9_000;

export async function insertRows(
  tx: Prisma.TransactionClient,
  dialect: Pick<Dialect, "placeholder">,
  table: string,
  columns: readonly string[],
  rows: readonly (readonly SqlValue[])[],
): Promise<number> {
  const perStatement = Math.max(1, Math.floor(MAX_PARAMS / columns.length));
  const head = `INSERT INTO "${table}" (${columns.map((c) => `"${c}"`).join(", ")}) VALUES `;
  // Placeholders in the dialect's style: ? on SQLite, $1, $2… on PostgreSQL.
  const tuple = (r: number) => `(${columns.map((_, c) => dialect.placeholder(r * columns.length + c)).join(", ")})`;
  for (let i = 0; i < rows.length; i += perStatement) {
    const chunk = rows.slice(i, i + perStatement);
    // SQLite stores booleans as 0/1; PostgreSQL reads '1' and '0' as booleans too.
    const values = chunk.flatMap((row) => row.map((v) => (typeof v === "boolean" ? Number(v) : v)));
    await tx.$executeRawUnsafe(head + chunk.map((_, r) => tuple(r)).join(", "), ...values);
  }
  return rows.length;
}
