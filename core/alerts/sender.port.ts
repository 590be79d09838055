/**
 * What the delivery jobs ask of Teams, without knowing how it is reached: post a card into
 * a conversation, replace one already posted. bot/proactive.ts implements it over the Bot
 * Connector REST API; api/runtime.ts hands that implementation to the workers.
 */

type Account = { id: string; name?: string; aadObjectId?: string; role?: string };

/**
 * The JSON kept in ConversationReference.reference: botbuilder's ConversationReference
 * minus activityId (what `TurnContext.getConversationReference` gives, captured at install).
 */
export type ProactiveReference = {
  serviceUrl: string;
  conversation: { id: string; tenantId?: string; conversationType?: string; isGroup?: boolean; name?: string };
  bot?: Account;
  user?: Account;
  channelId?: string;
  locale?: string;
};

export type SendResult =
  | { ok: true; activityId: string }
  | {
      ok: false;
      /** The HTTP status, or 0 when no answer came (network error, timeout, no token). */
      status: number;
      retryAfterMs: number | null;
      /** Bot Framework's `error.code`, or Timeout / NetworkError / TokenError when status is 0. */
      code: string | null;
      /** 403 / 404 / 413: retrying cannot help (TEAMS.md "Messaging limits"). */
      permanent: boolean;
    };

/** Each call is made once and its answer handed back as data: the delivery job decides what to retry and when. */
export interface TeamsSender {
  /** A new message in the conversation. */
  send(ref: ProactiveReference, activity: object): Promise<SendResult>;
  /** Replaces a message already sent (e.g. a card for everyone). */
  update(ref: ProactiveReference, activityId: string, activity: object): Promise<SendResult>;
}
