/** Every media-kit file `check` (and so `build`) refuses, each at its entry's line with a fix. */
import { mkdirSync, symlinkSync, truncateSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { DateTime } from "luxon";
import { describe, expect, it } from "vitest";
import { checkProject } from "../../src/cli/check.ts";
import { formatDiagnostic } from "../../src/diagnostics.ts";
import { makeProject } from "../helpers/project.ts";
import { cameraPhoto, docx, pdf } from "./fixtures.ts";

const NOW = DateTime.fromISO("2026-11-29T12:00:00+03:00", { setZone: true });
const FILE = "releases/2026-11-20-kit.txt";

/** A release whose media kit lists one entry (`photos` or `files`), the entry's file written as given; the entry is on line 4. */
function release(key: "photos" | "files", entry: string[], front: string[] = []): string {
  return [
    "---",
    "summary: ملخص.",
    `${key}:`,
    ...entry.map((line, i) => (i === 0 ? `  - ${line}` : `    ${line}`)),
    ...front,
    "---",
    "عنوان البيان",
    "",
    "نص البيان.",
  ].join("\n");
}

/** The media problems `check` lists for a project with the release and the given extra files (name → bytes). */
function problems(text: string, files: Record<string, Uint8Array | string> = {}, prepare?: (root: string) => void): string[] {
  const project = makeProject({ "2026-11-20-kit.txt": text, ...files });
  prepare?.(project.root);
  return checkProject({ root: project.root, now: NOW })
    .diagnostics.filter((d) => d.severity === "error")
    .map(formatDiagnostic);
}

const photo = await cameraPhoto({ width: 400, height: 300 });
const SCRIPTED_SVG = '<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>';
const cases: Array<[string, string, Record<string, Uint8Array | string>, RegExp, ((root: string) => void)?]> = [
  [
    "a missing file",
    release("files", ["file: gone.pdf"]),
    {},
    /:4: error: document "gone\.pdf": was not found \(looked for releases\/gone\.pdf\)\n {4}→ put the file/,
  ],
  [
    "a path outside the project",
    release("files", ["file: ../../../etc/passwd"]),
    {},
    /:4: error: document "\.\.\/\.\.\/\.\.\/etc\/passwd": points outside the project\n {4}→ copy the file/,
  ],
  ["an absolute path", release("files", ["file: /etc/passwd"]), {}, /:4: error: document "\/etc\/passwd": points outside the project/],
  [
    "a web address",
    release("photos", ["file: https://example.org/a.jpg", "alt: صورة"]),
    {},
    /:4: error: photo "https:\/\/example\.org\/a\.jpg": is a web address/,
  ],
  [
    "a symbolic link",
    release("files", ["file: linked.pdf"]),
    { "real.pdf": pdf("x") },
    /:4: error: document "linked\.pdf": is a symbolic link \(releases\/linked\.pdf\).*\n {4}→ copy the file itself/,
    (root) => symlinkSync(path.join(root, "releases/real.pdf"), path.join(root, "releases/linked.pdf")),
  ],
  [
    "a folder linked from outside",
    release("files", ["file: outside/doc.pdf"]),
    {},
    /:4: error: document "outside\/doc\.pdf": leads outside the project through a linked folder/,
    (root) => {
      const elsewhere = path.join(os.tmpdir(), `bayan-outside-${process.pid}`);
      mkdirSync(elsewhere, { recursive: true });
      writeFileSync(path.join(elsewhere, "doc.pdf"), pdf("x"));
      symlinkSync(elsewhere, path.join(root, "releases/outside"));
    },
  ],
  [
    "a file over 50 MB",
    release("files", ["file: huge.pdf"]),
    { "huge.pdf": pdf("x") },
    /:4: error: document "huge\.pdf": is 50\.0 MB, over the limit of 50 MB\n {4}→ make it smaller/,
    (root) => truncateSync(path.join(root, "releases/huge.pdf"), 50 * 1024 * 1024 + 1),
  ],
  [
    "a photo cut short",
    release("photos", ["file: cut.jpg", "alt: صورة"]),
    { "cut.jpg": photo.subarray(0, photo.length / 2) },
    /:4: error: photo "cut\.jpg": could not be read as a picture: the JPEG ends/,
  ],
  [
    "a photo that is not a picture",
    release("photos", ["file: noise.jpg", "alt: صورة"]),
    { "noise.jpg": Uint8Array.from({ length: 500 }, (_, i) => (i * 37 + 11) % 251) },
    /:4: error: photo "noise\.jpg": could not be read as a picture\n {4}→ save it again as JPEG or PNG/,
  ],
  [
    "an HTML page named .pdf",
    release("files", ["file: statement.pdf"]),
    { "statement.pdf": "<!DOCTYPE html><html><script>steal()</script></html>" },
    /:4: error: document "statement\.pdf": is a web page \(HTML\), which Bayan never publishes/,
  ],
  [
    "a text file that is a page",
    release("files", ["file: assets/notes.txt"]),
    {},
    /:4: error: document "assets\/notes\.txt": is a web page \(HTML\)/,
    (root) => writeFileSync(path.join(root, "assets/notes.txt"), "Notes\n<script>steal()</script>\n"),
  ],
  [
    "an SVG with a script named .jpg",
    release("photos", ["file: logo.jpg", "alt: شعار"]),
    { "logo.jpg": SCRIPTED_SVG },
    /:4: error: photo "logo\.jpg": is an SVG drawing, which can carry scripts/,
  ],
  [
    "a Windows program named .docx",
    release("files", ["file: report.docx"]),
    { "report.docx": Buffer.concat([Buffer.from("MZ"), Buffer.alloc(200, 1)]) },
    /:4: error: document "report\.docx": is a program or script/,
  ],
  [
    "a Linux program named .txt",
    release("files", ["file: assets/readme.txt"]),
    {},
    /:4: error: document "assets\/readme\.txt": is a program or script/,
    (root) => writeFileSync(path.join(root, "assets/readme.txt"), Buffer.concat([Buffer.from([0x7f, 0x45, 0x4c, 0x46]), Buffer.alloc(200, 1)])),
  ],
  [
    "a DOCX that carries a program",
    release("files", ["file: report.docx"]),
    { "report.docx": docx({ "word/setup.exe": "MZ" }) },
    /:4: error: document "report\.docx": it holds files a computer would run .*\(word\/setup\.exe\)/,
  ],
  [
    "a text document among the releases (it would be published as a release)",
    release("files", ["file: notes.txt"]),
    { "notes.txt": "ملاحظات" },
    /:4: error: document "notes\.txt": is in releases\/, where every \.txt and \.md file is read as a release of its own\n {4}→ move it under assets\//,
  ],
  [
    "a PDF that is text",
    release("files", ["file: fake.pdf"]),
    { "fake.pdf": "just words" },
    /:4: error: document "fake\.pdf": is named \.pdf but its content is TEXT/,
  ],
  [
    "a type a kit does not carry",
    release("files", ["file: page.html"]),
    { "page.html": "hello" },
    /:4: error: document "page\.html": is not a type of document a media kit carries \(\.html\)/,
  ],
  [
    "a WebP photo (originals are JPEG or PNG)",
    release("photos", ["file: a.webp", "alt: صورة"]),
    {},
    /:4: error: photo "a\.webp": is WEBP, and media-kit photos are published as their originals in JPEG or PNG/,
    (root) => writeFileSync(path.join(root, "releases/a.webp"), Buffer.concat([Buffer.from("RIFF"), Buffer.alloc(4), Buffer.from("WEBPVP8 ")])),
  ],
  [
    "a photo without alt",
    release("photos", ["file: plant.jpg", "caption: المحطة"]),
    { "plant.jpg": photo },
    /:4: error: the photo "plant\.jpg" has no alt .*\n {4}→ add alt: followed by one sentence/,
  ],
  [
    "an entry with a misspelt key",
    release("photos", ["file: plant.jpg", "alt: صورة", "credits: واس"]),
    { "plant.jpg": photo },
    /:4: error: "credits" is not a key of a photos entry\n {4}→ the keys are file, alt, caption, credit/,
  ],
  [
    "photos that are not a list",
    ["---", "photos: plant.jpg", "---", "عنوان", "", "نص."].join("\n"),
    { "plant.jpg": photo },
    /:2: error: photos must be a list/,
  ],
];

describe("check refuses a media-kit file", () => {
  it.each(cases)("%s", (_, text, files, expected, prepare) => {
    const found = problems(text, files, prepare);
    expect(found).toHaveLength(1);
    expect(found[0].startsWith(`${FILE}:`)).toBe(true);
    expect(found[0]).toMatch(expected);
  });

  it("accepts good photos and documents of every type it lists", async () => {
    const files = { "a.jpg": photo, "b.png": await cameraPhoto({ width: 300, height: 200, format: "png" }), "s.pdf": pdf("x"), "r.docx": docx() };
    const text = release(
      "photos",
      ["file: a.jpg", "alt: صورة أولى"],
      ["  - file: b.png", "    alt: صورة ثانية", "files:", "  - s.pdf", "  - file: r.docx", "  - file: assets/n.txt"],
    );
    // A .txt beside the releases would be read as a release itself: text documents go under assets/.
    expect(problems(text, files, (root) => writeFileSync(path.join(root, "assets/n.txt"), "ملاحظات للصحفيين\n"))).toEqual([]);
  });

  it("warns, without failing, about a held-back release's broken kit (it is never published)", () => {
    const project = makeProject({ "2026-11-20-kit.txt": release("files", ["file: gone.pdf"], ["draft: true"]) });
    const diagnostics = checkProject({ root: project.root, now: NOW }).diagnostics.filter((d) => d.message.includes("gone.pdf"));
    expect(diagnostics.map((d) => [d.severity, d.line])).toEqual([["warning", 4]]);
  });

  it("stops the build too, publishing nothing", async () => {
    const project = makeProject({ "2026-11-20-kit.txt": release("files", ["file: statement.pdf"]), "statement.pdf": "<html><script>x()</script></html>" });
    const result = await project.build();
    expect(result.ok).toBe(false);
    expect(result.diagnostics.map(formatDiagnostic).join("\n")).toMatch(/kit\.txt:4: error: document "statement\.pdf": is a web page/);
  });
});

describe("a preview (drafts shown)", () => {
  it("builds a draft whose kit lists a missing file, leaving that file out", async () => {
    const project = makeProject({
      "2026-11-20-kit.txt": release("files", ["file: gone.pdf"], ["draft: true", "photos:", "  - file: plant.jpg", "    alt: المحطة"]),
      "plant.jpg": await cameraPhoto({ width: 300, height: 200 }),
    });
    const result = await project.build({ preview: true, output: ".cache/preview" });
    expect(result.ok).toBe(true);
    const links = [...project.page("/releases/2026/11/kit/", ".cache/preview").querySelectorAll(".media-kit a")].map((a) => a.getAttribute("href"));
    expect(links).toEqual(["/releases/2026/11/kit/media/plant.jpg", "/releases/2026/11/kit/media/media-kit.zip"]);
  });
});
