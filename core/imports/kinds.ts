/**
 * What can be imported, and which files each kind takes. The CLI and the API both read
 * this table, so the option names (`--episodes`) and the upload fields (`episodes`) agree.
 */
export const IMPORT_KINDS = ["ssda903", "attendance", "schools", "roll", "calendar", "peps", "exclusions"] as const;
export type ImportKind = (typeof IMPORT_KINDS)[number];

type FileSlots = { required: readonly string[]; optional: readonly string[] };

/** SSDA903 is a set of files from one return; every other kind is one CSV, named `file`. */
export const IMPORT_FILES: Record<ImportKind, FileSlots> = {
  ssda903: { required: ["header", "episodes"], optional: ["reviews", "missing"] },
  attendance: { required: ["file"], optional: [] },
  schools: { required: ["file"], optional: [] },
  roll: { required: ["file"], optional: [] },
  calendar: { required: ["file"], optional: [] },
  peps: { required: ["file"], optional: [] },
  exclusions: { required: ["file"], optional: [] },
};

export const isImportKind = (value: string): value is ImportKind => (IMPORT_KINDS as readonly string[]).includes(value);

/** A CSV to read: `name` is what reports call it (the path on the CLI, the uploaded file's name in the API). */
export type CsvSource = { name: string; path: string };

/** The files of one import, by slot (`header`, `episodes`, … or `file`). */
export type ImportFiles = Partial<Record<string, CsvSource>>;

/**
 * Input nothing can be imported from: a missing file, a missing column, text that is not
 * CSV. Row-level problems are never this: they are reported and the rest is imported.
 */
export class UnusableInputError extends Error {
  override readonly name = "UnusableInputError";
}

/** The slots a kind needs that `files` lacks. */
export function missingFiles(kind: ImportKind, files: ImportFiles): string[] {
  return IMPORT_FILES[kind].required.filter((slot) => !files[slot]);
}
