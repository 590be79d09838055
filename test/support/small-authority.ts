/**
 * What most integration test files start with: the real app over the small authority, and
 * a Bot Connector stub, started before the file's (or describe block's) tests and closed
 * after them. `t`, `f` and `stub` stand for the real objects once started (a test that
 * uses them earlier fails, saying so).
 */
import { afterAll, beforeAll } from "vitest";
import { startTestApp, type TestApp } from "./app.js";
import { type ConnectorStub, startConnectorStub } from "./connector-stub.js";
import { buildSmallAuthority, type Fixture, TODAY } from "./factories.js";

type Started = { t: TestApp; f: Fixture; stub: ConnectorStub };

export function useSmallAuthority(opts: Partial<Parameters<typeof startTestApp>[0]> = {}): Started {
  let started: Started | null = null;
  beforeAll(async () => {
    const stub = await startConnectorStub();
    const t = await startTestApp({ today: TODAY, ...opts });
    started = { t, f: await buildSmallAuthority(t.database.db), stub };
  });
  afterAll(async () => {
    await started?.t.close();
    await started?.stub.close();
  });
  const standIn = <K extends keyof Started>(key: K) =>
    new Proxy({} as Started[K], {
      get(_, property) {
        if (!started) throw new Error(`the test app's ${key} is used before it has started`);
        const target = started[key] as object;
        const value = Reflect.get(target, property, target);
        return typeof value === "function" ? value.bind(target) : value;
      },
    });
  return { t: standIn("t"), f: standIn("f"), stub: standIn("stub") };
}
