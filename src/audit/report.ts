import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import type { Diagnostic, Release } from "../release/model.ts";
import { filesUnder } from "../util/files.ts";
import { lowerHex, type Leak, type TraceKind } from "./audit.ts";

/** Files named per release and kind of trace in one message; the rest are counted. */
const FILES_SHOWN = 3;

/**
 * One error per leaked release and kind of trace, naming a few of the output files. With the
 * project folder, the error points at the file and line the trace comes from when it can find it:
 * a published release that links to the hidden one, or a template that lists it.
 */
export function leakDiagnostics(leaks: Leak[], releases: Release[], root?: string): Diagnostic[] {
  const byFile = new Map(releases.map((release) => [release.file, release]));
  const groups = new Map<string, Leak[]>();
  for (const leak of leaks) {
    const key = `${leak.release.file}\n${leak.trace}`;
    groups.set(key, [...(groups.get(key) ?? []), leak]);
  }
  const sources = root ? sourceFiles(root, releases) : [];
  return [...groups.values()].map((group) => {
    const { release, trace } = group[0];
    const full = byFile.get(release.file);
    const state = full?.draft ? "is a draft" : `is under embargo until ${full?.embargo ?? "later"}`;
    const files = group.slice(0, FILES_SHOWN).map((leak) => `/${leak.output}${leak.line ? `:${leak.line}` : ""}${leak.inName ? " (file name)" : ""}`);
    const where = `${files.join(", ")}${group.length > FILES_SHOWN ? ` and ${group.length - FILES_SHOWN} more file(s)` : ""}`;
    if (trace === "file") {
      return {
        file: release.file,
        severity: "error" as const,
        message: `${state}, but a file only it uses is in the built site: ${where}`,
        hint: "publish nothing of a release before the release itself: whatever copies this file into the output (a passthrough copy, a script) must leave it out",
      };
    }
    const what = trace === "address" ? `its address ${release.url}` : trace === "title" ? "its title" : `its feed id ${release.id}`;
    const source = sources.length ? findSource(sources, spellings(trace, release)) : undefined;
    if (source?.release) {
      return {
        file: source.file,
        line: source.line,
        severity: "error" as const,
        message: `this published release names ${release.file}, which ${state}: ${what} appears in the built site: ${where}`,
        hint: `remove the link from ${source.file} until ${release.file} is published, or publish both together`,
      };
    }
    if (source) {
      return {
        file: source.file,
        line: source.line,
        severity: "error" as const,
        message: `this template holds ${what.replace(/^its/, "the")} of ${release.file}, which ${state}; it appears in the built site: ${where}`,
        hint: "take it out of the template, or list newsroom.releases (published only) there, never every release file",
      };
    }
    return {
      file: release.file,
      severity: "error" as const,
      message: `${state}, but ${what} appears in the built site: ${where}`,
      hint: "a template or plugin lists releases that are not published: list newsroom.releases (published only), never every release file",
    };
  });
}

interface SourceFile {
  file: string;
  text: string;
  /** True for a published release's file. */
  release: boolean;
}

/** Where a trace can come from: the published releases' files, then the templates (the site config among them). */
function sourceFiles(root: string, releases: Release[]): SourceFile[] {
  const read = (file: string) => (existsSync(path.join(root, file)) ? readFileSync(path.join(root, file), "utf8") : "");
  const templates = path.join(root, "templates");
  return [
    ...releases.filter((release) => release.published).map((release) => ({ file: release.file, text: read(release.file), release: true })),
    ...(existsSync(templates) ? filesUnder(templates).map((file) => ({ file: `templates/${file}`, text: read(`templates/${file}`), release: false })) : []),
  ];
}

/**
 * How a source file may spell a trace: as written, and as a link carries it (percent-encoded, with
 * upper- or lowercase hex digits, or as written for an Arabic address).
 */
function spellings(trace: Exclude<TraceKind, "file">, release: Leak["release"]): string[] {
  if (trace === "id") return [release.id];
  const text = trace === "address" ? release.url.replace(/\/+$/, "") : release.title;
  const encoded = trace === "address" ? text : encodeURIComponent(text);
  return [...new Set([text, decodeURI(encoded), encoded, lowerHex(encoded)])];
}

/** The first source file holding one of `needles`, with the line. */
function findSource(sources: SourceFile[], needles: string[]): { file: string; line: number; release: boolean } | undefined {
  for (const source of sources) {
    const at = Math.min(...needles.map((needle) => source.text.indexOf(needle)).filter((index) => index >= 0));
    if (Number.isFinite(at)) return { file: source.file, line: source.text.slice(0, at).split("\n").length, release: source.release };
  }
  return undefined;
}
