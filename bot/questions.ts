/**
 * Plain questions, recognised: "how is Amira doing?", "is Jordan in school today?", "when
 * is Amira's next PEP?", "who is Tyler's designated teacher?", "what happened at Leah's
 * last review?", "who is absent today?", a bare name ("Amira", "Jordan Smith"), thanks and
 * small talk. Pure: which child a name means is the handler's business (it may mean nobody:
 * a bare word is only a guess at a name).
 */

/** The parts of a child's record a question can be about; "status" is the whole card. */
export type Topic =
  | "status"
  | "in_school"
  | "next_pep"
  | "designated_teacher"
  | "social_worker"
  | "school"
  | "last_review"
  | "next_review"
  /** Asked as the "brief" command (typed, or in a sentence: `briefAsked`); a "Did you mean …?" may offer it. */
  | "brief";

export type Question =
  /**
   * `bare`: the person typed only a name (or a word that may be one). `absent`: asked the
   * other way round ("is Kai off today?"), so the answer's yes means absent.
   */
  | { topic: Topic; name: string; bare?: boolean; absent?: boolean }
  | { topic: "absent_today" }
  | { topic: "thanks" }
  | { topic: "small_talk"; answer: string };

/** One to three name words ("Amira", "Jordan Smith", "Callum R", "Mary-Jane O'Neil"). */
const NAME = "([\\p{L}][\\p{L}'’.-]*(?: [\\p{L}][\\p{L}'’.-]*){0,2}?)";
/** A name and its possessive ("Amira's", "James'"). */
const OF = `${NAME}['’]s?`;
const END = "\\s*[?.!]*$";
const TODAY = "(?: (?:today|this morning|this afternoon|now|at the moment))?";

const rx = (source: string) => new RegExp(`^${source}${END}`, "iu");

/** "who's", "whos" (typed without the apostrophe) or "who is"; curly apostrophes are made straight first. */
const IS = "(?:'?s| is)";

/** Tried in order; the first whose pattern matches names the topic, its group 1 the child. */
const PATTERNS: readonly [Topic, RegExp, { absent: true }?][] = [
  // First: "is Kai not in school" is not "is (Kai not) in school".
  [
    "in_school",
    rx(`(?:is|was) ${NAME} (?:absent|off|missing|not in)(?: (?:from |at |in )?school)?${TODAY}`),
    { absent: true },
  ],
  ["in_school", rx(`(?:is|was) ${NAME} (?:in|at) school${TODAY}`)],
  ["in_school", rx(`(?:is|was) ${NAME} (?:in|present|here|attending)${TODAY}`)],
  ["in_school", rx(`(?:did|has) ${NAME} (?:go|gone|been|come) (?:in(?:to)?|to) school${TODAY}`)],
  ["in_school", rx(`(?:is|was) ${NAME} in today`)],
  ["next_pep", rx(`when(?:'?s| is| was)? ${OF} (?:next )?pep(?: due| meeting| booked)?`)],
  ["next_pep", rx(`when${IS}? the next pep (?:for|of) ${NAME}`)],
  ["next_pep", rx(`(?:is|has) ${OF} pep (?:in date|due|overdue|booked|late|done|been held)`)],
  ["next_pep", rx(`(?:has|does) ${NAME} (?:got|had|have|need) (?:a|an|their|his|her) pep(?: yet)?`)],
  ["designated_teacher", rx(`who${IS}(?: the)? ${OF} (?:designated teacher|dt)`)],
  ["designated_teacher", rx(`who${IS} the (?:designated teacher|dt) (?:for|of|at school for) ${NAME}`)],
  ["social_worker", rx(`who${IS}(?: the)? ${OF} (?:social worker|sw)`)],
  ["social_worker", rx(`who${IS} the (?:social worker|sw) (?:for|of) ${NAME}`)],
  ["school", rx(`(?:which|what) school (?:is|does) ${NAME}(?: (?:at|in|go to|attend))?`)],
  ["school", rx(`where (?:is|does) ${NAME} (?:at school|go to school|in school)`)],
  ["last_review", rx(`what (?:happened|was said|was decided) (?:at|in) ${OF} last (?:care[- ]plan |lac |cla )?review`)],
  ["last_review", rx(`when (?:was|did) ${OF} last (?:care[- ]plan |lac |cla )?review(?: held)?`)],
  ["next_review", rx(`when${IS}? ${OF} next (?:care[- ]plan |lac |cla )?review(?: due| booked)?`)],
  ["status", rx(`how(?:'?s| is| has| are things with) ${NAME}(?: been)?(?: doing| getting on| going)?${TODAY}`)],
  ["status", rx(`(?:tell me about|what about|any news (?:on|about)|news on|show me|show|update on) ${NAME}`)],
  ["status", rx(`what(?:'?s| is) (?:happening|going on|new|the latest) (?:with|for|on) ${NAME}`)],
];

/**
 * Asking for an IRO's brief in a sentence: "can I have a brief on Amira?", "Jordan's brief
 * please", "I've got Jordan Smith's review next week, can I have a brief?". Group 1 is the child.
 */
const BRIEF = "brief(?:ing)?";
const ASK =
  "(?:(?:can|could|may) (?:i|we) (?:have|get|see)|(?:can|could|would|will) you (?:give|send|show|get|do) me|i(?:'d| would) like|i need|i want|(?:please )?(?:send|give|show|get) me)";
const REVIEW = "(?:next )?(?:care[- ]plan |lac |cla )?review";
const POLITE = "(?:,? please)?";
const BRIEF_ASKS: readonly RegExp[] = [
  rx(`(?:${ASK} )?(?:a |an |the |my )?${BRIEF} (?:on|for|about|ahead of|before) ${OF} ${REVIEW}${POLITE}`),
  rx(
    `(?:${ASK} )?(?:a |an |the |my )?${BRIEF} (?:on|for|about) ${NAME}(?:['’]s? ${REVIEW})?(?: (?:before|for|ahead of) .+)?${POLITE}`,
  ),
  rx(`(?:${ASK} )?${OF} ${BRIEF}${POLITE}`),
  // The review first, the brief asked for after it.
  new RegExp(`^(?:.*?\\b(?:got|have|had|is|it'?s|for) )?${OF} ${REVIEW}\\b.*?\\b${BRIEF}\\b.*$`, "iu"),
];

const ARTICLE = /^(?:the|a|an|my|your|our|this|that|his|her|their) /iu;

/** The child whose brief the message asks for in words, or null. */
export function briefAsked(text: string): string | null {
  const t = text.trim().replace(/\s+/g, " ").replace(/[‘’]/g, "'");
  for (const pattern of BRIEF_ASKS) {
    const name = pattern.exec(t)?.[1];
    // "a brief on the weather": a name does not start with an article.
    if (name && !NOT_NAMES.has(tidyName(name).toLowerCase()) && !ARTICLE.test(name)) return tidyName(name);
  }
  return null;
}

const ABSENT =
  /^(?:who(?:'?s| is| are)?|which (?:children|pupils|kids|students|of my (?:children|pupils|kids|students))(?: are| is)?|anyone|any (?:children|pupils|kids)) ?(?:absent|off|off school|not in(?: school)?|missing)(?: school)? today\s*[?.!]*$|^(?:absences|who'?s absent) today\s*[?.!]*$/iu;

/** "thanks", "thanks for your help", "great, thanks", "thanks, that's great": one or more, with what follows them. */
const THANK = `(?:thanks?(?: you)?|thank you|thx|ta|cheers|many thanks|great|perfect|brilliant|lovely|excellent|ok|okay|cool|nice one|got it|that's (?:great|brilliant|perfect|lovely|helpful|useful|fine))(?: (?:a lot|very much|so much|again|mate|for (?:(?:your|the|all (?:your|the)) help|that|this|checking)))*`;
const THANKS = new RegExp(`^${THANK}(?:[,!.]* ${THANK})*\\s*[!.]*$`, "iu");

const SMALL_TALK: readonly [RegExp, string][] = [
  [
    /^how are (?:you|things)(?: doing| today)?\s*[?!.]*$/iu,
    "I'm well, thank you. Ask me about a child, e.g. “how is Jordan doing?”",
  ],
  [
    /^(?:who|what) are you\s*[?!.]*$/iu,
    "I'm the Virtual School's assistant: I answer questions about the education of the children you work with.",
  ],
  [/^(?:bye|goodbye|see you|see ya|cya|night|good night)\b.*$/iu, "Bye for now."],
  [/^(?:sorry|my bad|oops)\s*[!.]*$/iu, "No problem."],
];

/** Words that are never a child's name on their own: a bare message made of these is not a status request. */
const NOT_NAMES = new Set(
  (
    "a an the and or but yes no not what who why when where how which is are was were do does did can could " +
    "would should will shall may might i you we they he she it me my our your this that these those there here " +
    "please pls ok okay hmm test testing menu start stop cancel quit exit more back next previous again today " +
    "tomorrow yesterday pep peps review reviews attendance absence absences school schools status brief log alerts " +
    "alert caseload children pupils kids help settings good bad fine great"
  ).split(" "),
);

/** A message that may be only a child's name: one to three words of letters, none a common word. */
function bareName(text: string): string | null {
  const cleaned = text.replace(/[?!.,]+$/u, "").trim();
  if (!/^[\p{L}][\p{L}'’-]*(?: [\p{L}][\p{L}'’.-]*){0,2}$/u.test(cleaned)) return null;
  const words = cleaned.toLowerCase().split(" ");
  // "children's services", "held Jordan's hand": a possessive is about something, not a name alone.
  if (words.some((w) => /['’]s?$/u.test(w))) return null;
  return words.some((w) => NOT_NAMES.has(w)) ? null : cleaned;
}

/** The name as the person wrote it, without a trailing possessive or full stop. */
const tidyName = (name: string) =>
  name
    .replace(/['’]s?$/u, "")
    .replace(/\.$/u, "")
    .trim();

/** What a message asks, or null when it is not a question this module knows. */
export function recogniseQuestion(text: string): Question | null {
  // Teams on a phone or a Mac types ’ for ': "how’s Jordan getting on".
  const t = text.trim().replace(/\s+/g, " ").replace(/[‘’]/g, "'");
  if (t === "") return null;
  if (ABSENT.test(t)) return { topic: "absent_today" };
  if (THANKS.test(t)) return { topic: "thanks" };
  for (const [pattern, answer] of SMALL_TALK) if (pattern.test(t)) return { topic: "small_talk", answer };
  for (const [topic, pattern, how] of PATTERNS) {
    const name = pattern.exec(t)?.[1];
    if (name && !NOT_NAMES.has(tidyName(name).toLowerCase())) return { topic, name: tidyName(name), ...how };
  }
  const bare = bareName(t);
  return bare ? { topic: "status", name: bare, bare: true } : null;
}

/** The question again, about a child named in full: what a "Did you mean …?" button asks. */
export function askAbout(topic: Topic, fullName: string): string {
  switch (topic) {
    case "status":
      return `status ${fullName}`;
    case "brief":
      return `brief ${fullName}`;
    case "in_school":
      return `is ${fullName} in school today?`;
    case "next_pep":
      return `when is ${fullName}'s next PEP?`;
    case "designated_teacher":
      return `who is ${fullName}'s designated teacher?`;
    case "social_worker":
      return `who is ${fullName}'s social worker?`;
    case "school":
      return `which school is ${fullName} at?`;
    case "last_review":
      return `what happened at ${fullName}'s last review?`;
    case "next_review":
      return `when is ${fullName}'s next review?`;
  }
}
