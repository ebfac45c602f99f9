import path from "node:path";
import type { Diagnostic } from "../release/model.ts";

/** An error as Eleventy hands it on: each wraps the one that caused it. */
interface WrappedError extends Error {
  originalError?: WrappedError;
}

/** `error` and the errors it wraps, outermost first. */
function errorChain(error: Error): WrappedError[] {
  const chain: WrappedError[] = [];
  for (let ref: WrappedError | undefined = error; ref && chain.length < 20; ref = ref.originalError ?? (ref.cause as WrappedError | undefined)) chain.push(ref);
  return chain;
}

/**
 * The diagnostics of a `ReleaseErrors` in `error`'s chain (by name: tests load a second copy of
 * the module), such as a plugin's when Eleventy wraps what it threw; undefined when there is none.
 */
export function diagnosticsIn(error: Error): Diagnostic[] | undefined {
  return (errorChain(error).find((ref) => ref.name === "ReleaseErrors") as (WrappedError & { diagnostics: Diagnostic[] }) | undefined)?.diagnostics;
}

/**
 * What stopped a build, as one `file:line: error: …` a user can act on, from the chain of errors
 * Eleventy wraps a failure in: a template's file and line when one is named (nunjucks writes
 * `(…/templates/x.njk) [Line 1, Column 7]` and the problem), else the innermost message.
 * @example describeBuildError(error, "/site") // { file: "templates/pages/404.njk", line: 1, message: "unexpected token: %} (column 7)", … }
 */
export function describeBuildError(error: Error, root: string): Diagnostic {
  const chain = errorChain(error);
  const hint = "run the build again with --debug for the full report";
  for (const ref of chain) {
    const place = /\((\/[^)\n]+)\) \[Line (\d+), Column (\d+)\]\s*\n\s*(.+)/.exec(ref.message);
    if (place) {
      const file = path.relative(root, place[1]).split(path.sep).join("/");
      return {
        file,
        line: Number(place[2]),
        severity: "error",
        message: `${place[4].trim()} (column ${place[3]})`,
        hint: `fix the template at that place; ${hint}`,
      };
    }
  }
  const innermost = chain.at(-1)!;
  return { file: "build", severity: "error", message: innermost.message.split("\n")[0].trim() || innermost.name, hint };
}
