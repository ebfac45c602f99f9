import path from "node:path";
import type { EleventyConfig } from "@11ty/eleventy";
import type { Site } from "../config.ts";
import { ReleaseErrors } from "../diagnostics.ts";
import { auditOutput, auditTargets } from "../site/audit.ts";
import { leakDiagnostics } from "../site/audit-report.ts";
import type { AuditedFiles } from "../site/audited.ts";
import type { Source } from "../site/source.ts";

/** What Eleventy hands `eleventy.after`. */
export interface AfterBuild {
  directories: { output: string };
  runMode: string;
  outputMode: string;
  results?: WrittenPage[];
}

/** A page Eleventy wrote, as `write()` and `eleventy.after` report it. */
interface WrittenPage {
  outputPath: string | false;
  content: unknown;
}

/** Bayan's `eleventy.after` work, run in order by one handler (Eleventy runs its handlers side by side). */
export interface AfterBuildSteps {
  steps: Array<(event: AfterBuild) => Promise<void>>;
}

/**
 * The embargo audit as the last step of every build, however it was started (`bayan build`, or a
 * plain `npx @11ty/eleventy` in a site that adds the plugin): a draft or embargoed release with
 * any trace in the written output fails the build with `file:line` errors. Not in a preview or
 * `bayan start`, which show drafts on purpose. Publishing the output atomically, or not at all,
 * stays the `bayan build` command's job (see site/build.ts).
 */
export function auditPlugin(_eleventyConfig: EleventyConfig, { root, site, source, after, audited }: { root: string; site: Site; source: Source; after: AfterBuildSteps; audited: AuditedFiles }) {
  after.steps.push(async ({ directories, runMode, outputMode, results = [] }) => {
    if (runMode !== "build" || outputMode !== "fs") return;
    const { audit, releases } = await source.get();
    if (!audit) return;
    const folder = path.resolve(directories.output);
    // The files their writer has searched already (the search index, pages from the page cache), noted in this build's context.
    const searched = audited.take(folder);
    const leaks = auditOutput(folder, auditTargets(releases, { root, site }), writtenTexts(folder, results), searched);
    if (leaks.length > 0) throw new ReleaseErrors(leakDiagnostics(leaks, releases, root));
  });
}

/** The pages' texts by path in the output folder: the audit searches them without reading them back. */
function writtenTexts(folder: string, pages: WrittenPage[]): Map<string, string> {
  const texts = new Map<string, string>();
  for (const { outputPath, content } of pages) {
    if (outputPath && typeof content === "string") texts.set(path.relative(folder, path.resolve(outputPath)).split(path.sep).join("/"), content);
  }
  return texts;
}
