/**
 * A fan-out for fault tests: `people` professionals, each with a Teams conversation of its
 * own (named apart from any other database's, as the stub may be shared), whose
 * serviceUrl is the connector (the stub, or a proxy in front of it), and one alert each,
 * written to the outbox as the scan writes them (nothing queued). Then the figures the
 * fault runs print, counted at the stub per card (conversation + alert): sent, duplicated
 * (a card accepted more than once), lost (a card never accepted).
 */
import { writeAlerts } from "../../core/alerts/outbox.js";
import type { Db } from "../../core/platform/db.js";
import { alertIdOf } from "./alert-jobs.js";
import type { ConnectorStub, RecordedCall } from "./connector-stub.js";

let round = 0;

export type Fanout = { deliveryIds: number[]; expected: Set<string> };

/** The people and their conversations, once per database. */
export async function fanoutPeople(db: Db, people: number, serviceUrl: string, at: Date): Promise<number[]> {
  const tag = `${Date.now().toString(36)}${Math.floor(Math.random() * 1e6)}`;
  await db.professional.createMany({
    data: Array.from({ length: people }, (_, i) => ({
      email: `f${i}-${tag}@faults.local`,
      name: `Person ${i}`,
      role: "social_worker",
      createdAt: at,
      updatedAt: at,
    })),
  });
  const ids = (
    await db.professional.findMany({ where: { email: { endsWith: `-${tag}@faults.local` } }, select: { id: true } })
  ).map((p) => p.id);
  await db.conversationReference.createMany({
    data: ids.map((id) => ({
      professionalId: id,
      conversationId: `a:faults-${tag}-${id}`,
      serviceUrl,
      reference: JSON.stringify({
        serviceUrl,
        conversation: { id: `a:faults-${tag}-${id}` },
        bot: { id: "28:bot" },
        user: { id: `29:${id}` },
      }),
      createdAt: at,
      updatedAt: at,
    })),
  });
  return ids;
}

/** One new alert for each person, written as the scan writes them; the deliveries are pending, not queued. */
export async function fanoutAlerts(db: Db, people: readonly number[], at: Date): Promise<Fanout> {
  round += 1;
  const child =
    (await db.child.findFirst({ where: { localId: "FAULTS" } })) ??
    (await db.child.create({
      data: {
        localId: "FAULTS",
        firstName: "Fault",
        lastName: "Run",
        dateOfBirth: "2014-01-01",
        placingAuthority: "999",
        createdAt: at,
        updatedAt: at,
      },
    }));
  const tag = `r${round}-${Date.now().toString(36)}`;
  const { deliveryIds } = await writeAlerts(
    db,
    people.map((id, n) => ({
      childId: child.id,
      rule: "pep_review_due" as const,
      period: `${tag}-${n}`,
      dedupeKey: `${child.id}:pep_review_due:${tag}-${n}`,
      severity: "amber" as const,
      recipients: ["social_worker" as const],
      details: { dueDate: "2026-12-18" },
      recipientIds: [id],
    })),
    at,
  );
  const rows = await db.alertDelivery.findMany({
    where: { id: { in: deliveryIds } },
    select: { alertId: true, professionalId: true },
  });
  const refs = await db.conversationReference.findMany({
    where: { professionalId: { in: [...people] } },
    select: { professionalId: true, conversationId: true },
  });
  const conversationOf = new Map(refs.map((r) => [r.professionalId, r.conversationId]));
  return {
    deliveryIds,
    expected: new Set(rows.map((d) => `${conversationOf.get(d.professionalId)}|${d.alertId}`)),
  };
}

const keyOf = (c: RecordedCall) => `${c.conversationId}|${alertIdOf(c)}`;

/** The cards of `expected` the stub has accepted so far. */
export function acceptedKeys(stub: ConnectorStub, expected: ReadonlySet<string>): Set<string> {
  return new Set(
    stub
      .sent()
      .map(keyOf)
      .filter((k) => expected.has(k)),
  );
}

/** The cards the database still holds as pending (not recorded as sent). */
export async function pendingKeys(db: Db): Promise<Set<string>> {
  const rows = await db.alertDelivery.findMany({
    where: { status: "pending" },
    select: { alertId: true, professionalId: true },
  });
  const refs = await db.conversationReference.findMany({ select: { professionalId: true, conversationId: true } });
  const conversationOf = new Map(refs.map((r) => [r.professionalId, r.conversationId]));
  return new Set(rows.map((d) => `${conversationOf.get(d.professionalId)}|${d.alertId}`));
}

export type Figures = { expected: number; sent: number; duplicates: number; lost: number };

/** What the stub accepted of `expected` since `since` (ms): each card once, or duplicated, or lost. */
export function tally(stub: ConnectorStub, expected: ReadonlySet<string>, since = 0): Figures {
  const accepted = stub.sent().filter((c) => c.kind === "send" && c.at >= since && expected.has(keyOf(c)));
  const distinct = new Set(accepted.map(keyOf));
  return {
    expected: expected.size,
    sent: distinct.size,
    duplicates: accepted.length - distinct.size,
    lost: expected.size - distinct.size,
  };
}

/** Resolves once every expected card has been accepted at least once (or throws after `timeoutMs`). */
export async function allSent(stub: ConnectorStub, expected: ReadonlySet<string>, timeoutMs = 20_000, since = 0) {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const figures = tally(stub, expected, since);
    if (figures.lost === 0) return figures;
    if (Date.now() > end) throw new Error(`cards still missing after ${timeoutMs} ms: ${JSON.stringify(figures)}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
