import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { contentHash } from "../../src/util/hash.ts";
import { deflateRawSync, gzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { formatDiagnostic, ReleaseErrors } from "../../src/diagnostics.ts";
import type { Release } from "../../src/release/model.ts";
import { auditOutput, compileMatcher, createLeakFinder, leakFinderKey, type HiddenRelease, type Leak, type PublicRelease } from "../../src/audit/audit.ts";
import { leakDiagnostics } from "../../src/audit/report.ts";

import { makeProject } from "../helpers/project.ts";

const budget: HiddenRelease = {
  file: "releases/embargoed-budget.txt",
  title: "الميزانية العامة للدولة للعام المالي 2100",
  url: "/releases/2099/01/embargoed-budget/",
  id: "tag:news.example.org,2099-01-01:ar/embargoed-budget",
};
const hostile: HiddenRelease = {
  file: "releases/hostile.txt",
  title: `Budget <2100> & "reserves" for O'Neil`,
  url: "/releases/2099/02/hostile/",
  id: "tag:news.example.org,2099-02-01:ar/hostile",
};
const plant: PublicRelease = {
  title: "تدشين أول محطة تحلية تعمل بالطاقة الشمسية",
  url: "/releases/2026/11/desalination-plant/",
  id: "tag:news.example.org,2026-11-24:ar/desalination-plant",
};
const traces = (found: ReturnType<ReturnType<typeof createLeakFinder>>) => found.map((m) => `${m.hidden}:${m.trace}`);

describe("createLeakFinder: finds a hidden release however it is written", () => {
  const find = createLeakFinder([budget, hostile], [plant]);

  it.each([
    ["a link", `<a href="/releases/2099/01/embargoed-budget/">`, "0:address"],
    ["an absolute URL with a path prefix", "https://news.example.org/newsroom/releases/2099/01/embargoed-budget/", "0:address"],
    ["a file path", "/releases/2099/01/embargoed-budget/index.html", "0:address"],
    ["an address without the final slash", `"u":"/releases/2099/01/embargoed-budget"`, "0:address"],
    ["a share link", `?url=https%3A%2F%2Fnews.example.org%2Freleases%2F2099%2F01%2Fembargoed-budget%2F`, "0:address"],
    ["the feed id", "<id>tag:news.example.org,2099-01-01:ar/embargoed-budget</id>", "0:id"],
    ["the title as text", "<h2>الميزانية العامة للدولة للعام المالي 2100</h2>", "0:title"],
    ["the title URL-encoded", `text=${encodeURIComponent(budget.title)}`, "0:title"],
    ["the title form-encoded", new URLSearchParams({ text: budget.title }).toString(), "0:title"],
  ])("%s", (_, text, trace) => {
    expect(traces(find(text))).toEqual([trace]);
  });

  it.each([
    ["as text", hostile.title],
    ["escaped by Nunjucks", `Budget &lt;2100&gt; &amp; &quot;reserves&quot; for O&#39;Neil`],
    ["escaped with &#x27;", `Budget &lt;2100&gt; &amp; &quot;reserves&quot; for O&#x27;Neil`],
    ["escaped for XML", `Budget &lt;2100&gt; &amp; &quot;reserves&quot; for O&apos;Neil`],
    ["escaped twice (HTML inside a feed)", `Budget &amp;lt;2100&amp;gt; &amp;amp; &amp;quot;reserves&amp;quot; for O&amp;#39;Neil`],
    ["in JSON", JSON.stringify({ title: hostile.title })],
    ["in JSON-LD", JSON.stringify({ headline: hostile.title }).replace(/</g, "\\u003c").replace(/>/g, "\\u003e").replace(/&/g, "\\u0026")],
  ])("a title with markup characters %s", (_, text) => {
    expect(traces(find(text))).toEqual(["1:title"]);
  });

  it("says where each trace starts", () => {
    expect(find("xx/releases/2099/01/embargoed-budget/")).toEqual([{ hidden: 0, trace: "address", index: 2 }]);
  });
});

describe("createLeakFinder: no false alarms", () => {
  it("ignores short titles and slugs on their own", () => {
    const short: HiddenRelease = { file: "r/x.txt", title: "بيان صحفي", url: "/releases/2099/01/news/", id: "tag:x,2099-01-01:ar/news" };
    expect(createLeakFinder([short], [])('<h1>بيان صحفي</h1> <a href="/tags/news/">news</a> /releases/2026/01/news/')).toEqual([]);
  });

  it("ignores the published English translation at the same slug, but not the hidden Arabic page", () => {
    const arabic: HiddenRelease = { ...budget, url: "/releases/2026/11/desalination-plant/", id: "tag:x,2026-11-24:ar/desalination-plant" };
    const english: PublicRelease = {
      title: "Solar desalination plant opens",
      url: "/en/releases/2026/11/desalination-plant/",
      id: "tag:x,2026-11-24:en/desalination-plant",
    };
    const find = createLeakFinder([arabic], [english]);
    expect(find(`<a href="/en/releases/2026/11/desalination-plant/">`)).toEqual([]);
    expect(find(`https%3A%2F%2Fx%2Fen%2Freleases%2F2026%2F11%2Fdesalination-plant%2F`)).toEqual([]);
    expect(traces(find(`<a href="/releases/2026/11/desalination-plant/">`))).toEqual(["0:address"]);
  });

  it("ignores a longer slug and id that start with the hidden one", () => {
    const plan: HiddenRelease = { file: "r/plan.txt", title: "خطة", url: "/releases/2026/11/plan/", id: "tag:x,2026-11-01:ar/plan" };
    const find = createLeakFinder([plan], []);
    expect(find("/releases/2026/11/planning/ /releases/2026/11/plan-b/ tag:x,2026-11-01:ar/plan-b")).toEqual([]);
    expect(traces(find('/releases/2026/11/plan"> tag:x,2026-11-01:ar/plan<'))).toEqual(["0:address", "0:id"]);
  });

  it("ignores a hidden title inside a longer published title, but not on its own", () => {
    const find = createLeakFinder([budget], [{ ...plant, title: `${budget.title}: الأرقام كاملة` }]);
    expect(find(`<h2>${budget.title}: الأرقام كاملة</h2>`)).toEqual([]);
    expect(find(`<h2>${budget.title}: الأرقام كاملة</h2>`.replace(/:/g, "&#58;"))).toHaveLength(1);
  });

  it("ignores a hidden title that is a published tag, a location or the site's own text", () => {
    const title = "التحول الرقمي الحكومي الشامل";
    const draft: HiddenRelease = { ...budget, title };
    expect(createLeakFinder([draft], [{ ...plant, phrases: [title] }])(`<a href="/tags/x/">${title}</a>`)).toEqual([]);
    expect(createLeakFinder([draft], [plant], [`{"description": "${title}"}`])(`<meta content="${title}">`)).toEqual([]);
    expect(traces(createLeakFinder([draft], [plant])(`<meta content="${title}">`))).toEqual(["0:title"]);
  });

  it("ignores a hidden title that a published release quotes in its text", () => {
    const find = createLeakFinder([budget], [{ ...plant, text: `وأشار إلى ${budget.title} المقبلة.` }]);
    expect(find(`<p>وأشار إلى ${budget.title} المقبلة.</p>`)).toEqual([]);
    expect(traces(find(budget.url))).toEqual(["0:address"]);
  });
});

describe("leakFinderKey: what a finder finds, for caches of what it found", () => {
  it("is the same for the same targets, and changes with anything that changes what the finder reports", () => {
    const quoting = { ...plant, text: `وأشار إلى ${budget.title} المقبلة.` };
    const key = leakFinderKey({ hidden: [budget], published: [quoting] });
    expect(leakFinderKey({ hidden: [{ ...budget }], published: [{ ...quoting }] })).toBe(key);
    // The quote made the title public words: without it, a page that shows the title leaks it.
    const page = `<p>وأشار إلى ${budget.title} المقبلة.</p>`;
    expect(createLeakFinder([budget], [quoting])(page)).toEqual([]);
    expect(traces(createLeakFinder([budget], [plant])(page))).toEqual(["0:title"]);
    for (const other of [
      { hidden: [budget], published: [plant] },
      { hidden: [budget], published: [quoting, plant] },
      { hidden: [budget, hostile], published: [quoting] },
      { hidden: [{ ...budget, url: "/releases/2099/01/budget/" }], published: [quoting] },
      { hidden: [budget], published: [{ ...quoting, summary: "ملخص" }] },
    ])
      expect(leakFinderKey(other)).not.toBe(key);
    // Nothing hidden: no finder, no key.
    expect(leakFinderKey({ hidden: [], published: [quoting] })).toBeUndefined();
    expect(leakFinderKey(undefined)).toBeUndefined();
  });
});

describe.each([
  ["every state with a dense row", undefined],
  ["only the states nearest the root with a dense row", 12],
])("compileMatcher, %s", (_, denseCells) => {
  const all = (patterns: string[], text: string) => {
    const found: string[] = [];
    compileMatcher(patterns, { denseCells })(text, (p, end) => found.push(`${patterns[p]}@${end}`));
    return found.sort();
  };

  it("finds overlapping and nested patterns, like indexOf would", () => {
    expect(all(["he", "she", "his", "hers"], "ushers")).toEqual(["he@3", "hers@5", "she@3"]);
    expect(all(["aa", "a"], "aaa")).toEqual(["a@0", "a@1", "a@2", "aa@1", "aa@2"]);
  });

  it("handles Arabic, surrogate pairs and an empty pattern list", () => {
    expect(all(["ميزانية", "😀x"], "الميزانية 😀x")).toEqual(["ميزانية@8", "😀x@12"]);
    expect(all([], "anything")).toEqual([]);
  });

  it("agrees with indexOf on random texts", () => {
    const alphabet = "abم/";
    const random = (n: number) => Array.from({ length: n }, () => alphabet[Math.floor(Math.random() * alphabet.length)]).join("");
    for (let round = 0; round < 50; round++) {
      const patterns = [...new Set(Array.from({ length: 8 }, () => random(1 + Math.floor(Math.random() * 4))))];
      const text = random(200);
      const expected: string[] = [];
      for (const pattern of patterns) {
        for (let i = text.indexOf(pattern); i >= 0; i = text.indexOf(pattern, i + 1)) expected.push(`${pattern}@${i + pattern.length - 1}`);
      }
      expect(all(patterns, text)).toEqual(expected.sort());
    }
  });
});

describe("auditOutput", () => {
  const site = () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "bayan-audit-"));
    const write = (file: string, content: string | Uint8Array) => {
      mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
      writeFileSync(path.join(dir, file), content);
    };
    write("index.html", '<h1>المركز الإعلامي</h1>\n<a href="/releases/2026/11/desalination-plant/">x</a>\n');
    write("assets/fonts/x.woff2", Buffer.from([0x77, 0x4f, 0x46, 0x32, 0, 1, 2, 3]));
    return { dir, write };
  };

  it("passes a clean site", () => {
    expect(auditOutput(site().dir, { hidden: [budget], published: [plant] })).toEqual([]);
  });

  it("names the file, the line and the kind of trace, once per file", () => {
    const { dir, write } = site();
    write("feed.xml", `<rss>\n<item>\n<title>${budget.title}</title>\n<guid>${budget.id}</guid><title>${budget.title}</title>\n</item>\n</rss>`);
    expect(auditOutput(dir, { hidden: [budget], published: [plant] })).toEqual([
      { release: budget, trace: "title", output: "feed.xml", line: 3, inName: false },
      { release: budget, trace: "id", output: "feed.xml", line: 4, inName: false },
    ]);
  });

  it("finds a trace in a file name, a deflated search index and a gzipped file", () => {
    const { dir, write } = site();
    write("releases/2099/01/embargoed-budget/card.png", "PNG");
    write("search/index/d/0.bin", deflateRawSync(Buffer.from(JSON.stringify({ u: budget.url, t: budget.title }))));
    write("sitemap.xml.gz", gzipSync(`<loc>https://news.example.org${budget.url}</loc>`));
    const leaks = auditOutput(dir, { hidden: [budget], published: [plant] }).map((l) => `${l.output} ${l.trace} ${l.inName} ${l.line ?? "-"}`);
    expect(leaks).toEqual([
      "releases/2099/01/embargoed-budget/card.png address true -",
      "search/index/d/0.bin address false -",
      "search/index/d/0.bin title false -",
      "sitemap.xml.gz address false -",
    ]);
  });

  it("searches the texts the build has just written as given, and reads every other file", () => {
    const { dir, write } = site();
    const text = `<p>x</p>\n<a href="${budget.url}">x</a>`;
    // As long as the file on disk has the size of the text written (else another wrote it again since).
    write("written.html", "<p>nothing here on disk</p>".padEnd(Buffer.byteLength(text)));
    write("assets/app.js", `fetch("${budget.url}")`);
    const written = new Map([["written.html", text]]);
    expect(auditOutput(dir, { hidden: [budget], published: [plant] }, written).map((l) => `${l.output} ${l.trace} ${l.line}`)).toEqual([
      "assets/app.js address 1",
      "written.html address 2",
    ]);
  });

  it("takes the traces of files their writer searched already, without reading them", () => {
    const { dir, write } = site();
    write("search/index/d/0.bin", deflateRawSync(Buffer.from(budget.url)));
    write("search/index/d/1.bin", "not even deflated");
    const audited = new Map([
      ["search/index/d/0.bin", []],
      ["search/index/d/1.bin", [{ hidden: 0, trace: "title" as const, index: 5 }]],
    ]);
    expect(auditOutput(dir, { hidden: [budget], published: [plant] }, new Map(), audited).map((l) => `${l.output} ${l.trace} ${l.line}`)).toEqual([
      "search/index/d/1.bin title undefined",
    ]);
  });

  it("searches the bytes of binary files a user put in (a photo's EXIF), not those of Bayan's own images", () => {
    const { dir, write } = site();
    const exif = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe1]), Buffer.from(`Exif\0\0${budget.title}`), Buffer.from([0xff, 0xd9])]);
    write("assets/photos/x.jpg", exif);
    write("img/abc-480.jpeg", exif);
    expect(auditOutput(dir, { hidden: [budget], published: [plant] }).map((l) => `${l.output} ${l.trace}`)).toEqual(["assets/photos/x.jpg title"]);
  });

  it("finds a file only a hidden release uses, under its own name or another", () => {
    const { dir, write } = site();
    const photo = Buffer.from("JPEG bytes of the embargoed site visit");
    write("assets/photos/visit.jpg", photo);
    write("downloads/copy.jpg", photo);
    write("downloads/other.jpg", Buffer.from("JPEG bytes of another photo, same size"));
    const files = { paths: { "assets/photos/visit.jpg": 0 }, contents: [{ hidden: 0, size: photo.length, hash: contentHash(photo) }] };
    expect(auditOutput(dir, { hidden: [budget], published: [plant], files }).map((l) => `${l.output} ${l.trace}`)).toEqual([
      "assets/photos/visit.jpg file",
      "downloads/copy.jpg file",
    ]);
  });

  it("does nothing when no release is hidden (preview)", () => {
    const { dir, write } = site();
    write("leak.html", budget.title);
    expect(auditOutput(dir, { hidden: [], published: [plant] })).toEqual([]);
  });
});

describe("at archive scale", () => {
  const words = "وزارة الصحة تطلق حملة وطنية للتطعيم في جميع المناطق مشروع محطة تحلية الطاقة الشمسية الخليج العربي الرياض جدة".split(" ");
  const sentence = (seed: number, n: number) => Array.from({ length: n }, (_, i) => words[(seed * 7 + i * 13 + (seed >> 3)) % words.length]).join(" ");
  const releases = (count: number, from: number) =>
    Array.from({ length: count }, (_, i) => ({
      file: `releases/r${from + i}.txt`,
      title: `${sentence(from + i, 6)} ${from + i}`,
      url: `/releases/2030/01/release-${from + i}/`,
      id: `tag:news.example.org,2030-01-01:ar/release-${from + i}`,
    }));
  const page = (i: number) => `<article><h1>${sentence(i, 8)}</h1><p>${sentence(i, 300)}</p><a href="/releases/2026/01/release-${i}/">x</a></article>\n`;

  it("finds exactly the planted traces of 1,000 hidden releases among 9,000 published ones", () => {
    // (Its speed, one pass whatever the number of hidden releases, is measured by `npm run bench`.)
    const hidden = releases(1000, 0);
    const published = releases(9000, 10_000).map((r) => ({ ...r, url: r.url.replace("2030", "2026") }));
    const pages = Array.from({ length: 2000 }, (_, i) => page(i));
    pages[700] += `<a href="${hidden[999].url}">${hidden[999].title}</a>`;
    pages[1500] += JSON.stringify({ id: hidden[3].id });
    const find = createLeakFinder(hidden, published);
    const found = find(pages.join("")).map((m) => `${m.hidden}:${m.trace}`);
    expect(found).toEqual(["999:address", "999:title", "3:id"]);
  });
});

describe("the audit's message points at where the trace comes from", () => {
  it("names the published release, and the line, that links to an embargoed release", async () => {
    const project = makeProject({
      "budget.txt": "---\ndate: 2026-11-20\nembargo: 2099-01-01T08:00:00+03:00\n---\nالميزانية العامة للعام المقبل\n\nنص لا يُنشر قبل موعده.\n",
      "linker.md": "---\ndate: 2026-11-21\n---\n# تعليق على الميزانية\n\nالتفاصيل في [البيان](/releases/2026/11/budget/).\n",
    });
    const failure = await project.build().catch((error: ReleaseErrors) => error);
    expect(failure).toBeInstanceOf(ReleaseErrors);
    const errors = (failure as ReleaseErrors).diagnostics.map(formatDiagnostic);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/^releases\/linker\.md:6: error: this published release names releases\/budget\.txt, which is under embargo until 2099/);
    expect(errors[0]).toMatch(/remove the link from releases\/linker\.md/);
  });
});

describe("leakDiagnostics", () => {
  const draft = { file: budget.file, title: budget.title, url: budget.url, id: budget.id, draft: true, published: false } as Release;
  const leak = (trace: Leak["trace"]): Leak => ({ release: budget, trace, output: "index.html", line: 7, inName: false });

  it("points at the template that holds the trace, and blames templates only then", () => {
    const root = mkdtempSync(path.join(os.tmpdir(), "bayan-report-"));
    mkdirSync(path.join(root, "templates/partials"), { recursive: true });
    writeFileSync(path.join(root, "templates/partials/promo.njk"), `<aside>\n  <a href="${budget.url}">قريباً</a>\n</aside>\n`);
    const [fromTemplate] = leakDiagnostics([leak("address")], [draft], root);
    expect(formatDiagnostic(fromTemplate)).toMatch(
      /^templates\/partials\/promo\.njk:2: error: this template holds the address \/releases\/2099\/01\/embargoed-budget\/ of releases\/embargoed-budget\.txt, which is a draft; it appears in the built site: \/index\.html:7/,
    );
    const [unknown] = leakDiagnostics([leak("title")], [draft], root);
    expect(formatDiagnostic(unknown)).toMatch(/^releases\/embargoed-budget\.txt: error: is a draft, but its title appears in the built site: \/index\.html:7/);
  });

  it("names the file only a hidden release uses", () => {
    const [file] = leakDiagnostics([{ ...leak("file"), output: "assets/photos/visit.jpg", line: undefined }], [draft]);
    expect(formatDiagnostic(file)).toMatch(
      /^releases\/embargoed-budget\.txt: error: is a draft, but a file only it uses is in the built site: \/assets\/photos\/visit\.jpg/,
    );
  });
});
