import { readFileSync } from "node:fs";
import path from "node:path";
import { ReleaseErrors } from "../diagnostics.ts";

/**
 * The JSON of `file`; a file that is not JSON stops the build with `file:line: error: …` (its
 * path from `root`), never a silent fallback.
 */
export function readJsonFile(file: string, root: string): unknown {
  const text = readFileSync(file, "utf8");
  try {
    return JSON.parse(text);
  } catch (error) {
    const message = (error as Error).message;
    // V8 names the place as `position N` (and, in newer versions, `line L column C`).
    const position = Number(/position (\d+)/.exec(message)?.[1] ?? Number.NaN);
    const line = Number.isNaN(position) ? undefined : text.slice(0, position).split("\n").length;
    throw new ReleaseErrors([
      {
        file: path.relative(root, file).split(path.sep).join("/"),
        line,
        severity: "error",
        message: `not valid JSON: ${message.replace(/^[^:]*JSON\.parse: /, "")}`,
        hint: "check the commas and quotes at that place (a comma after the last entry is not allowed)",
      },
    ]);
  }
}
