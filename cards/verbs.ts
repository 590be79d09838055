/**
 * The verbs a card button sends back, and a zod schema for each payload: nothing a
 * card returns is trusted before it is parsed here.
 */
import { z } from "zod";
import { isIsoDate } from "../core/platform/dates.js";

export const VERBS = {
  openStatus: "status.open",
  openBrief: "brief.open",
  /** The next page of the caseload ("Show more"). */
  caseloadPage: "caseload.page",
  chooseLogChild: "log.child",
  saveLog: "log.save",
  editLog: "log.edit",
  cancelLog: "log.cancel",
  /** A choice of child for something said in words ("Jordan's PEP was held today"). */
  recordChild: "record.child",
  /** A suggested question or command, answered as if typed ("Did you mean Amira K.?"). */
  ask: "question.ask",
} as const;

/** What can be recorded in words: a PEP or a care-plan review, booked or held. */
export const RECORD_SUBJECTS = ["pep", "review"] as const;
export const RECORD_EVENTS = ["booked", "held"] as const;
export type RecordSubject = (typeof RECORD_SUBJECTS)[number];
export type RecordEvent = (typeof RECORD_EVENTS)[number];

/** A date as Input.Date sends it (YYYY-MM-DD); `message` is what the person is told when it is not one. */
const cardDate = (message: string) => z.string({ error: message }).trim().refine(isIsoDate, { message });

const childPayload = z.object({ childId: z.coerce.number().int().positive() });

export const verbPayloadSchema = z.discriminatedUnion("verb", [
  z.object({ verb: z.literal(VERBS.openStatus) }).extend(childPayload.shape),
  z.object({ verb: z.literal(VERBS.openBrief) }).extend(childPayload.shape),
  z.object({ verb: z.literal(VERBS.chooseLogChild) }).extend(childPayload.shape),
  z.object({ verb: z.literal(VERBS.caseloadPage), page: z.coerce.number().int().min(1).max(1000) }),
  z.object({ verb: z.literal(VERBS.saveLog) }),
  z.object({ verb: z.literal(VERBS.editLog), text: z.string().trim().min(1).max(2000).optional() }),
  z.object({ verb: z.literal(VERBS.cancelLog) }),
  z.object({ verb: z.literal(VERBS.ask), text: z.string().trim().min(1).max(200) }),
  z
    .object({
      verb: z.literal(VERBS.recordChild),
      subject: z.enum(RECORD_SUBJECTS),
      event: z.enum(RECORD_EVENTS),
      date: cardDate("That choice has expired. Say it again, e.g. “Jordan's PEP was held today”."),
    })
    .extend(childPayload.shape),
]);
export type VerbPayload = z.infer<typeof verbPayloadSchema>;

/**
 * Alert card verbs (Universal Actions: Action.Execute, with an Action.Submit fallback
 * carrying the same data). Every payload names the alert.
 */
export const ALERT_VERBS = {
  refresh: "alert.refresh",
  /** Shows the alert's own card (from a digest or the alerts list) as a new message. */
  open: "alert.open",
  acknowledge: "alert.ack",
  present: "alert.present",
  reason: "alert.reason",
  snooze: "alert.snooze",
  log: "alert.log",
  askSchool: "alert.ask_school",
  /** PEP alerts: the meeting is booked for a date, or was held on one. */
  pepBooked: "alert.pep_booked",
  pepHeld: "alert.pep_held",
  /** The Virtual School's quality assurance of a submitted PEP, or its return for changes. */
  pepQa: "alert.pep_qa",
  pepReturn: "alert.pep_return",
} as const;

export const QA_RATINGS = ["green", "amber", "red"] as const;

/** Longest comment a card takes (Input.Text maxLength says the same). */
export const COMMENT_MAX = 2000;

/** Input.ChoiceSet with isMultiSelect sends "a,b,c" (or nothing when none is ticked). */
const multiSelect = z
  .union([z.string(), z.array(z.string())])
  .optional()
  .transform((v) => (Array.isArray(v) ? v : (v ?? "").split(",")).map((s) => s.trim()).filter(Boolean))
  .pipe(z.array(z.string().max(80)).max(30));

/** An empty comment box sends "" (or nothing): no comment. */
const optionalComment = z
  .string()
  .optional()
  .transform((v) => v?.trim() || undefined)
  .pipe(
    z
      .string()
      .max(COMMENT_MAX, `Keep the comment under ${COMMENT_MAX.toLocaleString("en-GB")} characters.`)
      .optional(),
  );

const alertId = z.coerce.number().int().positive();

export const alertVerbSchema = z.discriminatedUnion("verb", [
  z.object({ verb: z.literal(ALERT_VERBS.refresh), alertId }),
  z.object({ verb: z.literal(ALERT_VERBS.open), alertId }),
  z.object({ verb: z.literal(ALERT_VERBS.acknowledge), alertId }),
  z.object({
    verb: z.literal(ALERT_VERBS.present),
    alertId,
    // Card inputs arrive as strings: "true"/"false", not booleans.
    late: z.union([z.boolean(), z.enum(["true", "false"]).transform((v) => v === "true")]).default(false),
  }),
  z.object({ verb: z.literal(ALERT_VERBS.reason), alertId, code: z.string().trim().min(1).max(3) }),
  z.object({ verb: z.literal(ALERT_VERBS.snooze), alertId, days: z.coerce.number().int().min(1).max(20) }),
  z.object({
    verb: z.literal(ALERT_VERBS.log),
    alertId,
    text: z.string().trim().min(1).max(2000),
    /** "Save anyway" on a follow-up the card questioned: saved as written, not asked again. */
    confirmed: z.union([z.boolean(), z.enum(["true", "false"]).transform((v) => v === "true")]).optional(),
  }),
  z.object({ verb: z.literal(ALERT_VERBS.askSchool), alertId }),
  z.object({
    verb: z.literal(ALERT_VERBS.pepBooked),
    alertId,
    bookedFor: cardDate("Choose the date the PEP meeting is booked for."),
  }),
  z.object({
    verb: z.literal(ALERT_VERBS.pepHeld),
    alertId,
    heldOn: cardDate("Choose the date the PEP meeting was held."),
  }),
  z.object({
    verb: z.literal(ALERT_VERBS.pepQa),
    alertId,
    rating: z.enum(QA_RATINGS, { error: "Choose a rating: green, amber or red." }),
    criteria: multiSelect,
    comment: optionalComment,
  }),
  z.object({
    verb: z.literal(ALERT_VERBS.pepReturn),
    alertId,
    returnComment: z
      .string({ error: "Say what needs changing before the PEP goes back." })
      .trim()
      .min(1, "Say what needs changing before the PEP goes back.")
      .max(COMMENT_MAX, `Keep the comment under ${COMMENT_MAX.toLocaleString("en-GB")} characters.`),
  }),
]);
export type AlertVerbPayload = z.infer<typeof alertVerbSchema>;

/**
 * A digest's buttons (core/alerts/posts.ts): its refresh, and an alert's "Open and answer"
 * or "Acknowledge" on it; each names the digest, so the answer comes back as the digest.
 */
export const DIGEST_REFRESH = "digest.refresh";
const postId = z.coerce.number().int().positive();
export const digestVerbSchema = z.discriminatedUnion("verb", [
  z.object({ verb: z.literal(DIGEST_REFRESH), postId }),
  z.object({ verb: z.literal(ALERT_VERBS.open), alertId, postId }),
  z.object({ verb: z.literal(ALERT_VERBS.acknowledge), alertId, postId }),
]);
export type DigestVerbPayload = z.infer<typeof digestVerbSchema>;

const KNOWN_ALERT_VERBS: ReadonlySet<string> = new Set(Object.values(ALERT_VERBS));

/**
 * What to tell a person whose card answer did not parse: for a known button, what its
 * inputs need ("Choose the date the PEP meeting was held."); otherwise that the button is
 * not one the bot knows. Never the raw error.
 */
export function alertPayloadProblem(raw: unknown): string {
  const verb = typeof raw === "object" && raw !== null ? (raw as { verb?: unknown }).verb : undefined;
  if (typeof verb !== "string" || !KNOWN_ALERT_VERBS.has(verb)) {
    return "That button is not one I know. Try the latest copy of the card.";
  }
  const parsed = alertVerbSchema.safeParse(raw);
  if (parsed.success) return "";
  const issue = parsed.error.issues.find((i) => i.path[0] !== "alertId" && i.path[0] !== "verb");
  return issue?.message ?? "That card has expired. Try the latest copy of the card.";
}

/** Whether `raw` is meant as an alert card answer (its verb is one), parsed or not. */
export const isAlertAnswer = (raw: unknown): boolean => {
  const verb = typeof raw === "object" && raw !== null ? (raw as { verb?: unknown }).verb : undefined;
  return typeof verb === "string" && KNOWN_ALERT_VERBS.has(verb);
};
