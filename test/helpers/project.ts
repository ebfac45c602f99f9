import { cpSync, mkdirSync, mkdtempSync, readFileSync, symlinkSync, utimesSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseHTML } from "linkedom";
import { buildSite, type BuildOptions, type BuildResult } from "../../src/build/build.ts";

/** The repository folder. */
export const REPO = path.resolve(import.meta.dirname, "../..");
export const SAMPLES = path.join(REPO, "test/fixtures/samples");

/** Good samples that publish, as the bundled site has them. */
export const GOOD_SAMPLES = [
  "seed-release.txt",
  "2026-11-24-desalination-plant.txt",
  "2026-11-24-desalination-plant.en.txt",
  "2026-10-05-digital-services.md",
  "2026-09-14-flu-campaign-bom-crlf.txt",
  "draft-note.txt",
  "embargoed-budget.txt",
];

/**
 * The modification time every release file of a test project gets: a release with no date of
 * its own (the seed) is dated by it, so no test depends on the day it runs.
 */
export const RELEASE_MTIME = new Date("2026-11-28T09:00:00+03:00");

/** The build clock of a test project, unless a test sets its own. */
export const BUILD_NOW = "2026-11-29T12:00:00+03:00";

export interface TestProject {
  root: string;
  build(options?: Omit<BuildOptions, "root">): Promise<BuildResult>;
  /** Text of a file under the output folder. */
  read(file: string, output?: string): string;
  /** A parsed HTML page of the output, by URL path (`/releases/…/`). */
  page(url: string, output?: string): Document;
}

/**
 * A throwaway project: the real config, templates and assets, with `src` and `node_modules`
 * linked from the repository, and the given releases (file name → text or bytes).
 */
export function makeProject(releases: Record<string, string | Uint8Array>, site: Record<string, unknown> = {}): TestProject {
  const root = mkdtempSync(path.join(os.tmpdir(), "bayan-test-"));
  for (const entry of ["eleventy.config.ts", "templates", "assets"]) cpSync(path.join(REPO, entry), path.join(root, entry), { recursive: true });
  for (const entry of ["src", "node_modules", "package.json"]) symlinkSync(path.join(REPO, entry), path.join(root, entry));
  const siteFile = path.join(root, "templates/site.json");
  writeFileSync(siteFile, JSON.stringify({ ...JSON.parse(readFileSync(siteFile, "utf8")), ...site }, null, 2));
  for (const [name, content] of Object.entries(releases)) {
    const file = path.join(root, "releases", name);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, content);
    utimesSync(file, RELEASE_MTIME, RELEASE_MTIME);
  }
  return projectAt(root);
}

/** The test project in `root`, a folder `makeProject` made (here or in another process). */
export function projectAt(root: string): TestProject {
  const read = (file: string, output = "dist") => readFileSync(path.join(root, output, file), "utf8");
  return {
    root,
    build: (options = {}) => buildSite({ root, now: BUILD_NOW, ...options }),
    read,
    page: (url: string, output?: string) => parseHTML(read(path.join(decodeURI(url), url.endsWith(".html") ? "" : "index.html"), output)).document,
  };
}

/** The samples by name, as bytes. */
export function samples(names: string[]): Record<string, Uint8Array> {
  return Object.fromEntries(names.map((name) => [name, readFileSync(path.join(SAMPLES, name))]));
}
