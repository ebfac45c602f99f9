import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { parseHTML } from "linkedom";
import { beforeAll, describe, expect, it } from "vitest";
import { makeProject, REPO, samples, type TestProject } from "../helpers/project.ts";
import { expectAbsoluteUrls, itemHtml, readFeed } from "./feed-files.ts";

const SECTION = { rss: "/feed.xml", atom: "/atom.xml", json: "/feed.json" };

/** A Markdown release with a lead image, linking the ways an author might write links. */
const RELATIVE_LINKS = `---
title: روابط نسبية
date: 2026-11-20T10:00:00+03:00
tags: [اختبار]
summary: روابط بعناوين نسبية وصورة.
image: jubail-plant.jpg
imageAlt: محطة الجبيل
---
انظر [البيان السابق](/releases/2026/10/digital-services/) و[صفحة مجاورة](../other/) و[فقرة](#details).
`;

/** CDATA's end marker in a body: the feeds must carry it as text. */
const CDATA_END = '---\ndate: 2026-11-21\ntitle: "عنوان فيه جرس"\nsummary: "ملخص فيه تحكم"\ntags: ["وسم"]\n---\nنص فيه ]]> في الوسط.\n';

describe("feed content under a path prefix", () => {
  let project: TestProject;
  beforeAll(async () => {
    project = makeProject(
      {
        ...samples(["seed-release.txt", "2026-10-05-digital-services.md"]),
        "2026-11-20-relative.md": RELATIVE_LINKS,
        "jubail-plant.jpg": readFileSync(path.join(REPO, "test/fixtures/images/jubail-plant.jpg")),
        "control.txt": CDATA_END,
      },
      { feedSize: 3 },
    );
    const result = await project.build({ pathPrefix: "/newsroom/" });
    expect(result.ok).toBe(true);
  });

  it("makes every URL absolute, with the path prefix, the way the page does", () => {
    const feed = readFeed(project, SECTION);
    const html = itemHtml(feed).filter((item) => item.includes("البيان السابق"));
    expect(html.length).toBe(3);
    for (const item of html) {
      expectAbsoluteUrls(item);
      expect(item).toContain('href="https://news.example.org/newsroom/releases/2026/10/digital-services/"');
      expect(item).toContain('href="https://news.example.org/newsroom/releases/2026/11/other/"');
      expect(item).toContain('href="https://news.example.org/newsroom/releases/2026/11/relative/#details"');
      // The lead image, as partials/release-image.njk draws it: every source and width absolute.
      expect(item).toMatch(/<img src="https:\/\/news\.example\.org\/newsroom\/[^"]+" srcset="https:\/\/news\.example\.org\/newsroom\//);
      expect(item).toMatch(/<source [^>]*srcset="https:\/\/news\.example\.org\/newsroom\//);
    }
    // The page itself: the same targets, root-relative with the prefix.
    const page = project.read("releases/2026/11/relative/index.html");
    expect(page).toContain('href="/newsroom/releases/2026/10/digital-services/"');
    expect(feed.rss.self).toBe("https://news.example.org/newsroom/feed.xml");
    expect(project.read("feed.xml")).toContain('<?xml-stylesheet href="/newsroom/feed.xsl" type="text/xsl"?>');
  });

  it("holds feedSize items, the newest", () => {
    const { json } = readFeed(project, SECTION);
    expect(json.items.length).toBe(3);
    const dates = json.items.map((item: { date_published: string }) => Date.parse(item.date_published));
    expect(dates).toEqual([...dates].sort((a, b) => b - a));
    expect(json.items.map((item: { url: string }) => item.url)).not.toContain("https://news.example.org/newsroom/releases/2026/10/digital-services/");
  });

  it("refuses characters XML forbids, even from YAML escapes, naming the line", async () => {
    const bell = makeProject({ "bell.txt": '---\ndate: 2026-11-21\nsummary: "ملخص\\u0001 فيه"\n---\nعنوان\n\nنص.\n' });
    const result = await bell.build();
    expect(result.ok).toBe(false);
    expect(result.diagnostics).toContainEqual(expect.objectContaining({ file: "releases/bell.txt", line: 3, severity: "error" }));
  });

  it("carries ]]> as text and keeps every feed well-formed", () => {
    const feed = readFeed(project, SECTION);
    const forbidden = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/;
    for (const text of Object.values(feed.text)) expect(text).not.toMatch(forbidden);
    const item = feed.rss.items.find((i) => i.title?.startsWith("عنوان"))!;
    expect(item.title).toBe("عنوان فيه جرس");
    expect(item.description).toBe("ملخص فيه تحكم");
    expect(item.categories.map((c) => c.term)).toEqual(["وسم"]);
    expect(item.content).toContain("]]>");
    const html = feed.json.items.find((i: { title: string }) => i.title.startsWith("عنوان")).content_html;
    expect(parseHTML(`<!doctype html><html><body>${html}</body></html>`).document.body.textContent).toContain("]]>");
  });

  it("keeps item ids when a title and body are edited, and writes the same feeds on a rebuild", async () => {
    const file = path.join(project.root, "releases/2026-11-20-relative.md");
    const before = readFeed(project, SECTION);
    const id = before.json.items.find((item: { title: string }) => item.title === "روابط نسبية").id;
    expect(id).toBe("tag:news.example.org,2026-11-20:ar/relative");

    const feedFiles = () =>
      readdirSync(path.join(project.root, "dist"), { recursive: true, encoding: "utf8" })
        .filter((f) => /\.(xml|json|xsl|txt)$/.test(f))
        .sort();
    const snapshot = () => Object.fromEntries(feedFiles().map((f) => [f, project.read(f)]));
    const first = snapshot();
    await project.build({ pathPrefix: "/newsroom/" });
    expect(snapshot()).toEqual(first);

    writeFileSync(file, readFileSync(file, "utf8").replace("title: روابط نسبية", "title: عنوان معدّل").replace("انظر", "راجع"));
    await project.build({ pathPrefix: "/newsroom/" });
    const after = readFeed(project, SECTION).json.items.find((item: { title: string }) => item.title === "عنوان معدّل");
    expect(after.id).toBe(id);
    expect(after.content_html).toContain("راجع");
  });
});
