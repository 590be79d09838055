/**
 * botbuilder Storage in the database (BotState), so dialog state survives a restart and
 * any instance can continue a conversation. Optimistic concurrency as botbuilder
 * expects: a write whose eTag is neither "*" nor the stored one is refused.
 */
import { randomUUID } from "node:crypto";
import type { Storage, StoreItems } from "botbuilder";
import type { Db } from "../core/platform/db.js";

export class DatabaseStorage implements Storage {
  constructor(private readonly db: Db) {}

  async read(keys: string[]): Promise<StoreItems> {
    if (keys.length === 0) return {};
    const rows = await this.db.botState.findMany({ where: { key: { in: keys } } });
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
