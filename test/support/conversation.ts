/**
 * One person's side of a conversation with the bot over the real protocol: each turn is a
 * message typed, or a card button pressed (its data sent as Teams sends an Action.Submit),
 * and returns what the person then sees: new messages, and cards the bot changed in place.
 */
import { expect } from "vitest";
import { wordsOf } from "./bot-turns.js";
import type { ConnectorStub, RecordedCall } from "./connector-stub.js";
import { message, post, type TeamsUser } from "./teams.js";

export type Action = { type?: string; title?: string; url?: string; data?: Record<string, unknown> };
export type Seen = {
  /** The text of every message shown this turn, joined by new lines. */
  text: string;
  cards: unknown[];
  calls: RecordedCall[];
};

export function conversation(base: string, stub: ConnectorStub, user: TeamsUser, shared?: "channel" | "groupChat") {
  const turn = async (text: string, value?: object): Promise<Seen> => {
    const before = stub.shown().length;
    const activity = message(user, stub.url, text, value);
    const sent = shared
      ? { ...activity, conversation: { ...activity.conversation, id: `19:${shared}-h3`, conversationType: shared } }
      : activity;
    const res = await post(base, sent);
    expect(res.status, `/api/messages answered “${text}”`).toBe(200);
    const calls = stub.shown().slice(before);
    return {
      text: wordsOf(calls),
      cards: calls.flatMap((c) => (c.body.attachments ?? []).map((a) => a.content as unknown)),
      calls,
    };
  };
  return {
    say: (text: string) => turn(text),
    /** Presses a button: its data is posted back as the message's value. */
    press: (action: Action | undefined) => {
      expect(action, "the button to press").toBeDefined();
      return turn("", action?.data ?? {});
    },
    /** Sends a card's inputs with a verb, as an Action.Submit from a form (the log card's Edit). */
    submit: (value: object) => turn("", value),
  };
}

/** Every Action.Submit and Action.OpenUrl on a card, its rows' selectActions too, in order. */
export function actionsOf(card: unknown): Action[] {
  const out: Action[] = [];
  const walk = (node: unknown) => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === "object") {
      const n = node as Record<string, unknown>;
      if (n.type === "Action.Submit" || n.type === "Action.OpenUrl") out.push(n as Action);
      for (const v of Object.values(n)) walk(v);
    }
  };
  walk(card);
  return out;
}

/** The button titled `title`. */
export const button = (card: unknown, title: string) => actionsOf(card).find((a) => a.title === title);
