import type { Diagnostic } from "./release/model.ts";

/** `releases/x.txt:3: error: message` and, on the next line, the hint. */
export function formatDiagnostic(diagnostic: Diagnostic): string {
  const where = diagnostic.line ? `${diagnostic.file}:${diagnostic.line}` : diagnostic.file;
  const hint = diagnostic.hint ? `\n    → ${diagnostic.hint}` : "";
  return `${where}: ${diagnostic.severity}: ${diagnostic.message}${hint}`;
}

// Printed in this order: errors last, where the eye lands at the end of a long report.
const SEVERITY_ORDER: Record<Diagnostic["severity"], number> = { note: 0, warning: 1, error: 2 };

/** Notes, then warnings, then errors, each by file and line, so the errors end the report. */
export function sortDiagnostics(diagnostics: Diagnostic[]): Diagnostic[] {
  return [...diagnostics].sort(
    (a, b) => SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] || (a.file < b.file ? -1 : a.file > b.file ? 1 : 0) || (a.line ?? 0) - (b.line ?? 0),
  );
}

/** Thrown when releases have errors: the build stops and publishes nothing. */
export class ReleaseErrors extends Error {
  readonly diagnostics: Diagnostic[];
  constructor(diagnostics: Diagnostic[]) {
    const errors = diagnostics.filter((d) => d.severity === "error");
    super(`${errors.length} error(s) in the releases; nothing was published:\n${sortDiagnostics(errors).map(formatDiagnostic).join("\n")}`);
    this.name = "ReleaseErrors";
    this.diagnostics = diagnostics;
  }
}
