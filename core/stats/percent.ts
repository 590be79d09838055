/** A share as a percentage to one decimal place; null when there is nothing to share. */
export const percent = (part: number, whole: number): number | null =>
  whole === 0 ? null : Math.round((part * 1000) / whole) / 10;
