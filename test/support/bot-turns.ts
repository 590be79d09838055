/** A bot turn over real HTTP, and what a card shows, for tests that read the bot's answers. */
import type { ConnectorStub, StubBody } from "./connector-stub.js";
import { message, post, type TeamsUser } from "./teams.js";

/**
 * What the person reads in words, reply by reply: the message's text, or a lone card's
 * sentence (its fallbackText: an answer to a plain question is a card alone, its sentence
 * in the card, bot/handlers/questions.ts). Joined by new lines.
 */
export function wordsOf(calls: readonly { body: StubBody }[]): string {
  return calls
    .map(({ body: b }) => {
      if (b.text) return b.text;
      const card = b.attachments?.[0]?.content as { fallbackText?: string } | undefined;
      return b.attachments?.length === 1 ? (card?.fallbackText ?? "") : "";
    })
    .join("\n");
}

/** Posts `text` as `user` to /api/messages and returns what the bot sent back during that turn. */
export async function botTurn(base: string, stub: ConnectorStub, user: TeamsUser, text: string) {
  const before = stub.sent().length;
  const res = await post(base, message(user, stub.url, text));
  if (res.status !== 200) throw new Error(`/api/messages answered ${res.status} to "${text}"`);
  const replies = stub.sent().slice(before);
  return {
    text: wordsOf(replies),
    /** The messages' own text alone (empty for a card sent alone). */
    messageText: replies.map((r) => r.body.text ?? "").join("\n"),
    cards: replies.flatMap((r) => (r.body.attachments ?? []).map((a) => a.content as unknown)),
  };
}

type Element = {
  type?: string;
  text?: string;
  title?: string;
  value?: string;
  facts?: { title: string; value: string }[];
  inlines?: { text?: string }[];
  body?: Element[];
  items?: Element[];
};

/**
 * Everything a card says, in reading order: each TextBlock's text, each fact as
 * "title: value", each rich-text block's runs joined. Actions are left out.
 */
export function cardTexts(card: unknown): string[] {
  const out: string[] = [];
  const walk = (elements: readonly Element[] | undefined) => {
    for (const e of elements ?? []) {
      if (e.type === "TextBlock" && e.text !== undefined) out.push(e.text);
      if (e.type === "FactSet") for (const f of e.facts ?? []) out.push(`${f.title}: ${f.value}`);
      if (e.type === "RichTextBlock") out.push((e.inlines ?? []).map((i) => i.text ?? "").join(""));
      walk(e.items);
    }
  };
  walk((card as Element).body);
  return out;
}
