/** Shared wording for status flags: counts, dates and percentages as an officer reads them. */
import { formatDate, type IsoDate } from "../platform/dates.js";
import type { FlagCode } from "./status.types.js";

export const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? "" : "s"}`;
export const schoolDays = (n: number): string => plural(n, "school day");
export const percentText = (rate: number | null): string => `${Math.round((rate ?? 0) * 1000) / 10}%`;
export const on = (date: IsoDate): string => formatDate(date);

export type Candidate = [FlagCode, "red" | "amber", string] | null;
