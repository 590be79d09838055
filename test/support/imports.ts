/** What a TypeScript file imports, read statically with TypeScript's own pre-processor. */
import ts from "typescript";

/** The specifiers a file imports or re-exports: static, dynamic and type-only. */
export function specifiersOf(source: string): string[] {
  return ts.preProcessFile(source, true, true).importedFiles.map((f) => f.fileName);
}
