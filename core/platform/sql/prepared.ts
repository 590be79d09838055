/**
 * Queries built and compiled once, then run many times with new values. Kysely compiles a
 * query's SQL text afresh on every call; on a hot path that costs as much as running it.
 * Here the builder runs once per engine and shape with placeholders in place of the
 * values; each call only swaps the values in, so the SQL text is identical every time and
 * the driver's prepared statement is reused (see dialect/).
 */
import type { Compilable, CompiledQuery, Kysely, RawBuilder } from "kysely";
import type { DB } from "../generated/kysely/types.js";
import type { Engine } from "./dialect/index.js";

/** Stands where a value will go; swapped for the call's value of `name`. */
class Placeholder {
  constructor(readonly name: string) {}
}

/** One placeholder per argument, typed as the argument so the builder type-checks. */
export type Placeholders<A> = { readonly [K in keyof A]: A[K] };

function placeholders<A>(): Placeholders<A> {
  return new Proxy({} as Placeholders<A>, { get: (_, name) => new Placeholder(String(name)) });
}

/** A query builder's query, or a `sql` template (for what the builder does not say well: CTEs, windows). */
type Query<R> = Compilable<R> | RawBuilder<R>;

export type Build<A, R, S extends string> = (db: Kysely<DB>, p: Placeholders<A>, engine: Engine, shape: S) => Query<R>;

const compileOn = <R>(query: Query<R>, db: Kysely<DB>): CompiledQuery<R> =>
  "isRawBuilder" in query ? query.compile(db) : query.compile();

/**
 * `build` as a query run by `run(engine, args, shape)`. `shape` picks between variants whose
 * SQL differs (e.g. a role's scope); each variant is compiled once per engine.
 */
export function prepared<A extends Record<string, unknown>, R, S extends string = "">(build: Build<A, R, S>) {
  const compiled = new WeakMap<Engine, Map<S, CompiledQuery<R>>>();
  function compile(engine: Engine, shape: S): CompiledQuery<R> {
    let shapes = compiled.get(engine);
    if (!shapes) {
      shapes = new Map();
      compiled.set(engine, shapes);
    }
    let query = shapes.get(shape);
    if (!query) {
      query = compileOn(build(engine.db, placeholders<A>(), engine, shape), engine.db);
      shapes.set(shape, query);
    }
    return query;
  }
  return async function run(engine: Engine, args: A, shape = "" as S): Promise<R[]> {
    const query = compile(engine, shape);
    const parameters = query.parameters.map((value) => {
      if (!(value instanceof Placeholder)) return value;
      if (!Object.hasOwn(args, value.name)) throw new Error(`No value for the query's "${value.name}".`);
      return args[value.name];
    });
    const result = await engine.patiently(() => engine.db.executeQuery<R>({ ...query, parameters }));
    return result.rows;
  };
}
