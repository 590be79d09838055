/**
 * A register mark as a person reads it on a card: "AM present", "PM N (reason not yet
 * established)". The present marks' codes (/ and \) say nothing a social worker needs; any
 * other code is shown with what it means, since a code alone means little outside school.
 */
import { ATTENDANCE_CODES } from "../../core/attendance/codes.js";

export function sessionMark(session: string, code: string): string {
  if (code === "/" || code === "\\") return `${session} present`;
  const info = ATTENDANCE_CODES.find((c) => c.code === code);
  return info ? `${session} ${code} (${info.description.toLowerCase()})` : `${session} ${code}`;
}
