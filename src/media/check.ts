/**
 * The checks every media-kit file passes before anything is built: `check` and `build` both run
 * them (from `loadReleases`), so a file that would be refused is reported with its release's line.
 */
import { lstatSync, readFileSync, realpathSync, type Stats } from "node:fs";
import path from "node:path";
import type { Diagnostic, DocumentEntry, PhotoEntry, Release } from "../release/model.ts";
import { DOCUMENT_TYPES, PHOTO_TYPES, sniff, zipProblem, type Content } from "./sniff.ts";
import { BrokenPhoto, stripPhoto } from "./strip.ts";

/** Largest file a media kit may carry: a print-quality photo is 5–20 MB, a long PDF rarely more. */
export const MAX_MEDIA_BYTES = 50 * 1024 * 1024;

/** A media-kit file found and checked: its absolute path, its path as the user knows it, and what its bytes are. */
export interface MediaSource {
  file: string;
  shown: string;
  content: Content;
}

type Found = { source: MediaSource } | { problem: string; hint: string };

// Results by file and identity: a build checks each file once (check, then build), `npm start` once per change.
const checked = new Map<string, { key: string; found: Found }>();

/**
 * Every problem of a release's photos and documents, each at the line of its entry: an error for
 * a release that would be published, a warning for a draft or an embargoed one (fixed before it is).
 */
export function mediaProblems(release: Pick<Release, "file" | "published" | "photos" | "files">, root: string): Diagnostic[] {
  const problems: Diagnostic[] = [];
  const severity = release.published ? "error" : "warning";
  for (const [kind, entries] of [
    ["photo", release.photos ?? []],
    ["document", release.files ?? []],
  ] as const) {
    for (const entry of entries) {
      const found = readMediaFile(release.file, entry, kind, root);
      if ("problem" in found)
        problems.push({ file: release.file, line: entry.line, severity, message: `${kind} "${entry.file}": ${found.problem}`, hint: found.hint });
    }
  }
  return problems;
}

/** The file of a media-kit entry, found, read and checked; or what is wrong with it and the fix. */
export function readMediaFile(releaseFile: string, entry: PhotoEntry | DocumentEntry, kind: "photo" | "document", root: string): Found {
  const located = locate(releaseFile, entry.file, root);
  if ("problem" in located) return located;
  let stat: Stats;
  try {
    stat = lstatSync(located.file);
  } catch {
    return {
      problem: `was not found (looked for ${located.shown})`,
      hint: "put the file next to the release file, or give a path starting with assets/; check the spelling and the letter case",
    };
  }
  const key = `${kind}:${stat.size}:${stat.mtimeMs}:${stat.ino}`;
  const known = checked.get(located.file);
  if (known?.key === key) return known.found;
  // A text document among the releases is read as a release too, and published as a page.
  const releasesFolder = `${releaseFile.split("/")[0]}/`;
  if (kind === "document" && /\.(txt|md)$/i.test(located.shown) && located.shown.startsWith(releasesFolder)) {
    return {
      problem: `is in ${releasesFolder}, where every .txt and .md file is read as a release of its own`,
      hint: `move it under assets/ (e.g. assets/press/${path.basename(located.shown)}) and give that path`,
    };
  }
  const found = examine(located.file, located.shown, stat, kind, root);
  checked.set(located.file, { key, found });
  return found;
}

function locate(releaseFile: string, given: string, root: string): { file: string; shown: string } | { problem: string; hint: string } {
  if (/^[a-z][a-z0-9+.-]*:/i.test(given))
    return {
      problem: "is a web address; Bayan only publishes files from the project",
      hint: "download the file next to the release file and give its file name",
    };
  const relative = given.replace(/\\/g, "/");
  const base = relative.startsWith("assets/") ? root : path.dirname(path.resolve(root, releaseFile));
  const file = path.resolve(base, relative);
  const shown = path.relative(root, file).split(path.sep).join("/");
  if (path.isAbsolute(relative) || shown.startsWith("../") || shown === "..") {
    return { problem: "points outside the project", hint: "copy the file next to the release file or under assets/ and give that path" };
  }
  return { file, shown };
}

function examine(file: string, shown: string, stat: Stats, kind: "photo" | "document", root: string): Found {
  const copyIt = "copy the file itself into the project instead of linking to it";
  if (stat.isSymbolicLink()) return { problem: `is a symbolic link (${shown}); Bayan publishes only real files of the project`, hint: copyIt };
  if (!stat.isFile()) return { problem: `is not a file (${shown})`, hint: "give the path of a file" };
  // A folder on the way may be a link that leads out of the project.
  const real = realpathSync(file);
  if (path.relative(realpathSync(root), real).startsWith(".."))
    return { problem: `leads outside the project through a linked folder (${shown})`, hint: copyIt };
  if (stat.size > MAX_MEDIA_BYTES) {
    return {
      problem: `is ${(stat.size / 1024 / 1024).toFixed(1)} MB, over the limit of ${MAX_MEDIA_BYTES / 1024 / 1024} MB`,
      hint: "make it smaller (a photo of 6000 px and a compressed PDF are well under it), or link to it from the text instead",
    };
  }
  const bytes = readFileSync(file);
  const content = sniff(bytes);
  if (content === "html" || content === "svg" || content === "executable") {
    const what = { html: "a web page (HTML)", svg: "an SVG drawing, which can carry scripts", executable: "a program or script" }[content];
    return {
      problem: `is ${what}, which Bayan never publishes as a download, whatever its name`,
      hint: kind === "photo" ? "export the photo as JPEG or PNG" : "export it as PDF",
    };
  }
  const problem = kind === "photo" ? photoProblem(bytes, content) : documentProblem(shown, bytes, content);
  return problem ? { problem: problem[0], hint: problem[1] } : { source: { file, shown, content } };
}

function photoProblem(bytes: Uint8Array, content: Content): [string, string] | undefined {
  const format = PHOTO_TYPES[content] ? (content as "jpeg" | "png") : undefined;
  if (!format) {
    return content === "unknown" || content === "text"
      ? ["could not be read as a picture", "save it again as JPEG or PNG"]
      : [
          `is ${content.toUpperCase()}, and media-kit photos are published as their originals in JPEG or PNG`,
          "export the original as JPEG (or PNG for graphics)",
        ];
  }
  try {
    stripPhoto(bytes, format);
  } catch (error) {
    if (!(error instanceof BrokenPhoto)) throw error;
    return [`could not be read as a picture: ${error.message}`, "export or download the photo again"];
  }
  return undefined;
}

function documentProblem(shown: string, bytes: Uint8Array, content: Content): [string, string] | undefined {
  const extension = path.extname(shown).toLowerCase();
  const type = DOCUMENT_TYPES[extension];
  const accepted = Object.values(DOCUMENT_TYPES)
    .map((t) => t.label)
    .join(", ");
  if (!type) return [`is not a type of document a media kit carries (${extension || "no extension"})`, `give a ${accepted} file`];
  if (content !== type.content)
    return [
      `is named ${extension} but its content is ${content === "unknown" ? "something else" : content.toUpperCase()}`,
      `save it again as a real ${type.label} file`,
    ];
  const unsafe = content === "zip" ? zipProblem(bytes) : undefined;
  return unsafe ? [unsafe, "remove those files from the archive, or publish the documents one by one"] : undefined;
}
