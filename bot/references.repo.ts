/**
 * Conversation references, captured at install and on every message, stored in the
 * database (never in memory): the alert jobs use them to reach people proactively.
 */
import { LRUCache } from "lru-cache";
import type { Db } from "../core/platform/db.js";
import { isUniqueViolation } from "../core/records/record-access.js";

export type StoredReference = {
  conversationId: string;
  serviceUrl: string;
  tenantId: string | null;
  aadObjectId: string | null;
  scope: string;
  /** The Bot Framework ConversationReference, as JSON-able data. */
  reference: object;
};

/** A reference saved this recently with the same content is not written again. */
const UNCHANGED_FOR_MS = 10 * 60_000;

export function createReferenceRepo(db: Db) {
  const saved = new LRUCache<string, string>({ max: 50_000, ttl: UNCHANGED_FOR_MS });
  return {
    /** Saves or refreshes a reference; links it to the professional when known. */
    async save(ref: StoredReference, professionalId: number | null): Promise<void> {
      const signature = JSON.stringify([ref, professionalId]);
      if (saved.get(ref.conversationId) === signature) return;
      const data = {
        serviceUrl: ref.serviceUrl,
        tenantId: ref.tenantId,
        aadObjectId: ref.aadObjectId,
        scope: ref.scope,
        reference: JSON.stringify(ref.reference),
        professionalId,
        usable: true,
      };
      await db.conversationReference.upsert({
        where: { conversationId: ref.conversationId },
        create: { conversationId: ref.conversationId, ...data },
        update: data,
      });
      saved.set(ref.conversationId, signature);
    },
    async exists(conversationId: string): Promise<boolean> {
      return (await db.conversationReference.count({ where: { conversationId } })) > 0;
    },
    /**
     * True once per conversation: the first of the install's events to claim it welcomes.
     * Teams sends an installationUpdate and a conversationUpdate together; both may find
     * the conversation new, but only one inserts the marker (a unique key, on either engine).
     */
    async claimWelcome(conversationId: string): Promise<boolean> {
      try {
        await db.botState.create({ data: { key: `welcomed:${conversationId}`, value: "{}", eTag: "1" } });
        return true;
      } catch (err) {
        if (isUniqueViolation(err)) return false;
        throw err;
      }
    },
    /** Forgets what was saved (after a reference is retired elsewhere). */
    forget(conversationId: string): void {
      saved.delete(conversationId);
    },
  };
}
export type ReferenceRepo = ReturnType<typeof createReferenceRepo>;
