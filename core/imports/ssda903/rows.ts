/**
 * The SSDA903 files' columns (DOMAIN.md) as zod row schemas. Only the columns the record
 * uses are required; the rest (ETHNIC, CIN, postcodes, …) may be present or not.
 */
import { z } from "zod";
import { formatDate } from "../../platform/dates.js";
import { cell, dateField, optionalDateField, optionalText, requiredText } from "../fields.js";

export const HEADER_COLUMNS = ["child", "sex", "dob", "upn"] as const;
export const EPISODE_COLUMNS = ["child", "decom", "rne", "ls", "place", "dec", "rec"] as const;
export const REVIEW_COLUMNS = ["child", "review"] as const;
export const MISSING_COLUMNS = ["child"] as const;

const childId = requiredText("the child's id (CHILD)");
const code = cell.transform((text) => text.toUpperCase());
const optionalCode = optionalText.transform((text) => text?.toUpperCase() ?? null);

export const headerRow = z.object({ child: childId, sex: cell, dob: dateField, upn: code });

export const episodeRow = z
  .object({
    child: childId,
    decom: dateField,
    dec: optionalDateField,
    rne: code,
    ls: optionalCode,
    place: requiredText("the placement type (PLACE)").transform((text) => text.toUpperCase()),
    rec: code,
    urn: optionalText,
  })
  .superRefine((episode, ctx) => {
    if (episode.dec !== null && episode.dec < episode.decom) {
      ctx.addIssue({
        code: "custom",
        path: ["dec"],
        message: `is before the episode starts (DECOM ${formatDate(episode.decom)}): an episode cannot end before it starts`,
      });
    }
  });
export type EpisodeRow = z.infer<typeof episodeRow>;

export const reviewRow = z.object({ child: childId, review: dateField, review_code: optionalCode });
