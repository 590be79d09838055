/**
 * DfE attendance codes in force from 19 August 2024 (School Attendance (Pupil
 * Registration) (England) Regulations 2024), plus the retired codes old feeds still carry.
 *
 * Whether a session is "possible" decides every rate: present, approved activity,
 * authorised and unauthorised absence are possible sessions; "unable to attend" (Q, Y1–Y7)
 * and administrative codes are not, so they neither help nor hurt a child's attendance.
 */

export type AttendanceCategory =
  | "present"
  | "approved_activity"
  | "authorised"
  | "unauthorised"
  | "unable_to_attend"
  | "administrative";

type CodeInfo = { category: AttendanceCategory; description: string; retired?: true; symbol?: string };

const CODES = {
  "/": { category: "present", description: "Present (morning)" },
  "\\": { category: "present", description: "Present (afternoon)" },
  L: { category: "present", description: "Late, arrived before the register closed" },
  K: { category: "approved_activity", description: "Attending education arranged by the local authority" },
  V: { category: "approved_activity", description: "Attending an educational visit or trip" },
  P: { category: "approved_activity", description: "Participating in a sporting activity" },
  W: { category: "approved_activity", description: "Attending work experience" },
  B: { category: "approved_activity", description: "Attending another approved educational activity" },
  C1: { category: "authorised", symbol: "<", description: "Leave for a regulated performance or employment abroad" },
  C2: { category: "authorised", symbol: ">", description: "Leave for a part-time timetable" },
  C: { category: "authorised", description: "Leave of absence in exceptional circumstances" },
  M: { category: "authorised", description: "Medical or dental appointment" },
  J1: { category: "authorised", symbol: "?", description: "Leave to attend an interview for work or a place" },
  S: { category: "authorised", description: "Study leave" },
  T: { category: "authorised", description: "Mobile child travelling with parents' work" },
  R: { category: "authorised", description: "Religious observance" },
  I: { category: "authorised", description: "Illness (not a medical or dental appointment)" },
  E: { category: "authorised", description: "Suspended or permanently excluded, no alternative provision" },
  G: { category: "unauthorised", description: "Holiday not granted by the school" },
  N: { category: "unauthorised", description: "Reason not yet established" },
  O: { category: "unauthorised", description: "Absent in other or unknown circumstances" },
  U: { category: "unauthorised", description: "Arrived after the register closed" },
  Q: { category: "unable_to_attend", description: "No access arrangements available" },
  Y1: { category: "unable_to_attend", symbol: "$", description: "Transport normally provided not available" },
  Y2: { category: "unable_to_attend", symbol: "a", description: "Widespread disruption to travel" },
  Y3: { category: "unable_to_attend", symbol: "%", description: "Part of the school premises closed" },
  Y4: { category: "unable_to_attend", description: "Whole school site unexpectedly closed" },
  Y5: { category: "unable_to_attend", symbol: ":", description: "In criminal justice detention" },
  Y6: { category: "unable_to_attend", symbol: "|", description: "Following public health guidance or law" },
  Y7: { category: "unable_to_attend", symbol: "_", description: "Any other unavoidable cause" },
  D: { category: "administrative", description: "Dual registered: attending another school" },
  X: { category: "administrative", description: "Not of compulsory school age, not required to attend" },
  Z: { category: "administrative", description: "Prospective pupil not yet on the admission register" },
  "#": { category: "administrative", description: "Planned whole or partial school closure" },
  H: { category: "authorised", retired: true, description: "Holiday authorised by the school (retired 2024)" },
  Y: {
    category: "unable_to_attend",
    retired: true,
    description: "Unable to attend due to exceptional circumstances (retired 2024)",
  },
} as const satisfies Record<string, CodeInfo>;

/** A DfE attendance code as stored after normalising (never a symbol, never `J`). */
export type AttendanceCode = keyof typeof CODES;

export type AttendanceCodeInfo = {
  code: AttendanceCode;
  category: AttendanceCategory;
  description: string;
  /** Counts as a possible session in attendance rates. */
  possible: boolean;
  /** No longer in the DfE list; accepted only because older feeds carry it. */
  retired: boolean;
  /** Single-character form some MIS exports use (Capita One), if any. */
  symbol: string | null;
};

const NOT_POSSIBLE: ReadonlySet<AttendanceCategory> = new Set(["unable_to_attend", "administrative"]);

/** Every code with its meaning, for imports, help cards and documentation. */
export const ATTENDANCE_CODES: readonly AttendanceCodeInfo[] = Object.entries(CODES).map(([code, info]) => {
  const entry: CodeInfo = info;
  return {
    code: code as AttendanceCode,
    category: entry.category,
    description: entry.description,
    possible: !NOT_POSSIBLE.has(entry.category),
    retired: entry.retired === true,
    symbol: entry.symbol ?? null,
  };
});

const BY_CODE: ReadonlyMap<string, AttendanceCodeInfo> = new Map(ATTENDANCE_CODES.map((c) => [c.code, c]));

/**
 * Every exact form a register mark may take: the codes themselves, the MIS symbols, and
 * the retired `J` (interview), which J1 replaced with the same meaning, so old marks count
 * exactly as J1.
 */
const FORMS: ReadonlyMap<string, AttendanceCode> = new Map<string, AttendanceCode>([
  ...ATTENDANCE_CODES.map((c): [string, AttendanceCode] => [c.code, c.code]),
  ...ATTENDANCE_CODES.flatMap((c): [string, AttendanceCode][] => (c.symbol ? [[c.symbol, c.code]] : [])),
  ["J", "J1"],
]);

/**
 * The code a raw register mark stands for, or null when it is blank, "-" (no mark) or
 * not a code at all. Surrounding spaces are ignored. Exact forms win: "a" is the Y2
 * symbol, never "A". Otherwise a lower-case mark is read as upper case, because no other
 * code or symbol is a lower-case letter, so "n" can only mean N and "y7" only Y7.
 */
export function normaliseAttendanceCode(raw: string): AttendanceCode | null {
  const exact = FORMS.get(raw);
  if (exact) return exact;
  const mark = raw.trim();
  return FORMS.get(mark) ?? FORMS.get(mark.toUpperCase()) ?? null;
}

function infoOf(code: AttendanceCode): AttendanceCodeInfo {
  const info = BY_CODE.get(code);
  if (!info) throw new RangeError(`not an attendance code: ${code}`);
  return info;
}

export function categoryOf(code: AttendanceCode): AttendanceCategory {
  return infoOf(code).category;
}

/** Counts towards possible sessions (the denominator of every attendance rate). */
export function isPossibleSession(code: AttendanceCode): boolean {
  return infoOf(code).possible;
}

/** In school or at approved education elsewhere: counts as attendance. */
export function isAttending(code: AttendanceCode): boolean {
  const category = categoryOf(code);
  return category === "present" || category === "approved_activity";
}

/**
 * No acceptable reason is known and nobody has said the child is in school: G, N, O, or
 * no mark at all (null). These are what Virtual School officers chase the same day. U is
 * not among them: it counts as unauthorised absence in the rates, but the pupil arrived
 * after the register closed, so is in school, never "absent today" or "whereabouts unknown".
 */
export function isUnexplained(code: AttendanceCode | null): boolean {
  return code === null || (categoryOf(code) === "unauthorised" && code !== "U");
}
