/** help and the welcome on install (anything not understood: questions.ts notUnderstoodFor). */
import { helpCard, welcomeCard } from "../../cards/index.js";
import { suggestionsFor } from "../../cards/views/glance-views.js";
import type { TabLinks } from "../../cards/views/tab-links.js";
import { ROLE_NAMES, type Role } from "../../core/access/roles.js";
import type { Reply } from "../reply.js";

const COMMANDS = [
  {
    command: "status <name or UPN>",
    description: "A child's school, attendance, PEP, SEN, exclusions and recent actions.",
  },
  { command: "my caseload", description: "Your children with what needs attention first (DTs: “my pupils”)." },
  { command: "brief <name>", description: "Before a care-plan review: education since the last review." },
  { command: "alerts", description: "Your open alerts and reminders." },
  {
    command: "log <what you did>",
    description: "Record an action, e.g. “log rang carer about Jordan's absence, follow up Friday”.",
  },
  {
    command: "<name>'s PEP was held <date>",
    description: "Record a PEP meeting held, or booked: “PEP for Jordan booked for Thursday”.",
  },
  {
    command: "review for <name> booked <date>",
    description: "Book a care-plan review, or record it held: “Jordan's review was held yesterday”.",
  },
  { command: "help", description: "This list." },
];

const CAPABILITIES: Record<Role, string[]> = {
  vsh: [
    "See any child's education status, and the whole Virtual School at a glance.",
    "Receive no-school-place and severe-absence alerts.",
  ],
  education_adviser: [
    "See the education status of the children allocated to you.",
    "Quality-assure their PEPs on the card, and approve Pupil Premium Plus against targets.",
  ],
  social_worker: [
    "See the education status of the children allocated to you.",
    "Hear about PEPs falling due and absences, and log what you did.",
    "Say when a PEP or a care-plan review is booked or held, on the card or in a sentence.",
  ],
  designated_teacher: [
    "See the looked-after children on your school's roll.",
    "Answer PEP-due and missing-school alerts, and log what you did.",
    "Say when a PEP meeting is booked or held, on the card or in a sentence.",
  ],
  iro: [
    "Get a brief on a child's education before each care-plan review.",
    "Book the next review, or record it held, in a sentence.",
    "Log what you asked for at the review.",
  ],
};

export const helpReply = (role: Role | null, links: TabLinks): Reply => ({
  card: helpCard({ commands: COMMANDS, suggestions: suggestionsFor(role), tabUrl: links.teams() }),
});

export const welcomeReply = (name: string, role: Role, links: TabLinks): Reply => ({
  card: welcomeCard({
    name,
    suggestions: suggestionsFor(role),
    tabUrl: links.teams(),
    roleName: ROLE_NAMES[role],
    capabilities: CAPABILITIES[role],
    examples: [
      role === "designated_teacher" ? "my pupils" : "my caseload",
      "status Jordan",
      role === "iro" ? "brief Jordan" : "log rang the carer about Jordan's absence, follow up Friday",
      ...(role === "iro" ? ["review for Jordan booked 12 Dec"] : []),
      ...(role === "designated_teacher" || role === "social_worker" ? ["Jordan's PEP was held today"] : []),
    ],
  }),
});

/**
 * For someone Teams knows but the Virtual School does not: no data, and whom to contact
 * (the configured contact, an e-mail address; else the Virtual School Head).
 */
export const notRegisteredReply = (contact: string | undefined): Reply => {
  const who = contact ? `the Virtual School at ${contact}` : "the Virtual School Head";
  return {
    text: `Hello! I'm the Virtual School's assistant, but I don't recognise you as one of the professionals it works with yet, so I can't show you any children's information. To be added, contact ${who}.`,
  };
};

/**
 * The welcome in a team channel or group chat: read by everyone there, so nothing personal
 * (no one's name or role, no child): what the bot is and that it works in a one-to-one chat.
 */
export const sharedWelcomeReply: Reply = {
  text: "Hello! I'm the Virtual School's assistant. Children's information is only shown in a one-to-one chat with me, never here: message me directly, or type help.",
};
