/**
 * Conversation references, captured at install and on every message, stored in the
 * database (never in memory): the alert jobs use them to reach people proactively.
 */
import type { Db } from "../core/platform/db.js";

export type StoredReference = {
  conversationId: string;
  serviceUrl: string;
  tenantId: string | null;
  aadObjectId: string | null;
  scope: string;
  /** The Bot Framework ConversationReference, as JSON-able data. */
  reference: object;
};

export function createReferenceRepo(db: Db) {
  return {
    /** Saves or refreshes a reference; links it to the professional when known. */
    async save(ref: StoredReference, professionalId: number | null): Promise<void> {
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
    },
  };
}
export type ReferenceRepo = ReturnType<typeof createReferenceRepo>;
