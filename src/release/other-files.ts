/**
 * Files under `releases/` that Bayan does not read as releases: a Word file or a PDF dropped in
 * the folder is never published, and silence would let the editor think it was. Each gets a
 * warning saying how to make it a release — except the images and documents a release uses.
 */
import path from "node:path";
import type { Diagnostic, Release } from "./model.ts";

// The operating system's own files: never the editor's.
const SYSTEM_FILES = /^(?:\..*|Thumbs\.db|desktop\.ini|Icon\r)$/i;

/** What a kind of file is, and how to turn it into a release. */
const KINDS: Array<{ extensions: RegExp; what: string; hint: string }> = [
  { extensions: /^\.(txt|md)$/i, what: "a release file with an upper-case extension", hint: "rename it to end in .txt or .md (lower case)" },
  {
    extensions: /^\.(text|markdown|mdown)$/,
    what: "a text file with an extension Bayan does not read",
    hint: "rename it to end in .txt (or .md for Markdown)",
  },
  {
    extensions: /^\.(docx?|odt|rtf|pages)$/i,
    what: "a word-processor document",
    hint: "open it and save it as Plain Text (.txt, encoding UTF-8) in the same folder, then delete the original",
  },
  { extensions: /^\.pdf$/i, what: "a PDF", hint: "copy its text into a .txt file (the title on the first line), or link to it from a release" },
  {
    extensions: /^\.(jpe?g|png|gif|webp|avif|svg|tiff?|heic)$/i,
    what: "an image that no release uses",
    hint: "name it in a release's front matter (image: name and imageAlt: …), or move it out of releases/",
  },
  { extensions: /^\.html?$/i, what: "a web page", hint: "save its text as a .txt file, or as .md to keep links and headings" },
];

/**
 * A warning for each file in `files` (project-relative paths under `releases/` that are not
 * release files) that no release uses: by its `image`, its media kit (`photos`, `files`), or by
 * naming it in its text.
 */
export function otherFileWarnings(files: string[], releases: Release[]): Diagnostic[] {
  const used = new Set<string>();
  const byFolder = new Map<string, Release[]>();
  for (const release of releases) {
    const folder = path.posix.dirname(release.file);
    // Its image and its media kit's photos and documents, when they sit next to it.
    for (const file of [release.image, ...(release.photos ?? []).map((p) => p.file), ...(release.files ?? []).map((f) => f.file)]) {
      if (file && !file.startsWith("assets/")) used.add(path.posix.join(folder, file.replace(/\\/g, "/")));
    }
    const inFolder = byFolder.get(folder);
    if (inFolder) inFolder.push(release);
    else byFolder.set(folder, [release]);
  }
  const diagnostics: Diagnostic[] = [];
  for (const file of files) {
    const name = path.posix.basename(file);
    if (SYSTEM_FILES.test(name) || used.has(file)) continue;
    // A Markdown release may link to a file next to it, e.g. [the report](report.pdf).
    const named = byFolder.get(path.posix.dirname(file))?.some((r) => r.bodyHtml.includes(name) || r.bodyHtml.includes(encodeURI(name)));
    if (named) continue;
    const kind = KINDS.find((k) => k.extensions.test(path.posix.extname(name)));
    diagnostics.push({
      file,
      severity: "warning",
      message: `this is ${kind?.what ?? "not a release file"}: Bayan reads only .txt and .md files as releases, so it is not published`,
      hint: kind?.hint ?? "save the release as a .txt file (title on the first line), or move this file out of releases/",
    });
  }
  return diagnostics;
}
