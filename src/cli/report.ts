import type { Site } from "../config.ts";
import { formatDiagnostic, sortDiagnostics } from "../diagnostics.ts";
import type { Diagnostic, Release } from "../release/model.ts";
import { type CommandIo, writeLine } from "./io.ts";

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

/** The releases held back by an embargo, one line each. */
function embargoLines(summary: Summary): string[] {
  return summary.embargoed.map((e) => `  ${e.file}: embargoed until ${e.until}`);
}

/** Plain-words counts for a summary, in English and, on Arabic sites, in Arabic too. */
export function summaryLines(summary: Summary, lang: string, preview = false): string[] {
  const shown = preview ? " (preview: drafts and embargoed releases are shown, marked)" : "";
  const lines = [
    `${summary.published} published, ${summary.drafts} draft(s) not published, ${summary.embargoed.length} held by embargo, ` +
      `${summary.errors} error(s), ${summary.warnings} warning(s)${shown}.`,
  ];
  if (lang === "ar") {
    lines.push(
      `${summary.published} منشور، ${summary.drafts} مسودة غير منشورة، ${summary.embargoed.length} محظور النشر حتى موعده، ` +
        `${summary.errors} خطأ، ${summary.warnings} تنبيه.`,
    );
  }
  return lines;
}

/** How to print a report. */
export interface ReportOptions {
  preview?: boolean;
  /** Print notes, and every warning of a kind rather than a count and the first few. */
  verbose?: boolean;
  /** The build stopped: it published nothing, so no release is counted as published. */
  failed?: boolean;
}

/** Warnings of one kind printed one by one; past this many they become one line with the count. */
const GROUP_AFTER = 3;

/**
 * The lines of a report: notes (with `verbose` only), warnings (grouped by kind past a few,
 * unless `verbose`), then every error, last, where the eye lands.
 */
export function reportLines(diagnostics: Diagnostic[], verbose = false): Array<{ severity: Diagnostic["severity"]; text: string }> {
  // Groups in the order of their first member, which keeps errors last.
  const groups: Diagnostic[][] = [];
  const byKind = new Map<string, Diagnostic[]>();
  for (const diagnostic of sortDiagnostics(diagnostics)) {
    if (diagnostic.severity === "note" && !verbose) continue;
    if (diagnostic.severity === "error" || verbose) {
      groups.push([diagnostic]);
      continue;
    }
    const kind = `${diagnostic.severity}:${kindOf(diagnostic.message)}`;
    let group = byKind.get(kind);
    if (!group) {
      group = [];
      byKind.set(kind, group);
      groups.push(group);
    }
    group.push(diagnostic);
  }
  return groups.flatMap((group) => {
    const [first] = group;
    if (group.length <= GROUP_AFTER) return group.map((d) => ({ severity: d.severity, text: formatDiagnostic(d) }));
    const files = [...new Set(group.map((d) => d.file))];
    const shown = files.slice(0, GROUP_AFTER).join(", ") + (files.length > GROUP_AFTER ? ` and ${files.length - GROUP_AFTER} more` : "");
    const hint = first.hint ? `\n    → ${first.hint}` : "";
    return [{ severity: first.severity, text: `${group.length} × ${first.severity}: ${first.message} (${shown}; all of them with --verbose)${hint}` }];
  });
}

/** A message without the parts that change from file to file (quoted values, numbers, dates), naming its kind. */
function kindOf(message: string): string {
  return message.replace(/"[^"]*"|“[^”]*”|\([^)]*\)/g, "…").replace(/[\d\u0660-\u0669][\d\u0660-\u0669:.+T-]*/g, "#");
}

/** Prints the embargoed releases and the counts on `io.stdout`, every problem (errors last) on `io.stderr`. */
export function printReport(
  diagnostics: Diagnostic[],
  releases: Release[],
  site: Site | undefined,
  options: ReportOptions,
  io: Pick<CommandIo, "stdout" | "stderr">,
): void {
  // A build that stopped published nothing: its releases' counts would read as if it had.
  const summary = summarize(diagnostics, options.failed ? [] : releases);
  for (const line of embargoLines(summary)) writeLine(io.stdout, line);
  const lines = reportLines(diagnostics, options.verbose);
  for (const line of lines) writeLine(io.stderr, line.text);
  if (lines.length || summary.embargoed.length) writeLine(io.stdout);
  for (const line of summaryLines(summary, site?.lang ?? "en", options.preview)) writeLine(io.stdout, line);
}
