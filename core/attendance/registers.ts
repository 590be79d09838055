/**
 * Registers close session by session: the morning register at `registerMorningClosesAt`,
 * the afternoon one at `registerAfternoonClosesAt` (England's wall clock). Until a
 * session's register has closed, a missing mark for it is not yet a concern (DOMAIN:
 * "Registers, day by day"). Pure: an instant and the policy in.
 */
import { z } from "zod";
import { londonTimeOfDayMs } from "../platform/dates.js";
import type { Policy } from "../policy.js";

/** Which of today's registers have closed. */
export type RegistersClosed = { am: boolean; pm: boolean };

export const NO_REGISTER_CLOSED: RegistersClosed = Object.freeze({ am: false, pm: false });
export const BOTH_REGISTERS_CLOSED: RegistersClosed = Object.freeze({ am: true, pm: true });

/** "HH:MM" as milliseconds after midnight (the policy schema has checked the form). */
export const msOfDay = (time: string): number => {
  const [hours = 0, minutes = 0] = time.split(":").map(Number);
  return (hours * 60 + minutes) * 60_000;
};

/** Which registers have closed at instant `now`, to the millisecond, in GMT and in BST. */
export function registersClosedAt(now: Date, policy: Policy): RegistersClosed {
  const time = londonTimeOfDayMs(now);
  return {
    am: time >= msOfDay(policy.registerMorningClosesAt),
    pm: time >= msOfDay(policy.registerAfternoonClosesAt),
  };
}

/**
 * How a scan may be told which registers to treat as closed: `true` (both, as the scan
 * route has always accepted), `false` (neither), or session by session. Left out, the
 * clock decides.
 */
export const registersClosedInput = z.union([z.boolean(), z.object({ am: z.boolean(), pm: z.boolean() }).strict()]);
export type RegistersClosedInput = z.infer<typeof registersClosedInput>;

export function asRegistersClosed(input: RegistersClosedInput): RegistersClosed {
  if (input === true) return BOTH_REGISTERS_CLOSED;
  if (input === false) return NO_REGISTER_CLOSED;
  return { am: input.am, pm: input.pm };
}
