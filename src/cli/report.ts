import type { Site } from "../config.ts";
import { formatDiagnostic, sortDiagnostics } from "../diagnostics.ts";
import type { Diagnostic, Release } from "../release/model.ts";

/** What a build or check found, in numbers. */
export interface Summary {
  published: number;
  drafts: number;
  embargoed: Array<{ file: string; until: string }>;
  errors: number;
  warnings: number;
}

export function summarize(diagnostics: Diagnostic[], releases: Release[]): Summary {
  return {
    published: releases.filter((r) => r.published).length,
    drafts: releases.filter((r) => r.draft).length,
    embargoed: releases.filter((r) => !r.draft && !r.published).map((r) => ({ file: r.file, until: r.embargo! })),
    errors: diagnostics.filter((d) => d.severity === "error").length,
    warnings: diagnostics.filter((d) => d.severity === "warning").length,
  };
}

/** Plain-words lines for a summary, in English and, on Arabic sites, in Arabic too. */
export function summaryLines(summary: Summary, lang: string, preview = false): string[] {
  const shown = preview ? " (preview: drafts and embargoed releases are shown, marked)" : "";
  const lines = [
    `${summary.published} published, ${summary.drafts} draft(s) not published, ${summary.embargoed.length} held by embargo, ` +
      `${summary.errors} error(s), ${summary.warnings} warning(s)${shown}.`,
    ...summary.embargoed.map((e) => `  ${e.file}: embargoed until ${e.until}`),
  ];
  if (lang === "ar") {
    lines.push(
      `${summary.published} منشور، ${summary.drafts} مسودة غير منشورة، ${summary.embargoed.length} محظور النشر حتى موعده، ` +
        `${summary.errors} خطأ، ${summary.warnings} تنبيه.`,
    );
  }
  return lines;
}

/** Prints every problem (errors first) and the summary. */
export function printReport(diagnostics: Diagnostic[], releases: Release[], site: Site | undefined, options: { preview?: boolean; failed?: boolean } = {}) {
  for (const diagnostic of sortDiagnostics(diagnostics)) {
    (diagnostic.severity === "error" ? console.error : console.warn)(formatDiagnostic(diagnostic));
  }
  if (diagnostics.length) console.log("");
  // A build that stopped published nothing: its releases' counts would read as if it had.
  const summary = summarize(diagnostics, options.failed ? [] : releases);
  for (const line of summaryLines(summary, site?.lang ?? "en", options.preview)) console.log(line);
}
