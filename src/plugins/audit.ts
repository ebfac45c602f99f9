import path from "node:path";
import type { EleventyConfig } from "@11ty/eleventy";
import type { Site } from "../config.ts";
import { ReleaseErrors } from "../diagnostics.ts";
import type { Diagnostic, Release } from "../release/model.ts";
import { auditOutput, type Leak } from "../site/audit.ts";
import type { Source } from "../site/source.ts";

/** Files named per release and kind of trace in one message; the rest are counted. */
const FILES_SHOWN = 3;

/**
 * The embargo audit: after every build, searches everything written (pages, feeds, sitemap,
 * search index, file names) for the address, title or feed id of a release that is not shown,
 * and fails the build naming the release and the files it leaked into.
 *
 * In preview every release is shown, so there is nothing to look for and the audit is off.
 */
export function auditPlugin(eleventyConfig: EleventyConfig, { source }: { site: Site; source: Source; base: string }) {
  eleventyConfig.on("eleventy.after", async ({ directories }: { directories: { output: string } }) => {
    const { newsroom, byFile } = await source.get();
    const shown = new Set(newsroom.releases.map((release) => release.file));
    const hidden = [...byFile.values()].filter((release) => !release.published && !shown.has(release.file));
    if (hidden.length === 0) return;
    const published = newsroom.releases.map((r) => ({ title: r.title, url: r.url, id: r.id, summary: r.summary, text: r.bodyText }));
    const leaks = auditOutput(path.resolve(directories.output), hidden, published);
    if (leaks.length > 0) throw new ReleaseErrors(leakDiagnostics(leaks, byFile));
  });
}

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
