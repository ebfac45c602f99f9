import { readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { inflateRawSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { runTs } from "../helpers/cli.ts";
import { GOOD_SAMPLES, makeProject, samples, type TestProject } from "../helpers/project.ts";

/** Every file of the output with its inode and text. */
function snapshot(project: TestProject): Map<string, { ino: number; text: string }> {
  const dist = path.join(project.root, "dist");
  const files = readdirSync(dist, { recursive: true, withFileTypes: true }).filter((entry) => entry.isFile());
  return new Map(
    files.map((entry) => {
      const file = path.join(entry.parentPath, entry.name);
      return [path.relative(dist, file), { ino: statSync(file).ino, text: readFileSync(file, "latin1") }];
    }),
  );
}

const pageFile = (url: string) => path.join(url.slice(1), "index.html");
const SEED = "/releases/2026/11/seed-release/";
const DESALINATION = "/releases/2026/11/desalination-plant/";
const PORTAL = "/releases/2026/10/digital-services/";
const FLU = "/releases/2026/09/flu-campaign-bom-crlf/";
const cachedPages = (project: TestProject) => readdirSync(path.join(project.root, ".cache/bayan-pages")).filter((name) => name !== "manifest.json");
const isPageOrFeed = (file: string) => /\.(html|xml|json)$/.test(file) && !file.startsWith("search/index/");
/** Pages made from the whole archive: written by every build. */
const ALWAYS_WRITTEN = [
  "404.html",
  "archive/index.html",
  "en/archive/index.html",
  "en/search/index.html",
  "en/tags/index.html",
  "search/index.html",
  "sitemap.xml",
  "tags/index.html",
];

async function build(project: TestProject) {
  const result = await project.build();
  expect(result.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
  expect(result.ok).toBe(true);
  return snapshot(project);
}

/**
 * `npm run build` in its own process. Tests that edit templates build this way: Eleventy keeps
 * compiled includes for the whole process, by their name, so an in-process build after an edit
 * (or in another project) may render the previous version, whatever the page cache does.
 */
function buildInProcessOfItsOwn(project: TestProject): void {
  // tsx as node's loader, not tsx's command, which would start a second node for every build.
  const result = runTs("src/cli/build.ts", ["--now=2026-11-29T12:00:00+03:00"], {
    cwd: project.root,
    encoding: "utf8",
  });
  expect(result.status, result.stderr).toBe(0);
}

describe("the page cache (.cache/bayan-pages)", () => {
  it("takes unchanged release pages, list pages and feeds from the cache, the same bytes a full render gives", async () => {
    const project = makeProject(samples(GOOD_SAMPLES));
    const first = await build(project);
    // 5 release pages, 16 list pages (2 home, 8 tags, 6 archive), 10 feeds (2 languages, 8 tags) in 3 formats.
    expect(cachedPages(project)).toHaveLength(5 + 16 + 10 * 3);
    const second = await build(project);
    // Each of those is the very file the first build stored; everything else is written again.
    const fromCache = [...second].filter(([file, { ino }]) => isPageOrFeed(file) && first.get(file)?.ino === ino).map(([file]) => file);
    expect(fromCache).toHaveLength(5 + 16 + 10 * 3);
    expect(fromCache).toEqual(
      expect.arrayContaining([SEED, DESALINATION, `/en${DESALINATION}`, PORTAL, FLU, "/", "/tags/sha-6605fc/", "/archive/2026/09/"].map(pageFile)),
    );
    expect(fromCache).toEqual(expect.arrayContaining(["feed.xml", "atom.xml", "feed.json", "en/tags/water/feed.json"]));
    expect([...second.keys()].filter((file) => isPageOrFeed(file) && !fromCache.includes(file)).sort()).toEqual(ALWAYS_WRITTEN);
    // The search index's files too: the documents' and the terms'.
    const index = [...second.keys()].filter((file) => file.startsWith("search/index/"));
    expect(index.filter((file) => /^search\/index\/[db]\//.test(file))).toHaveLength(5 + 4);
    expect(index).toContain("search/index/meta.json");
    expect(index.filter((file) => first.get(file)?.ino !== second.get(file)!.ino)).toEqual([]);
    for (const folder of ["bayan-pages", "bayan-index"]) rmSync(path.join(project.root, ".cache", folder), { recursive: true });
    const rendered = await build(project);
    for (const built of [second, rendered])
      expect(new Map([...built].map(([file, { text }]) => [file, text]))).toEqual(new Map([...first].map(([file, { text }]) => [file, text])));
  });

  it("renders an edited release again, and the pages and feeds that show it; forgets a removed one", async () => {
    const project = makeProject(samples(GOOD_SAMPLES));
    const first = await build(project);
    const file = path.join(project.root, "releases/2026-10-05-digital-services.md");
    writeFileSync(file, readFileSync(file, "utf8").replace("title: إطلاق الجيل الثاني", "title: تدشين الجيل الثاني"));
    const second = await build(project);
    const rendered = [...second]
      .filter(([file, { ino }]) => isPageOrFeed(file) && !ALWAYS_WRITTEN.includes(file) && first.get(file)?.ino !== ino)
      .map(([file]) => file);
    const otherFeeds = (folder: string) => ["feed.xml", "atom.xml", "feed.json"].map((feed) => path.join(folder, feed));
    // Its page; its neighbours, which link to it by title; the lists and feeds it is in. Not the
    // English pages, the other tags, or the months it is not in.
    expect(rendered).toEqual(
      expect.arrayContaining([
        ...[PORTAL, DESALINATION, FLU, "/", "/tags/khdmat-rqmya-c82847/", "/archive/2026/", "/archive/2026/10/"].map(pageFile),
        ...otherFeeds(""),
        ...otherFeeds("tags/khdmat-rqmya-c82847"),
      ]),
    );
    expect(rendered).toHaveLength(7 + 6);
    expect(rendered.filter((file) => /^en\/|tags\/(sha|myah)\/|archive\/2026\/(09|11)\//.test(file) || file === pageFile(SEED))).toEqual([]);
    // Of the index's document files, only the one holding its title is written again.
    const documents = [...second].filter(([file, { ino }]) => /^search\/index\/[db]\//.test(file) && first.get(file)?.ino !== ino);
    expect(documents.map(([file, { text }]) => [file, inflateRawSync(Buffer.from(text, "latin1")).toString()])).toEqual([
      ["search/index/d/1.bin", expect.stringContaining("تدشين الجيل الثاني")],
    ]);
    expect(project.page(FLU).querySelector("a[rel=next]")!.textContent).toContain("تدشين الجيل الثاني");
    expect(project.page(PORTAL).querySelector("h1")!.textContent).toBe("تدشين الجيل الثاني من بوابة الخدمات الرقمية");
    const stored = cachedPages(project).length;
    rmSync(file);
    await build(project);
    // Its page, the pages of its tag and month (it was their only release) and its tag's three feeds are gone.
    expect(cachedPages(project)).toHaveLength(stored - 6);
  });

  it("renders every release page again when a template changes", () => {
    const project = makeProject(samples(GOOD_SAMPLES));
    buildInProcessOfItsOwn(project);
    const footer = path.join(project.root, "templates/partials/footer.njk");
    writeFileSync(footer, `${readFileSync(footer, "utf8")}<p class="added">v2</p>\n`);
    buildInProcessOfItsOwn(project);
    for (const url of [SEED, DESALINATION, PORTAL, FLU]) expect(project.page(url).querySelector(".added")?.textContent).toBe("v2");
  });

  it("renders pages again, not from the cache, when the layouts show more of the archive than a page's links", () => {
    const project = makeProject(samples(["2026-09-14-flu-campaign-bom-crlf.txt", "2026-10-05-digital-services.md"]));
    const footer = path.join(project.root, "templates/partials/footer.njk");
    writeFileSync(footer, `${readFileSync(footer, "utf8")}<p class="latest">{{ bayan.newsroom.releases[0].title }}</p>\n`);
    buildInProcessOfItsOwn(project);
    writeFileSync(path.join(project.root, "releases/2026-11-28-new.txt"), "افتتاح مركز جديد لخدمة المراجعين في المدينة\n\nافتتحت الوزارة اليوم مركزاً جديداً.\n");
    buildInProcessOfItsOwn(project);
    expect(project.page(FLU).querySelector(".latest")!.textContent).toBe("افتتاح مركز جديد لخدمة المراجعين في المدينة");
  });

  it("renders list pages again when their template shows more of the archive, and takes release pages from the cache still", () => {
    const project = makeProject(samples(GOOD_SAMPLES));
    const listing = path.join(project.root, "templates/pages/listing.njk");
    writeFileSync(listing, `${readFileSync(listing, "utf8")}<p class="total">{{ bayan.newsroom.releases.length }}</p>\n`);
    buildInProcessOfItsOwn(project);
    const fluPage = statSync(path.join(project.root, "dist", pageFile(FLU))).ino;
    writeFileSync(path.join(project.root, "releases/2026-11-28-new.txt"), "افتتاح مركز جديد لخدمة المراجعين في المدينة\n\nافتتحت الوزارة اليوم مركزاً جديداً.\n");
    buildInProcessOfItsOwn(project);
    // The health tag's page does not list the new release, but counts it.
    expect(project.page("/tags/sha-6605fc/").querySelector(".total")!.textContent).toBe("6");
    expect(statSync(path.join(project.root, "dist", pageFile(FLU))).ino).toBe(fluPage);
  });

  it("serves no stale page to a template that reads what the pages' declaration (site/shows.ts) leaves out", () => {
    const release = (date: string, title: string, extra = "") => `---\ndate: ${date}\ntags: [صحة]\n${extra}---\n${title}\n\nنص البيان.\n`;
    const project = makeProject({
      ...samples(["2026-09-14-flu-campaign-bom-crlf.txt", "2026-10-05-digital-services.md"]),
      "2026-09-20-clinic.txt": release("2026-09-20", "افتتاح عيادة جديدة للأطفال في المدينة", "campaign: شتاء\n"),
    });
    // An undeclared release field, and tag counts read past the old check of template source (`["count"]`).
    const layout = path.join(project.root, "templates/layouts/release.njk");
    writeFileSync(
      layout,
      `${readFileSync(layout, "utf8")}<p class="more">{{ release.extra.campaign }}|{% for tag in links.tags %}{{ tag["count"] }}{% endfor %}</p>\n`,
    );
    buildInProcessOfItsOwn(project);
    const clinic = path.join(project.root, "releases/2026-09-20-clinic.txt");
    writeFileSync(clinic, readFileSync(clinic, "utf8").replace("campaign: شتاء", "campaign: صيف"));
    // In a month the archive has already, so that the sections the pages show stay the same.
    writeFileSync(path.join(project.root, "releases/2026-10-20-vaccines.txt"), release("2026-10-20", "وصول دفعة جديدة من اللقاحات إلى المراكز الصحية"));
    buildInProcessOfItsOwn(project);
    const cached = snapshot(project);
    rmSync(path.join(project.root, ".cache"), { recursive: true });
    buildInProcessOfItsOwn(project);
    const clean = snapshot(project);
    expect([...cached.keys()].sort()).toEqual([...clean.keys()].sort());
    for (const [file, { text }] of clean) expect(cached.get(file)!.text, file).toBe(text);
  });

  it("does not serve a cached page or index file that was changed in place through its link in dist/", async () => {
    const project = makeProject(samples(GOOD_SAMPLES));
    const first = await build(project);
    writeFileSync(path.join(project.root, "dist", pageFile(SEED)), "minified in place");
    writeFileSync(path.join(project.root, "dist/search/index/d/0.bin"), "changed in place");
    const second = await build(project);
    expect(second.get(pageFile(SEED))!.text).toBe(first.get(pageFile(SEED))!.text);
    expect(second.get("search/index/d/0.bin")!.text).toBe(first.get("search/index/d/0.bin")!.text);
  });

  it("audits a cached page again when the hidden releases change", async () => {
    const portal = readFileSync(path.join(import.meta.dirname, "../fixtures/samples/2026-10-05-digital-services.md"), "utf8");
    const project = makeProject({
      ...samples(["seed-release.txt"]),
      "2026-10-05-digital-services.md": `${portal}\nانظر [الميزانية](/releases/2099/01/embargoed-budget/).\n`,
    });
    await build(project);
    writeFileSync(
      path.join(project.root, "releases/embargoed-budget.txt"),
      readFileSync(path.join(import.meta.dirname, "../fixtures/samples/embargoed-budget.txt")),
    );
    const failure = () =>
      project.build().then(
        () => [],
        (error: { diagnostics: unknown[] }) => error.diagnostics,
      );
    const withCachedPage = await failure();
    rmSync(path.join(project.root, ".cache/bayan-pages"), { recursive: true });
    // The same leaks as when every page is rendered: the page, its feeds and the search index.
    expect(withCachedPage).toEqual(await failure());
    expect(withCachedPage).toEqual([
      expect.objectContaining({
        file: "releases/2026-10-05-digital-services.md",
        message: expect.stringMatching(
          /^this published release names releases\/embargoed-budget\.txt, which is under embargo until .*: its address \/releases\/2099\/01\/embargoed-budget\/ appears in the built site: .* and 4 more file\(s\)$/,
        ),
      }),
    ]);
  });

  it("never takes a page a failed build linked into the cache before its audit failed: the next build audits it again", async () => {
    const fixture = (name: string) => readFileSync(path.join(import.meta.dirname, "../fixtures/samples", name));
    const portal = fixture("2026-10-05-digital-services.md").toString("utf8");
    const project = makeProject({ ...samples(["seed-release.txt", "embargoed-budget.txt"]), "2026-10-05-digital-services.md": portal });
    await build(project);
    // The same hidden releases, and a published page that now leaks one's address.
    writeFileSync(path.join(project.root, "releases/2026-10-05-digital-services.md"), `${portal}\nانظر [الميزانية](/releases/2099/01/embargoed-budget/).\n`);
    const leaks = () =>
      project.build().then(
        () => [],
        (error: { diagnostics: Array<{ message: string }> }) => error.diagnostics.map((d) => d.message),
      );
    const first = await leaks();
    expect(first).toEqual([expect.stringContaining("/releases/2099/01/embargoed-budget/ appears in the built site")]);
    expect(await leaks()).toEqual(first);
    expect(readFileSync(path.join(project.root, "dist", pageFile(PORTAL)), "utf8")).not.toContain("embargoed-budget");
  });
});
