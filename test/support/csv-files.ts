/** Writes small CSV inputs for import tests into a folder of the test's own. */
import { writeFileSync } from "node:fs";
import { join } from "node:path";

export type CsvFile = { name: string; path: string };

/** `write(name, lines)` writes `lines` (header first) as `<dir>/<name>`. */
export const csvWriter =
  (dir: string) =>
  (name: string, lines: string[]): CsvFile => {
    writeFileSync(join(dir, name), `${lines.join("\n")}\n`);
    return { name, path: join(dir, name) };
  };
