/**
 * What a media-kit file really is, from its first bytes rather than its name: a `.pdf` that is an
 * HTML page, or a `.jpg` that is a Windows program, is refused for what it is.
 */
import { unzipSync } from "fflate";

/** The kinds of content Bayan tells apart. */
export type Content = "jpeg" | "png" | "webp" | "gif" | "avif" | "pdf" | "zip" | "text" | "html" | "svg" | "executable" | "unknown";

/** A document type a media kit may carry: by extension, the content it must have, its MIME type and how pages name it. */
export interface DocumentType {
  content: Content;
  mime: string;
  label: string;
}

/** Documents a media kit may carry, by extension (lower case). */
export const DOCUMENT_TYPES: Readonly<Record<string, DocumentType>> = {
  ".pdf": { content: "pdf", mime: "application/pdf", label: "PDF" },
  ".docx": { content: "zip", mime: "application/vnd.openxmlformats-officedocument.wordprocessingml.document", label: "DOCX" },
  ".xlsx": { content: "zip", mime: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", label: "XLSX" },
  ".pptx": { content: "zip", mime: "application/vnd.openxmlformats-officedocument.presentationml.presentation", label: "PPTX" },
  ".odt": { content: "zip", mime: "application/vnd.oasis.opendocument.text", label: "ODT" },
  ".txt": { content: "text", mime: "text/plain", label: "TXT" },
  ".zip": { content: "zip", mime: "application/zip", label: "ZIP" },
};

/** Photo formats whose originals Bayan can publish without their metadata, with their MIME types. */
export const PHOTO_TYPES: Readonly<Partial<Record<Content, string>>> = { jpeg: "image/jpeg", png: "image/png" };

const starts = (bytes: Uint8Array, ...signature: number[]) => signature.every((byte, i) => bytes[i] === byte);
const ascii = (bytes: Uint8Array, from: number, to: number) => String.fromCharCode(...bytes.subarray(from, to));

/** What `bytes` (a whole file) is. Text is told apart from markup, which a browser would run. */
export function sniff(bytes: Uint8Array): Content {
  if (starts(bytes, 0xff, 0xd8, 0xff)) return "jpeg";
  if (starts(bytes, 0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a)) return "png";
  if (ascii(bytes, 0, 4) === "RIFF" && ascii(bytes, 8, 12) === "WEBP") return "webp";
  if (ascii(bytes, 0, 4) === "GIF8") return "gif";
  if (ascii(bytes, 4, 8) === "ftyp" && /^(avif|avis|heic|mif1)$/.test(ascii(bytes, 8, 12))) return "avif";
  if (ascii(bytes, 0, 5) === "%PDF-") return "pdf";
  if (starts(bytes, 0x50, 0x4b, 0x03, 0x04) || starts(bytes, 0x50, 0x4b, 0x05, 0x06)) return "zip";
  if (isExecutable(bytes)) return "executable";
  const head = new TextDecoder("utf-8", { fatal: false })
    .decode(bytes.subarray(0, 4096))
    .replace(/^\uFEFF/, "")
    .trimStart()
    .toLowerCase();
  if (/^<(?:\?xml[^>]*>\s*(?:<!--[\s\S]*?-->\s*)*)?(?:<!doctype svg|<svg)/.test(head)) return "svg";
  if (/^(?:<!doctype html|<html|<head|<body|<script|<iframe|<meta|<!--|<\?xml)/.test(head) || /<script[\s>]/.test(head)) return "html";
  return isText(bytes) ? "text" : "unknown";
}

/** Windows, Linux and macOS programs, Java archives' class files, and scripts with a `#!` line. */
function isExecutable(bytes: Uint8Array): boolean {
  return (
    starts(bytes, 0x4d, 0x5a) || // MZ: .exe, .dll, .scr
    starts(bytes, 0x7f, 0x45, 0x4c, 0x46) || // ELF
    starts(bytes, 0xcf, 0xfa, 0xed, 0xfe) ||
    starts(bytes, 0xce, 0xfa, 0xed, 0xfe) ||
    starts(bytes, 0xca, 0xfe, 0xba, 0xbe) || // Mach-O, fat binaries, .class
    starts(bytes, 0x23, 0x21)
  ); // #!
}

function isText(bytes: Uint8Array): boolean {
  if (bytes.includes(0)) return false;
  try {
    new TextDecoder("utf-8", { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
}

/** Names inside a ZIP that a reader's computer would run or a browser would render. */
const RUNNABLE = /\.(?:exe|dll|scr|com|bat|cmd|msi|ps1|vbs|vbe|js|jse|wsf|hta|jar|lnk|sh|app|html?|svg|xhtml)$/i;

/**
 * The entries of a ZIP (also DOCX, XLSX, PPTX, ODT) that make it unsafe to publish, or a reason
 * it cannot be read at all. Only the names are read: nothing is decompressed.
 */
export function zipProblem(bytes: Uint8Array): string | undefined {
  const names: string[] = [];
  try {
    unzipSync(bytes, { filter: (file) => (names.push(file.name), false) });
  } catch (error) {
    return `it cannot be read as a ZIP archive (${(error as Error).message})`;
  }
  const runnable = names.filter((name) => RUNNABLE.test(name));
  return runnable.length ? `it holds files a computer would run or a browser would open as a page (${runnable.slice(0, 3).join(", ")})` : undefined;
}
