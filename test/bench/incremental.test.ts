import { copyFileSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startWatch, type WatchSession } from "../../tools/bench/loops.ts";
import { makeProject, REPO, type TestProject } from "../helpers/project.ts";

/**
 * `npm start` rebuilds incrementally: editing one release writes its page and the pages that show
 * it — the list pages it is on, its neighbours when its title changes — and nothing else; a
 * template edit still rewrites everything. Not timed: `npm run bench` times the same loop.
 */
const NOW = "2026-11-29T12:00:00+03:00";
const releases = Object.fromEntries(
  Array.from({ length: 24 }, (_, i) => {
    const day = String((i % 28) + 1).padStart(2, "0");
    const month = String(9 + Math.floor(i / 8)).padStart(2, "0");
    const text = `---\ntags: [${i % 2 ? "مياه" : "طاقة"}]\nsummary: ملخص البيان رقم ${i}.\n---\nالبيان رقم ${i} عن المشاريع\n\nنص البيان رقم ${i} في فقرة واحدة.\n`;
    return [`2026-${month}-${day}-release-${i}.txt`, text];
  }),
);
const urlOf = (i: number) => `/releases/2026/${Object.keys(releases)[i].slice(5, 7)}/release-${i}/`;

describe("incremental rebuilds while npm start runs", () => {
  let project: TestProject;
  let watch: WatchSession;
  beforeAll(async () => {
    project = makeProject(releases, { perPage: 3, feedSize: 3 });
    copyFileSync(path.join(REPO, ".gitignore"), path.join(project.root, ".gitignore"));
    watch = startWatch(project.root, NOW, 110_000);
    await watch.ready;
  });
  afterAll(() => watch?.stop());

  /** Site URLs of the list pages (home, tags, archive) whose HTML links to `url`. */
  const listPagesLinking = (url: string): string[] =>
    htmlPages(path.join(project.root, "dist"))
      .filter((page) => !page.startsWith("/releases/") && !page.startsWith("/en/releases/"))
      .filter((page) => readFileSync(path.join(project.root, "dist", page, "index.html"), "utf8").includes(`href="${url}"`));

  const edit = async (i: number, change: (text: string) => string) => {
    const file = `releases/${Object.keys(releases)[i]}`;
    const { rebuild } = await watch.save(file, change(readFileSync(path.join(project.root, file), "utf8")));
    expect(rebuild.changed).toEqual([`./${file}`]);
    return rebuild.urls;
  };

  it("writes a release's page and the list pages that show it when its text changes", async () => {
    const target = urlOf(10);
    const lists = listPagesLinking(target);
    expect(lists.length).toBeGreaterThanOrEqual(4); // home, tag, month, year
    const written = await edit(10, (text) => `${text}\nفقرة أضيفت بعد النشر.\n`);
    expect(written.filter((url) => url.includes("/releases/"))).toEqual([target]);
    expect(written.filter(isListPage).sort()).toEqual([...lists].sort());
    // Not the newest release: no feed shows it; its address and dates are as they were: nor does the sitemap change.
    expect(written.filter((url) => /\.(xml|json)$/.test(url))).toEqual([]);
    expect(project.read(`${target.slice(1)}index.html`)).toContain("فقرة أضيفت بعد النشر.");
  }, 60_000);

  it("writes the sitemap when a release's updated date changes", async () => {
    const lastmod = () => project.read("sitemap.xml").match(new RegExp(`${urlOf(5)}</loc>\\s*<lastmod>([^<]+)`))?.[1];
    expect(lastmod()).toMatch(/^2026-09-06/);
    const written = await edit(5, (text) => text.replace("---\n", "---\nupdated: 2026-11-20T10:00:00+03:00\n"));
    expect(written).toContain("/sitemap.xml");
    expect(lastmod()).toBe("2026-11-20T10:00:00+03:00");
  }, 60_000);

  it("also writes the neighbours' pages when the title changes, which they show, and its new share card", async () => {
    const card = (i: number) => readFileSync(path.join(project.root, "dist/og", `${urlOf(i).slice(1, -1)}.png`));
    const [cardBefore, neighbourCard] = [card(10), card(11)];
    const written = await edit(10, (text) => text.replace("البيان رقم 10 عن المشاريع", "عنوان جديد للبيان العاشر"));
    expect(card(10).equals(cardBefore)).toBe(false);
    expect(card(11).equals(neighbourCard)).toBe(true);
    expect(written.filter((url) => url.includes("/releases/")).sort()).toEqual([urlOf(9), urlOf(10), urlOf(11)].sort());
    for (const list of written.filter(isListPage)) {
      expect(project.read(`${list.slice(1)}index.html`), list).toContain("عنوان جديد للبيان العاشر");
    }
    expect(project.read(`${urlOf(11).slice(1)}index.html`)).toContain("عنوان جديد للبيان العاشر");
  }, 60_000);

  it("writes the newest release's feeds when it changes", async () => {
    const written = await edit(23, (text) => `${text}\nتحديث للبيان الأحدث.\n`);
    expect(written).toContain("/feed.xml");
    // Its language's feeds and its tag's, in three formats each; not the other tag's.
    expect(written.filter((url) => /\.(xml|json)$/.test(url) && url !== "/sitemap.xml")).toHaveLength(6);
    expect(project.read("feed.xml")).toContain("تحديث للبيان الأحدث.");
  }, 60_000);

  it("rewrites every page when a template changes", async () => {
    const footer = "templates/partials/footer.njk";
    const { rebuild } = await watch.save(footer, `${readFileSync(path.join(project.root, footer), "utf8")}\n<!-- edited -->\n`);
    const releasePages = rebuild.urls.filter((url) => /^\/releases\/2026\/\d{2}\/release-\d+\/$/.test(url));
    expect(releasePages.length).toBe(24);
    expect(rebuild.urls.filter(isListPage).length).toBe(htmlPages(path.join(project.root, "dist")).filter((page) => isListPage(page)).length);
  }, 60_000);

  it.each([
    ["base", "</body>"],
    ["release", "</article>"],
  ])(
    "rewrites release pages with the edit when the %s layout changes",
    async (name, before) => {
      const layout = `templates/layouts/${name}.njk`;
      const mark = `<!-- ${name} edited -->`;
      const { rebuild } = await watch.save(layout, readFileSync(path.join(project.root, layout), "utf8").replace(before, `${mark}${before}`));
      expect(rebuild.urls.filter((url) => /^\/releases\/2026\/\d{2}\/release-\d+\/$/.test(url)).length).toBe(24);
      expect(project.read(`${urlOf(3).slice(1)}index.html`)).toContain(`${mark}${before}`);
    },
    60_000,
  );
});

function isListPage(url: string): boolean {
  return /^\/(?:en\/)?(?:page\/\d+\/|tags\/[^/]+\/(?:page\/\d+\/)?|archive\/\d{4}\/(?:\d{2}\/)?(?:page\/\d+\/)?)?$/.test(url);
}

/** Site URLs of the HTML pages under a folder (`/`, `/tags/x/`, …). */
function htmlPages(folder: string): string[] {
  return readdirSync(folder, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && entry.name === "index.html")
    .map((entry) => `/${path.relative(folder, entry.parentPath).split(path.sep).join("/")}/`.replace(/^\/\/$/, "/"));
}
