import type { Diagnostic, Release } from "../release/model.ts";
import type { Leak } from "./audit.ts";

/** Files named per release and kind of trace in one message; the rest are counted. */
const FILES_SHOWN = 3;

/** One error per leaked release and kind of trace, naming a few of the files. */
export function leakDiagnostics(leaks: Leak[], byFile: Map<string, Release>): Diagnostic[] {
  const groups = new Map<string, Leak[]>();
  for (const leak of leaks) {
    const key = `${leak.release.file}\n${leak.trace}`;
    groups.set(key, [...(groups.get(key) ?? []), leak]);
  }
  return [...groups.values()].map((group) => {
    const { release, trace } = group[0];
    const full = byFile.get(release.file);
    const state = full?.draft ? "is a draft" : `is under embargo until ${full?.embargo ?? "later"}`;
    const what = trace === "address" ? `its address ${release.url}` : trace === "title" ? "its title" : `its feed id ${release.id}`;
    const files = group.slice(0, FILES_SHOWN).map((leak) => `/${leak.output}${leak.line ? `:${leak.line}` : ""}${leak.inName ? " (file name)" : ""}`);
    const more = group.length > FILES_SHOWN ? ` and ${group.length - FILES_SHOWN} more file(s)` : "";
    return {
      file: release.file,
      severity: "error" as const,
      message: `${state}, but ${what} appears in the built site: ${files.join(", ")}${more}`,
      hint: "a template or plugin lists releases that are not published: list newsroom.releases (published only), never every release file",
    };
  });
}
