/**
 * The cluster benchmark's judge (bench/cluster-tally.ts): deliveries counted through the
 * messages they go out as, from what the stub accepted.
 */
import { describe, expect, it } from "vitest";
import { type Expected, tallyMessages } from "../../bench/cluster-tally.js";
import type { RecordedCall } from "../support/connector-stub.js";

let at = 0;
function send(conversationId: string, data: { postId?: number; alertId?: number }, rejected = false): RecordedCall {
  at += 1;
  const refresh = { action: { type: "Action.Execute", verb: "x.refresh", data } };
  return {
    method: "POST",
    kind: "send",
    conversationId,
    body: { attachments: [{ contentType: "application/vnd.microsoft.card.adaptive", content: { refresh } }] },
    at,
    status: rejected ? 429 : 201,
    rejected,
  };
}
const stubOf = (calls: RecordedCall[]) => ({ sent: () => calls.filter((c) => !c.rejected) });

describe("the cluster benchmark's tally", () => {
  // A digest carrying 3 deliveries, another carrying 2, and two cards alone.
  const expected: Expected = new Map([
    ["post:1", 3],
    ["post:2", 2],
    ["a:c-7|40", 1],
    ["a:c-8|41", 1],
  ]);

  it("counts each delivery once when each message was accepted once (refusals reach no one)", () => {
    const calls = [
      send("a:c-1", { postId: 1 }, true),
      send("a:c-1", { postId: 1 }),
      send("a:c-2", { postId: 2 }),
      send("a:c-7", { alertId: 40 }),
      send("a:c-8", { alertId: 41 }),
    ];
    expect(tallyMessages(stubOf(calls), expected)).toEqual({
      messages: 4,
      deliveries: 7,
      sent: 7,
      duplicates: 0,
      duplicatedMessages: 0,
      lost: 0,
      lostMessages: 0,
      stray: 0,
    });
  });

  it("counts a digest accepted twice as each of its deliveries duplicated, and a card never accepted as lost", () => {
    const calls = [
      send("a:c-1", { postId: 1 }),
      send("a:c-1", { postId: 1 }),
      send("a:c-2", { postId: 2 }),
      send("a:c-7", { alertId: 40 }),
      // The right alert in another conversation is not this delivery; an unknown post is stray.
      send("a:c-9", { alertId: 41 }),
      send("a:c-3", { postId: 99 }),
    ];
    expect(tallyMessages(stubOf(calls), expected)).toMatchObject({
      sent: 6,
      duplicates: 3,
      duplicatedMessages: 1,
      lost: 1,
      lostMessages: 1,
      stray: 2,
    });
  });
});
