/**
 * The Bot Connector stub as the delivery benchmarks use it: Teams' limits enforced (50/s
 * per app; per conversation 7 in 1 s, 8 in 2 s, 60 in 30 s …) and, on top, one send in
 * ten refused with an injected 429 (Retry-After 1 s), drawn from a seeded generator so
 * runs repeat. The injected refusals are told apart from the limits' own by their body.
 * (The stub is the test suite's: benchmarks may use test support; product code may not.)
 */
import { mulberry32 } from "../prisma/seed/random.js";
import { type ConnectorStub, type StubBody, startConnectorStub } from "../test/support/connector-stub.js";

export const CEILING = 50;
export const INJECTED_429 = 0.1;

export async function startTeamsStub(): Promise<{ stub: ConnectorStub; injected: Set<StubBody> }> {
  const stub = await startConnectorStub({ limits: true });
  const injected = new Set<StubBody>();
  const draw = mulberry32(1);
  stub.inject({
    status: 429,
    retryAfterSeconds: 1,
    times: Number.POSITIVE_INFINITY,
    match: (c) => {
      if (c.kind !== "send" || draw() >= INJECTED_429) return false;
      injected.add(c.body);
      return true;
    },
  });
  return { stub, injected };
}
