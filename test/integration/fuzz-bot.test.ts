/**
 * Property-based fuzzing of the bot over the real protocol (issue 13, item 8): typed text
 * (arbitrary unicode, long, markdown, injection-looking, commands naming other people's
 * children), Action.Submit values and Action.Execute invokes with arbitrary verbs and
 * fields, from every role and a stranger, in 1:1 chats and shared ones. /api/messages
 * always answers 200, the bot always answers with a sentence or a card, nothing shows a
 * stack trace, and nothing names a child outside the sender's scope (worked out here from
 * the allocations and enrolments) unless the sender typed it. Fixed seed, bounded runs.
 */
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ALERT_VERBS, VERBS } from "../../cards/verbs.js";
import { outboxAlert } from "../support/alert-jobs.js";
import { startTestApp, type TestApp } from "../support/app.js";
import { type ConnectorStub, startConnectorStub } from "../support/connector-stub.js";
import { aadOf, buildSmallAuthority, PEOPLE, TODAY } from "../support/factories.js";
import { message, post, type TeamsUser } from "../support/teams.js";

const SEED = 20261123;
const RUNS = 150;
const counts: Record<string, number> = {};
/** Turns whose answer included a card, per property: the fuzzing reached real answers, not only refusals. */
const withCards: Record<string, number> = {};

let t: TestApp;
let stub: ConnectorStub;
const FIXTURE_CHILDREN = ["T001", "T002", "T003", "T004"];
const STRANGER = "aad-fuzz-stranger";

beforeAll(async () => {
  stub = await startConnectorStub();
  t = await startTestApp({ today: TODAY });
  const f = await buildSmallAuthority(t.database.db);
  const raisedAt = new Date(`${TODAY}T07:00:00Z`);
  await outboxAlert(t.database.db, { childId: f.jordan.id, recipientIds: [f.sw1.id], raisedAt });
  await outboxAlert(t.database.db, { childId: f.amira.id, recipientIds: [f.sw2.id], raisedAt, rule: "pep_overdue" });
});

afterAll(async () => {
  await t.close();
  await stub.close();
  const summary = Object.entries(counts).map(([k, n]) => `${k}=${n} (${withCards[k] ?? 0} with a card)`);
  console.log(`fuzz-bot: ${summary.join(", ")} activities (seed ${SEED})`);
});

const openToday = { fromDate: { lte: TODAY }, OR: [{ toDate: null }, { toDate: { gte: TODAY } }] };

/** Full names, surnames and local ids of the fixture children the Teams user `aad` may not see (in a shared chat: all). */
async function outsideScope(aad: string, shared: boolean): Promise<string[]> {
  const db = t.database.db;
  const me = await db.professional.findFirst({ where: { aadObjectId: aad } });
  const children = await db.child.findMany({
    where: { localId: { in: FIXTURE_CHILDREN } },
    include: { allocations: { where: openToday }, enrolments: { where: openToday } },
  });
  const sees = (c: (typeof children)[number]) => {
    if (shared || !me?.active) return false;
    if (me.role === "vsh") return true;
    if (me.role === "designated_teacher")
      return c.enrolments.some((e) => me.schoolId !== null && e.schoolId === me.schoolId);
    return c.allocations.some((a) => a.professionalId === me.id && a.role === me.role);
  };
  // Cards say "Amira K."; Jordan's first name alone is not checked: the examples say "how is Jordan doing?" to everyone.
  return children
    .filter((c) => !sees(c))
    .flatMap((c) => [
      ...(c.firstName === "Jordan" ? [] : [c.firstName]),
      `${c.firstName} ${c.lastName.charAt(0)}.`,
      c.lastName,
      c.localId,
    ]);
}

const LEAKS = /\n\s+at |node_modules|\/(work|tmp)\/|\.[cm]?[jt]s:\d+|prisma|sqlite|(Type|Reference|Range)Error/i;

const senders = fc.constantFrom(...Object.values(PEOPLE).map(aadOf), STRANGER);
const where = fc.constantFrom<"personal" | "groupChat" | "channel">(
  "personal",
  "personal",
  "personal",
  "groupChat",
  "channel",
);
const names = fc.constantFrom("Jordan", "Amira Khan", "amira", "Tyler Brooks", "Leah", "T002", "Smith", "khan");
const commands = fc.constantFrom("status", "brief", "log", "alerts", "caseload", "help", "find", "pep", "who is", "");
const unicode = fc.string({ unit: "grapheme", maxLength: 80 });

const texts = fc.oneof(
  unicode,
  fc.string({ unit: "binary", maxLength: 60 }),
  fc.tuple(commands, names, unicode).map(([c, n, rest]) => `${c} ${n} ${rest}`.trim()),
  fc.tuple(commands, names).map(([c, n]) => `${c} ${n}`),
  fc.constantFrom(
    "**status** [Amira](https://evil.example) <script>alert(1)</script>",
    "'; DROP TABLE Child; --",
    // biome-ignore lint/suspicious/noTemplateCurlyInString: text that looks like a template, on purpose.
    "${process.env.DEV_AUTH_SECRET} {{childId}} %s %n",
    "<at>Virtual School</at> status Tyler",
    "log Jordan met carer ```\n| a | b |\n```",
    "\u202e\u0000\uFEFF\uD800",
  ),
  fc.tuple(commands, fc.string({ minLength: 1900, maxLength: 5000 })).map(([c, s]) => `${c} ${s}`),
);

const ids = fc.oneof(fc.integer({ min: -1, max: 8 }), fc.constantFrom("1", "2", " 3", "1e3", "x", null, 2 ** 53));
const verbs = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...Object.values(VERBS), ...Object.values(ALERT_VERBS), "digest.refresh") },
  { weight: 1, arbitrary: fc.oneof(unicode, fc.constant("__proto__"), fc.jsonValue({ maxDepth: 1 })) },
);
const anyValue = fc.oneof(fc.jsonValue({ maxDepth: 2 }), unicode, ids, fc.constantFrom(TODAY, "2026-13-45", "true"));
/** Card data: a verb, the fields the verbs read (each maybe), and arbitrary others. */
const cardData = fc
  .tuple(
    verbs,
    fc.record(
      {
        childId: ids,
        alertId: ids,
        postId: ids,
        page: ids,
        days: ids,
        text: fc.oneof(texts, anyValue),
        subject: fc.constantFrom("pep", "review", "x"),
        event: fc.constantFrom("booked", "held", "y"),
        date: anyValue,
        meetingDate: anyValue,
        rating: fc.constantFrom("green", "amber", "red", "blue"),
        code: anyValue,
        comment: anyValue,
        confirmed: anyValue,
        late: anyValue,
        criteria: anyValue,
      },
      { requiredKeys: [] },
    ),
    fc.dictionary(unicode, anyValue, { maxKeys: 3 }),
  )
  .map(([verb, fields, extra]) => ({ ...extra, ...fields, verb }));

/** Answers to the two alerts (Jordan's to sw1, Amira's to sw2) that fit their verbs, from either. */
const alertAnswers = fc.record({
  verb: fc.constantFrom(...Object.values(ALERT_VERBS)),
  alertId: fc.constantFrom(1, 2),
  days: fc.integer({ min: 1, max: 5 }),
  text: fc.constantFrom("rang the school", "met the carer"),
  date: fc.constant(TODAY),
  meetingDate: fc.constant(TODAY),
  code: fc.constantFrom("I", "M"),
  rating: fc.constant("green"),
});
const answerers = fc.oneof(senders, fc.constantFrom(aadOf(PEOPLE.sw1), aadOf(PEOPLE.sw2)));
const payloads = fc.oneof({ weight: 3, arbitrary: cardData }, { weight: 1, arbitrary: alertAnswers });

function activityFor(aad: string, where: string, text: string, value?: object) {
  const user: TeamsUser = { aadObjectId: aad };
  const base = message(user, stub.url, text, value);
  return where === "personal"
    ? base
    : { ...base, conversation: { ...base.conversation, id: `19:fuzz-${where}`, conversationType: where } };
}

/** Posts `activity`; returns the status, the answer's body and everything shown during the turn. */
async function turn(activity: object) {
  const before = stub.shown().length;
  const res = await post(t.base, activity);
  const body = await res.text();
  const shown = stub.shown().slice(before);
  const cards = shown.some((c) => (c.body.attachments ?? []).length > 0) || body.includes("card.adaptive");
  return { status: res.status, body, shown: JSON.stringify(shown.map((c) => c.body)), replies: shown.length, cards };
}

/** What onTurnError says: a turn that threw. */
const CRASHED = "something went wrong on our side";

function expectClean(output: string, input: string, outside: string[], what: string) {
  expect(output, what).not.toContain(CRASHED);
  if (!LEAKS.test(input)) expect(output, what).not.toMatch(LEAKS);
  const typed = input.toLowerCase();
  for (const name of outside) {
    if (!typed.includes(name.toLowerCase())) expect(output, `${what}: shows ${name}`).not.toContain(name);
  }
}

describe("the bot under fuzzing", () => {
  it("the scope oracle: the VSH sees Tyler's record, a DT at another school does not", async () => {
    const dt = aadOf(PEOPLE.dtA);
    expect(await outsideScope(dt, false)).toEqual([
      "Amira",
      "Amira K.",
      "Khan",
      "T002",
      "Tyler",
      "Tyler B.",
      "Brooks",
      "T003",
      "Leah",
      "Leah M.",
      "Morgan",
      "T004",
    ]);
    expect(await outsideScope(aadOf(PEOPLE.vsh), false)).toEqual([]);
    expect((await turn(activityFor(aadOf(PEOPLE.vsh), "personal", "status Tyler"))).shown).toContain("Tyler B.");
    expect((await turn(activityFor(dt, "personal", "status Tyler"))).shown).not.toContain("Tyler B.");
  });

  it("typed text: always 200 and an answer, nothing from another caseload", async () => {
    let runs = 0;
    await fc.assert(
      fc.asyncProperty(senders, where, texts, async (aad, place, text) => {
        runs += 1;
        const outside = await outsideScope(aad, place !== "personal");
        const { status, body, shown, replies, cards } = await turn(activityFor(aad, place, text));
        withCards.text = (withCards.text ?? 0) + Number(cards);
        const what = `${aad} in ${place} typed ${JSON.stringify(text.slice(0, 200))} → ${status} ${shown.slice(0, 300)}`;
        expect(status, what).toBe(200);
        if (text.trim() !== "") expect(replies, what).toBeGreaterThan(0);
        expectClean(`${body}${shown}`, text, outside, what);
      }),
      { seed: SEED, numRuns: RUNS, endOnFailure: true },
    );
    counts.text = runs;
    expect(runs).toBe(RUNS);
  });

  it("Action.Submit values: always 200 and a sentence or card, nothing out of scope", async () => {
    let runs = 0;
    await fc.assert(
      fc.asyncProperty(answerers, where, payloads, async (aad, place, value) => {
        runs += 1;
        const outside = await outsideScope(aad, place !== "personal");
        const { status, body, shown, replies, cards } = await turn(activityFor(aad, place, "", value));
        withCards.submit = (withCards.submit ?? 0) + Number(cards);
        const input = JSON.stringify(value);
        const what = `${aad} in ${place} submitted ${input.slice(0, 300)} → ${status} ${shown.slice(0, 300)}`;
        expect(status, what).toBe(200);
        expect(replies, what).toBeGreaterThan(0);
        expectClean(`${body}${shown}`, input, outside, what);
      }),
      { seed: SEED + 1, numRuns: RUNS, endOnFailure: true },
    );
    counts.submit = runs;
    expect(runs).toBe(RUNS);
  });

  it("Action.Execute invokes: always 200 with a sentence or card, nothing out of scope", async () => {
    let runs = 0;
    const data = fc.oneof({ weight: 4, arbitrary: payloads }, { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 2 }) });
    await fc.assert(
      fc.asyncProperty(answerers, where, verbs, data, async (aad, place, anyVerb, raw) => {
        // An answer's own verb when it has one (as a button sends), else an arbitrary one.
        const verb = (raw as { verb?: unknown } | null)?.verb ?? anyVerb;
        runs += 1;
        const outside = await outsideScope(aad, place !== "personal");
        const { text: _text, ...activity } = activityFor(aad, place, "");
        const value = { action: { type: "Action.Execute", verb, data: raw } };
        const invoke = { ...activity, type: "invoke", name: "adaptiveCard/action", value };
        const { status, body, shown, cards } = await turn(invoke);
        withCards.invoke = (withCards.invoke ?? 0) + Number(cards);
        const input = JSON.stringify(value);
        const what = `${aad} in ${place} invoked ${input.slice(0, 300)} → ${status} ${body.slice(0, 300)}`;
        expect(status, what).toBe(200);
        const answer = JSON.parse(body) as { statusCode?: number; type?: string; value?: unknown };
        expect(answer.statusCode, what).toBe(200);
        expect(answer.type, what).toMatch(/^application\/vnd\.microsoft\.(activity\.message|card\.adaptive)$/);
        expect(answer.value, what).toBeTruthy();
        expectClean(`${body}${shown}`, input, outside, what);
      }),
      { seed: SEED + 2, numRuns: RUNS, endOnFailure: true },
    );
    counts.invoke = runs;
    expect(runs).toBe(RUNS);
  });
});
