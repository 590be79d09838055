/**
 * What the cluster benchmark counts, at the stub: each message the scan's deliveries go
 * out as (a person's digest, or an alert's card alone) and how many deliveries each carries,
 * then what the stub accepted of them. A delivery is sent when its message was accepted,
 * duplicated each further time its message was accepted, lost when its message never was.
 */
import type { Db } from "../core/platform/db.js";
import { alertIdOf, postIdOf } from "../test/support/alert-jobs.js";
import type { ConnectorStub, RecordedCall } from "../test/support/connector-stub.js";

/** A message's key → the deliveries it carries. */
export type Expected = Map<string, number>;

/** A digest is known by its post id, a card alone by its conversation and alert. */
export function messageKey(call: RecordedCall): string | undefined {
  const post = postIdOf(call);
  if (post !== undefined) return `post:${post}`;
  const alert = alertIdOf(call);
  return alert === undefined ? undefined : `${call.conversationId}|${alert}`;
}

/** The messages the scan's deliveries are to go out as, read from the database once it has run. */
export async function expectedMessages(db: Db): Promise<Expected> {
  const refs = await db.conversationReference.findMany({ select: { professionalId: true, conversationId: true } });
  const conversationOf = new Map(refs.map((r) => [r.professionalId, r.conversationId]));
  const digests = await db.alertDelivery.groupBy({ by: ["postId"], where: { postId: { not: null } }, _count: true });
  const alone = await db.alertDelivery.findMany({
    where: { postId: null },
    select: { alertId: true, professionalId: true },
  });
  const expected: Expected = new Map(digests.map((d) => [`post:${d.postId}`, d._count]));
  for (const d of alone) {
    const key = `${conversationOf.get(d.professionalId)}|${d.alertId}`;
    expected.set(key, (expected.get(key) ?? 0) + 1);
  }
  return expected;
}

export type Tally = {
  messages: number;
  deliveries: number;
  /** Deliveries whose message was accepted at least once. */
  sent: number;
  /** Deliveries accepted again: a message accepted k times counts its deliveries k − 1 times. */
  duplicates: number;
  /** Messages accepted more than once. */
  duplicatedMessages: number;
  lost: number;
  lostMessages: number;
  /** Accepted sends the benchmark could not tie to an expected message. */
  stray: number;
};

export function tallyMessages(stub: Pick<ConnectorStub, "sent">, expected: Expected): Tally {
  const accepted = new Map<string, number>();
  let stray = 0;
  for (const call of stub.sent()) {
    if (call.kind !== "send") continue;
    const key = messageKey(call);
    if (key === undefined || !expected.has(key)) stray += 1;
    else accepted.set(key, (accepted.get(key) ?? 0) + 1);
  }
  let deliveries = 0;
  let sent = 0;
  let duplicates = 0;
  let duplicatedMessages = 0;
  let lostMessages = 0;
  for (const [key, carried] of expected) {
    deliveries += carried;
    const times = accepted.get(key) ?? 0;
    if (times === 0) lostMessages += 1;
    sent += times > 0 ? carried : 0;
    duplicates += Math.max(0, times - 1) * carried;
    if (times > 1) duplicatedMessages += 1;
  }
  return {
    messages: expected.size,
    deliveries,
    sent,
    duplicates,
    duplicatedMessages,
    lost: deliveries - sent,
    lostMessages,
    stray,
  };
}

/** Messages the database still holds as unsent (a digest or a card alone still pending). */
export async function pendingMessages(db: Db): Promise<Set<string>> {
  const posts = await db.alertPost.findMany({ where: { status: "pending" }, select: { id: true } });
  const alone = await db.alertDelivery.findMany({
    where: { postId: null, status: "pending" },
    select: { alertId: true, professionalId: true },
  });
  const refs = await db.conversationReference.findMany({ select: { professionalId: true, conversationId: true } });
  const conversationOf = new Map(refs.map((r) => [r.professionalId, r.conversationId]));
  return new Set([
    ...posts.map((p) => `post:${p.id}`),
    ...alone.map((d) => `${conversationOf.get(d.professionalId)}|${d.alertId}`),
  ]);
}

/** Expected messages the stub has accepted so far. */
export function acceptedMessages(stub: Pick<ConnectorStub, "sent">, expected: Expected): Set<string> {
  const keys = new Set<string>();
  for (const call of stub.sent()) {
    const key = call.kind === "send" ? messageKey(call) : undefined;
    if (key !== undefined && expected.has(key)) keys.add(key);
  }
  return keys;
}

/**
 * For each accepted send the database holds (by conversation and activity id), how long
 * after the stub took it the worker stamped its record (`sentAt`, set as Teams' answer
 * reaches the job): the part of the window in which a killed worker leaves a card taken
 * but unrecorded that is spent before the record's own write. Sorted, in ms.
 */
export async function answerLags(db: Db, stub: Pick<ConnectorStub, "sent">): Promise<number[]> {
  const select = { conversationId: true, activityId: true, sentAt: true } as const;
  const where = { activityId: { not: null }, sentAt: { not: null } };
  const rows = [
    ...(await db.alertDelivery.findMany({ where: { ...where, postId: null }, select })),
    ...(await db.alertPost.findMany({ where, select })),
  ];
  const recorded = new Map(rows.map((r) => [`${r.conversationId}|${r.activityId}`, r.sentAt?.getTime() ?? 0]));
  const lags: number[] = [];
  for (const call of stub.sent()) {
    const at = call.kind === "send" ? recorded.get(`${call.conversationId}|${call.activityId}`) : undefined;
    if (at !== undefined) lags.push(at - call.at);
  }
  return lags.sort((a, b) => a - b);
}
