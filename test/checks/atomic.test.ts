/**
 * Atomic, clean output (issue 5, item 4): a failed build leaves the previous output byte-identical,
 * files of deleted releases do not linger, nothing is written outside the output folder, and the
 * output folder can never be the project, its sources or a parent of them.
 */
import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import type { ReleaseErrors } from "../../src/diagnostics.ts";
import { assertSafeOutput } from "../../src/build/build.ts";
import { BUILD_NOW, makeProject, REPO, samples } from "../helpers/project.ts";
import { differences, outputFiles, snapshot } from "./output.ts";

/** Project entries a build may create: the output, its staging and the image cache. */
const leftovers = (root: string) => readdirSync(root).filter((entry) => /^dist\.(building|old)-/.test(entry));
/**
 * Everything in the project but the output and the image cache, and what a build could have put
 * beside it (the temp folder is shared with other processes, so only names a build could make).
 */
const around = (root: string) => [
  ...outputFiles(root).filter((file) => !/^(dist|\.cache|node_modules|src)\//.test(file)),
  ...readdirSync(path.dirname(root))
    .filter((entry) => entry.startsWith(`${path.basename(root)}.`) || /^(etc|owned|dist)/.test(entry))
    .map((entry) => `../${entry}`),
];

describe("a failed build leaves the previous output as it was", () => {
  it.each([
    ["a release with an error", (root: string) => writeFileSync(path.join(root, "releases/bad.txt"), "---\ndate: 2026-13-45\n---\nعنوان\n")],
    ["an empty release", (root: string) => writeFileSync(path.join(root, "releases/empty.txt"), "")],
    ["a broken template", (root: string) => writeFileSync(path.join(root, "templates/pages/404.njk"), "{% if %}")],
    [
      "a leak found by the embargo audit",
      (root: string) => writeFileSync(path.join(root, "leak.njk"), "---\npermalink: /leak.html\n---\nالميزانية العامة للدولة للعام المالي 2100\n"),
    ],
  ])("%s", async (_, breakIt) => {
    const project = makeProject(samples(["seed-release.txt", "2026-10-05-digital-services.md", "embargoed-budget.txt"]));
    expect((await project.build()).ok).toBe(true);
    const dist = path.join(project.root, "dist");
    const before = snapshot(dist);
    expect(before.size).toBeGreaterThan(10);

    breakIt(project.root);
    const failure = await project.build().then(
      (result) => (result.ok ? "built" : "refused"),
      (error: Error) => error,
    );
    expect(failure).not.toBe("built");
    expect(differences(before, snapshot(dist))).toEqual([]);
    expect(leftovers(project.root)).toEqual([]);
  });

  it("names the release and the file it leaked into when the audit fails", async () => {
    const project = makeProject(samples(["2026-10-05-digital-services.md", "embargoed-budget.txt", "draft-note.txt"]));
    writeFileSync(
      path.join(project.root, "leak.njk"),
      '---\npermalink: /leak/index.html\n---\n<a href="/releases/2026/11/draft-note/">الميزانية العامة للدولة للعام المالي 2100</a>\n',
    );
    const error = await project.build().then(
      () => undefined,
      (thrown: unknown) => thrown,
    );
    // By name: the test project loads its own copy of the module (through its src link).
    expect((error as Error).name).toBe("ReleaseErrors");
    expect((error as ReleaseErrors).diagnostics).toEqual([
      expect.objectContaining({
        file: "releases/draft-note.txt",
        message: expect.stringMatching(/^is a draft, but its address \/releases\/2026\/11\/draft-note\/ appears in the built site: \/leak\/index\.html:1$/),
      }),
      expect.objectContaining({
        file: "releases/embargoed-budget.txt",
        message: expect.stringMatching(/^is under embargo until 2099-01-01T08:00:00\+03:00, but its title appears in the built site: \/leak\/index\.html:1$/),
      }),
    ]);
    expect(existsSync(path.join(project.root, "dist"))).toBe(false);
  });

  it("searches the search index too (as the index writer writes it, not read back)", async () => {
    // A published release that gives a draft's address away in its second paragraph: the page
    // isolates the Latin run (<bdi>), the index keeps the text as written.
    const quoting = "عنوان بيان منشور يذكر مسودة\n\nمقدمة البيان.\n\nالتفاصيل في /releases/2026/11/draft-note/ قريبا.\n";
    const project = makeProject({ ...samples(["draft-note.txt"]), "2026-11-20-quoting.txt": quoting });
    const error = await project.build().then(
      () => undefined,
      (thrown: unknown) => thrown,
    );
    const messages = (error as ReleaseErrors).diagnostics.map((d) => `${d.file}:${d.line}: ${d.message}`);
    expect(messages).toEqual([
      expect.stringMatching(
        /^releases\/2026-11-20-quoting\.txt:5: this published release names releases\/draft-note\.txt, which is a draft: its address \/releases\/2026\/11\/draft-note\/ appears in the built site: \/search\/index\/[bd]\/0\.bin$/,
      ),
    ]);
  });

  it("does not audit a preview, where drafts are meant to be seen", async () => {
    const project = makeProject(samples(["draft-note.txt", "embargoed-budget.txt"]));
    const result = await project.build({ preview: true, output: ".cache/preview" });
    expect(result.ok).toBe(true);
    expect(project.page("/releases/2026/11/draft-note/", ".cache/preview").querySelector("h1")!.textContent).toContain("مسودة");
  });
});

describe("clean output", () => {
  it("removes the files of a deleted or renamed release", async () => {
    const project = makeProject(samples(["seed-release.txt", "2026-10-05-digital-services.md", "2026-09-14-flu-campaign-bom-crlf.txt"]));
    await project.build();
    const dist = path.join(project.root, "dist");
    expect(outputFiles(dist)).toContain("releases/2026/09/flu-campaign-bom-crlf/index.html");
    rmSync(path.join(project.root, "releases/2026-09-14-flu-campaign-bom-crlf.txt"));
    writeFileSync(path.join(project.root, "releases/2026-10-05-renamed.md"), "---\ntitle: إطلاق البوابة\ndate: 2026-10-05\n---\nنص.\n");
    rmSync(path.join(project.root, "releases/2026-10-05-digital-services.md"));
    await project.build();
    const files = outputFiles(dist);
    expect(files.filter((file) => /flu-campaign|digital-services|archive\/2026\/09/.test(file))).toEqual([]);
    expect(files).toContain("releases/2026/10/renamed/index.html");
    // The previous output is deleted by a background process once the new one is in place.
    for (let waited = 0; leftovers(project.root).length > 0 && waited < 10_000; waited += 100) await new Promise((resolve) => setTimeout(resolve, 100));
    expect(leftovers(project.root)).toEqual([]);
  });

  it("writes nothing outside the output folder", async () => {
    const project = makeProject(samples(["seed-release.txt", "2026-10-05-digital-services.md"]));
    const before = around(project.root);
    await project.build();
    await project.build({ output: "out/nested" });
    expect(around(project.root).filter((file) => !file.startsWith("out/"))).toEqual(before);
    expect(leftovers(project.root)).toEqual([]);
  });
});

describe("assertSafeOutput", () => {
  const root = path.join(os.tmpdir(), "bayan-safe-output", "project");
  it.each(["dist", "out/site", ".cache/preview", "public"])("accepts %s", (output) => {
    expect(() => assertSafeOutput(root, path.resolve(root, output))).not.toThrow();
  });

  it.each([
    ".",
    "..",
    "../..",
    "/",
    "../sibling",
    os.tmpdir(),
    "releases",
    "releases/2026",
    "templates",
    "templates/layouts",
    "assets",
    "src",
    "test",
    "node_modules",
    "node_modules/.cache/x",
    ".git",
    ".git/x",
    ".cache",
    ".cache/bayan-pages",
    ".cache/bayan-og/x",
  ])("refuses %s", (output) => {
    expect(() => assertSafeOutput(root, path.resolve(root, output))).toThrow(/refusing to build into/);
  });

  it("refuses before touching anything, through buildSite", async () => {
    const project = makeProject(samples(["seed-release.txt"]));
    const before = around(project.root);
    for (const output of [".", "..", "releases", "templates"]) await expect(project.build({ output })).rejects.toThrow(/refusing to build into/);
    expect(around(project.root)).toEqual(before);
  });

  // Known gaps, fixed by the assertSafeOutput change in the Bayan issue 5 report: flip these to it() once it lands.
  it("refuses a path that reaches a source folder through a link", () => {
    const project = makeProject({});
    mkdirSync(path.join(project.root, "releases"), { recursive: true });
    symlinkSync(path.join(project.root, "releases"), path.join(project.root, "out"));
    expect(() => assertSafeOutput(project.root, path.join(project.root, "out/site"))).toThrow(/refusing to build into/);
  });

  it("refuses a source folder written in another letter case (one folder on macOS and Windows disks)", () => {
    expect(() => assertSafeOutput(root, path.join(root, "Releases"))).toThrow(/refusing to build into/);
  });
});

/** Every file of the project but `node_modules` and `src` (links to the repository), with its bytes. */
const projectFiles = (root: string) => new Map([...snapshot(root)].filter(([file]) => !/^(node_modules|src)\//.test(file)));

describe("the output folder is new or Bayan's own (issue 19, item 2)", () => {
  it.each(["docs", "package.json", ".github", "eleventy.config.ts", "README.md", ".cache", ".cache/bayan-img"])(
    "refuses --output=%s and touches nothing",
    async (output) => {
      const project = makeProject(samples(["seed-release.txt"]));
      for (const [file, text] of Object.entries({
        "docs/guide.md": "# guide\n",
        ".github/workflows/deploy.yml": "on: push\n",
        "README.md": "# readme\n",
        ".cache/bayan-img/x.jpg": "jpeg",
      })) {
        mkdirSync(path.dirname(path.join(project.root, file)), { recursive: true });
        writeFileSync(path.join(project.root, file), text);
      }
      const before = projectFiles(project.root);
      await expect(project.build({ output })).rejects.toThrow(/refusing to build into/);
      expect(differences(before, projectFiles(project.root))).toEqual([]);
    },
  );

  it("builds into a new folder, then replaces it on the next build", async () => {
    const project = makeProject(samples(["seed-release.txt"]));
    expect((await project.build({ output: "site" })).ok).toBe(true);
    expect((await project.build({ output: "site" })).ok).toBe(true);
    expect(existsSync(path.join(project.root, "site/index.html"))).toBe(true);
  });

  it("takes a dist/ of an older Bayan (no record in .cache/) when it holds what every build writes", async () => {
    const project = makeProject(samples(["seed-release.txt"]));
    await project.build();
    rmSync(path.join(project.root, ".cache"), { recursive: true });
    expect((await project.build()).ok).toBe(true);
    rmSync(path.join(project.root, "dist/sitemap.xml"));
    rmSync(path.join(project.root, ".cache"), { recursive: true });
    await expect(project.build()).rejects.toThrow(/refusing to build into dist: it already exists and Bayan did not make it/);
  });
});

describe("a preview never goes where the site is deployed from (issue 18, item 4)", () => {
  it("builds --drafts into .cache/preview/ and refuses dist/", async () => {
    const project = makeProject(samples(["seed-release.txt", "draft-note.txt"]));
    const result = await project.build({ preview: true });
    expect(result.output).toBe(path.join(project.root, ".cache/preview"));
    expect(existsSync(path.join(project.root, "dist"))).toBe(false);
    expect(project.page("/releases/2026/11/draft-note/", ".cache/preview").querySelector("h1")).not.toBeNull();
    await expect(project.build({ preview: true, output: "dist" })).rejects.toThrow(/refusing to build a preview into dist/);
    await project.build();
    await expect(project.build({ preview: true, output: "dist" })).rejects.toThrow(/refusing to build a preview into dist/);
    await project.build({ output: "site" });
    await expect(project.build({ preview: true, output: "site" })).rejects.toThrow(
      /refusing to build a preview into site: it holds a site built for deployment/,
    );
    // A preview of an older Bayan, without a record: rebuilt in place.
    rmSync(path.join(project.root, ".cache/bayan-outputs.json"));
    expect((await project.build({ preview: true })).ok).toBe(true);
  });

  it("a failed build for deployment leaves no preview in its folder", async () => {
    const project = makeProject(samples(["seed-release.txt", "draft-note.txt"]));
    expect((await project.build({ preview: true, output: "public" })).ok).toBe(true);
    await expect(project.build({ preview: true, output: "public" })).resolves.toMatchObject({ ok: true });
    writeFileSync(path.join(project.root, "releases/bad.txt"), "---\ndate: 2026-13-45\n---\nعنوان\n");
    expect((await project.build({ output: "public" })).ok).toBe(false);
    expect(outputFiles(path.join(project.root, "public"))).toEqual([]);
    rmSync(path.join(project.root, "releases/bad.txt"));
    expect((await project.build({ preview: true, output: "public" })).ok).toBe(true);
    writeFileSync(path.join(project.root, "templates/pages/404.njk"), "{% if %}");
    await expect(project.build({ output: "public" })).rejects.toThrow();
    expect(outputFiles(path.join(project.root, "public"))).toEqual([]);
  });
});

describe("a .cache/ that cannot be written (issue 19, item 4)", () => {
  it("warns and publishes", async () => {
    const project = makeProject(samples(["seed-release.txt"]));
    // A file where the folder should be: writes fail even for root, whom chmod does not stop.
    writeFileSync(path.join(project.root, ".cache"), "not a folder");
    const result = await project.build();
    expect(result.ok).toBe(true);
    expect(result.diagnostics.filter((d) => d.file === ".cache/").map((d) => `${d.severity}: ${d.message}`)).toEqual([
      expect.stringMatching(/^warning: cannot write to \.cache\/ \((EEXIST|ENOTDIR)\)/),
    ]);
    expect(existsSync(path.join(project.root, "dist/index.html"))).toBe(true);
    expect((await project.build()).ok).toBe(true);
  });
});

describe("what a killed build leaves (issue 19, item 5)", () => {
  /** The id of a process that has ended. */
  const deadPid = () => spawnSync(process.execPath, ["-e", ""]).pid!;

  it("a build killed mid-way: the next build deletes its staging folder, and the site stays", async () => {
    const project = makeProject(samples(["seed-release.txt", "2026-10-05-digital-services.md"]));
    await project.build();
    const dist = path.join(project.root, "dist");
    const before = snapshot(dist);
    const script = `import { buildSite } from ${JSON.stringify(path.join(REPO, "src/build/build.ts"))};\nawait buildSite({ root: ${JSON.stringify(project.root)}, now: ${JSON.stringify(BUILD_NOW)} });\n`;
    const child = spawn(process.execPath, ["--import", "tsx", "--input-type=module", "-e", script], { cwd: REPO, stdio: "ignore" });
    const staging = path.join(project.root, `dist.building-${child.pid}`);
    // Killed once it writes its staging folder: Eleventy is rendering into it.
    for (let waited = 0; !existsSync(path.join(staging, "assets")) && waited < 30_000; waited += 20) await new Promise((resolve) => setTimeout(resolve, 20));
    child.kill("SIGKILL");
    await new Promise((resolve) => child.once("exit", resolve));
    expect(existsSync(staging)).toBe(true);
    expect(differences(before, snapshot(dist))).toEqual([]);

    writeFileSync(path.join(project.root, "releases/bad.txt"), "---\ndate: 2026-13-45\n---\nعنوان\n");
    expect((await project.build()).ok).toBe(false);
    expect(existsSync(staging)).toBe(false);
    expect(differences(before, snapshot(dist))).toEqual([]);
  });

  it("a build killed between its two renames: the next build puts the last good site back, even when it fails", async () => {
    const project = makeProject(samples(["seed-release.txt", "2026-10-05-digital-services.md"]));
    await project.build();
    const dist = path.join(project.root, "dist");
    const before = snapshot(dist);
    const pid = deadPid();
    renameSync(dist, `${dist}.old-${pid}-1700000000000`);
    mkdirSync(`${dist}.building-${pid}/releases`, { recursive: true });
    writeFileSync(`${dist}.building-${pid}/index.html`, "<p>half");
    mkdirSync(`${dist}.building-${process.pid + 1_000_000}`); // no process has that id either

    writeFileSync(path.join(project.root, "templates/pages/404.njk"), "{% if %}");
    await expect(project.build()).rejects.toThrow();
    expect(differences(before, snapshot(dist))).toEqual([]);
    expect(readdirSync(project.root).filter((entry) => entry.startsWith("dist."))).toEqual([]);
  });

  it("leaves the staging folder of a build still running", async () => {
    const project = makeProject(samples(["seed-release.txt"]));
    const sleeper = spawn(process.execPath, ["-e", "setTimeout(() => {}, 60000)"], { stdio: "ignore" });
    try {
      mkdirSync(path.join(project.root, `dist.building-${sleeper.pid}`));
      await project.build();
      expect(existsSync(path.join(project.root, `dist.building-${sleeper.pid}`))).toBe(true);
    } finally {
      sleeper.kill("SIGKILL");
    }
  });
});
