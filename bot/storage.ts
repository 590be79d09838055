/**
 * botbuilder Storage in the database (BotState), so dialog state survives a restart and
 * any instance can continue a conversation. Optimistic concurrency as botbuilder
 * expects: a write whose eTag is neither "*" nor the stored one is refused.
 *
 * Every message reads its conversation's state (is a dialog open?): that read is one
 * prepared statement on the SQL layer, not a Prisma query, whose client-side work cost
 * more than the statement (most of a status turn's Prisma time on PostgreSQL).
 */
import { randomUUID } from "node:crypto";
import type { Storage, StoreItems } from "botbuilder";
import type { Db } from "../core/platform/db.js";
import { sqlOf } from "../core/platform/sql/index.js";
import { prepared } from "../core/platform/sql/prepared.js";

const stateOf = prepared<{ key: string }, { key: string; value: string; eTag: string }>((db, p) =>
  db.selectFrom("BotState").select(["key", "value", "eTag"]).where("key", "=", p.key),
);

export class DatabaseStorage implements Storage {
  constructor(private readonly db: Db) {}

  async read(keys: string[]): Promise<StoreItems> {
    if (keys.length === 0) return {};
    // One key a turn (the conversation's); several are read side by side.
    const engine = sqlOf(this.db);
    const rows = (await Promise.all(keys.map((key) => stateOf(engine, { key })))).flat();
    return Object.fromEntries(rows.map((r) => [r.key, { ...JSON.parse(r.value), eTag: r.eTag }]));
  }

  async write(changes: StoreItems): Promise<void> {
    for (const [key, item] of Object.entries(changes)) {
      const { eTag: expected, ...value } = (item ?? {}) as { eTag?: string };
      const eTag = randomUUID();
      const json = JSON.stringify(value);
      if (!expected || expected === "*") {
        await this.db.botState.upsert({
          where: { key },
          create: { key, value: json, eTag },
          update: { value: json, eTag },
        });
        continue;
      }
      const { count } = await this.db.botState.updateMany({
        where: { key, eTag: expected },
        data: { value: json, eTag },
      });
      if (count === 0) {
        const exists = await this.db.botState.count({ where: { key } });
        if (exists > 0) throw new Error(`Storage: eTag conflict for ${key}`);
        await this.db.botState.create({ data: { key, value: json, eTag } });
      }
    }
  }

  async delete(keys: string[]): Promise<void> {
    await this.db.botState.deleteMany({ where: { key: { in: keys } } });
  }
}
