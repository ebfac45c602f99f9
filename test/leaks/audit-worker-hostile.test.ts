/**
 * Hostile inputs against the embargo audit's worker path (audit/page-search.ts, written-pages.ts,
 * plugins/audit.ts): pages handed over as bytes once written must never let a hidden release's
 * trace through, whatever their size, number or order, and however a site writes them.
 */
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { deflateRawSync, deflateSync, gzipSync } from "node:zlib";
import type { EleventyConfig } from "@11ty/eleventy";
import { describe, expect, it } from "vitest";
import { startPageWorker } from "../../src/audit/page-search.ts";
import { formatDiagnostic } from "../../src/diagnostics.ts";
import { writeAsHost } from "../helpers/host-site.ts";
import { makeProject, samples, type TestProject } from "../helpers/project.ts";

const ADDRESS = "/releases/2099/01/embargoed-budget/";
const TITLE = "الميزانية العامة للدولة للعام المالي 2100";

/** Builds `project` as a site that adds the plugin, `host` adding the site's own config: the diagnostics it fails with, or "built". */
const write = (project: TestProject, host?: (config: EleventyConfig) => void): Promise<unknown> =>
  writeAsHost(project, host).then(
    () => "built",
    (error: { diagnostics?: unknown[] }) => error.diagnostics ?? error,
  );

/** The build's verdict names the embargoed sample and `output`. */
const failsNaming = (output: string) => [
  expect.objectContaining({
    file: "releases/embargoed-budget.txt",
    severity: "error",
    message: expect.stringContaining(`appears in the built site: ${output}`),
  }),
];

const hiding = () => makeProject(samples(["embargoed-budget.txt", "2026-11-24-desalination-plant.txt"]));

describe("pages a host site writes, searched on the audit's worker", () => {
  it("a page of tens of MB with the hidden address at its very end", async () => {
    const page = `<p>${"ماء ".repeat(3_000_000)}</p><a href="${ADDRESS}">x</a>\n`;
    expect(await write(hiding(), (config) => config.addTemplate("huge.njk", page, { permalink: "/huge/" }))).toEqual(failsNaming("/huge/index.html"));
  });

  it("one leaking page among thousands of tiny ones", async () => {
    const host = (config: EleventyConfig) =>
      config.addTemplate("tiny.njk", `{% if n == 1777 %}${TITLE}{% else %}{{ n }}{% endif %}`, {
        pagination: { data: "numbers", size: 1, alias: "n" },
        numbers: Array.from({ length: 3000 }, (_, i) => i),
        permalink: "/tiny/{{ n }}/",
      });
    expect(await write(hiding(), host)).toEqual(failsNaming("/tiny/1777/index.html"));
  });

  it("the last page written, long after every other", async () => {
    const host = (config: EleventyConfig) => {
      (config as EleventyConfig & { addAsyncFilter: EleventyConfig["addFilter"] }).addAsyncFilter("late", async (text: string) => {
        await new Promise((resolve) => setTimeout(resolve, 500));
        return text;
      });
      config.addTemplate("late.njk", `{{ "${ADDRESS}" | late }}`, { permalink: "/late/" });
    };
    expect(await write(hiding(), host)).toEqual(failsNaming("/late/index.html"));
  });

  it("pages written asynchronously (writeMode: async)", async () => {
    const host = (config: EleventyConfig) => {
      (config as EleventyConfig & { configureTemplateHandling(options: { writeMode: string }): void }).configureTemplateHandling({ writeMode: "async" });
      config.addTemplate("leak.njk", `<a href="${ADDRESS}">x</a>`, { permalink: "/leak/" });
    };
    expect(await write(hiding(), host)).toEqual(failsNaming("/leak/index.html"));
  });
});

describe("a hidden release's Arabic address or title percent-encoded with lowercase hex digits (%d8%a7)", () => {
  const title = "الميزانية السرية للعام المقبل";
  const address = "/releases/2026/11/%D8%A7%D9%84%D9%85%D9%8A%D8%B2%D8%A7%D9%86%D9%8A%D8%A9/";
  /** The errors of `bayan build` when a published release's body is `body`, beside an embargoed release with an Arabic address. */
  const buildErrors = async (body: string) => {
    const project = makeProject(
      {
        "2026-11-20-الميزانية.txt": `---\nembargo: 2099-01-01T08:00:00+03:00\n---\n${title}\n\nنص سري.\n`,
        "2026-11-21-open.md": `---\ndate: 2026-11-21\n---\n# بيان مفتوح للجميع\n\n${body}\n`,
      },
      { slugs: "arabic" },
    );
    const built = await project.build().then(
      () => [],
      (error: { diagnostics: Parameters<typeof formatDiagnostic>[0][] }) => error.diagnostics.map(formatDiagnostic),
    );
    if (built.length > 0) expect(existsSync(path.join(project.root, "dist")), "nothing published").toBe(false);
    return built.join("\n");
  };

  it("a link to its address fails the build, naming the release that links and the hidden one", async () => {
    expect(await buildErrors(`انظر [الميزانية](${address.toLowerCase()}).`)).toMatch(
      /^releases\/2026-11-21-open\.md:\d+: error: this published release names releases\/2026-11-20-الميزانية\.txt, which is under embargo .*: its address \/releases\/2026\/11\/%D8%A7.* appears in the built site: \/atom\.xml:\d+/,
    );
  });

  it("its title in a share link fails the build", async () => {
    expect(await buildErrors(`[شارك](https://x.com/share?text=${encodeURIComponent(title).toLowerCase()})`)).toMatch(
      /^releases\/2026-11-21-open\.md:\d+: error: this published release names releases\/2026-11-20-الميزانية\.txt, .*: its title appears in the built site: \/atom\.xml:\d+/,
    );
  });

  it("a published release whose address starts like the hidden one's is not a leak", async () => {
    // `…/%d8%a7%d9%84…` followed by more of a slug is another release's address.
    expect(await buildErrors(`انظر [غيرها](${address.toLowerCase().replace(/\/$/, "%d8%a9/")}).`)).toBe("");
  });
});

describe("a page rewritten on disk by the site's own `eleventy.after` step", () => {
  it.each([
    ["handed to the audit's worker", "sync"],
    ["kept as text (writeMode: async)", "async"],
  ])("fails the build when the page on disk holds a hidden address, though the page Bayan searched did not (%s)", async (_, writeMode) => {
    const project = hiding();
    const host = (config: EleventyConfig) => {
      (config as EleventyConfig & { configureTemplateHandling(options: { writeMode: string }): void }).configureTemplateHandling({ writeMode });
      config.addTemplate("zz.njk", "<p>about</p>", { permalink: "/zz/" });
      // A post-processing step of the site's (a minifier, a link injector): it rewrites pages in place.
      config.on("eleventy.after", ({ directories }: { directories: { output: string } }) => {
        const page = path.join(directories.output, "zz/index.html");
        writeFileSync(page, readFileSync(page, "utf8").replace("</p>", `</p><a href="${ADDRESS}">x</a>`));
      });
    };
    const built = await write(project, host);
    if (built === "built") expect(readFileSync(path.join(project.root, "_site/zz/index.html"), "utf8")).not.toContain(ADDRESS);
    expect(built).toEqual(failsNaming("/zz/index.html"));
  });
});

describe("a hidden title on a page the worker searches, and what the published releases quote of it", () => {
  const budget = { file: "releases/embargoed-budget.txt", title: TITLE, url: ADDRESS, id: "tag:news.example.org,2099-01-01:ar/embargoed-budget" };
  const water = { title: "خطة المياه", url: "/releases/2026/11/water/", id: "tag:news.example.org,2026-11-24:ar/water" };
  /** The leaks the worker reports for one page, handed over as the build hands it, whose file on disk has its size. */
  const leaksOf = async (page: string, published: NonNullable<Parameters<typeof startPageWorker>[0]>["published"]) => {
    const folder = mkdtempSync(path.join(os.tmpdir(), "audit-worker-"));
    writeFileSync(path.join(folder, "page.html"), page);
    const search = startPageWorker({ hidden: [budget], published });
    const bytes = Buffer.allocUnsafeSlow(Buffer.byteLength(page));
    bytes.write(page);
    search.hand(path.join(folder, "page.html"), bytes.buffer as ArrayBuffer, false);
    return (await search.audit(folder, new Map(), new Map())).map(({ output, trace }) => `${output} ${trace}`);
  };

  it("quoted by a published release, and its address on the same page: the address is a leak", async () => {
    const page = `<p>${TITLE}</p><a href="${ADDRESS}">x</a>\n`;
    expect(await leaksOf(page, [{ ...water, text: `قال الوزير إن ${TITLE} ستعلن قريبا.` }])).toEqual(["page.html address"]);
  });

  it("a published release quoting only part of it (another release quoting the rest) does not make it public", async () => {
    const [start, end] = [TITLE.slice(0, 20), TITLE.slice(15)];
    const published = [
      { ...water, text: `ذكر ${start} فقط.` },
      { ...water, url: "/releases/2026/11/other/", id: "tag:other", text: `و ${end}.` },
    ];
    expect(await leaksOf(`<p>${TITLE}</p>\n`, published)).toEqual(["page.html title"]);
  });
});

describe("compressed files a site copies into its output (gzip found by its first bytes too)", () => {
  it.each([
    ["archive.json.gz", gzipSync],
    ["archive.deflate", deflateRawSync],
    ["archive.zz", deflateSync],
    ["logo.svgz", gzipSync],
    ["archive.json", gzipSync],
  ])("%s holding a hidden address fails the build", async (name, compress) => {
    const project = hiding();
    writeFileSync(path.join(project.root, name), compress(Buffer.from(`{"links":["${ADDRESS}"]}`)));
    const built = await write(project, (config) => config.addPassthroughCopy({ [path.join(project.root, name)]: name }));
    expect(built).toEqual(failsNaming(`/${name}`));
  });
});

describe("a hidden title spelled as numeric character references (&#1575;), as some HTML exports write Arabic", () => {
  const refs = (text: string, hex: boolean) =>
    [...text].map((c) => (c.charCodeAt(0) < 128 ? c : hex ? `&#x${c.codePointAt(0)!.toString(16)};` : `&#${c.codePointAt(0)};`)).join("");

  it.each([
    ["decimal", false],
    ["hexadecimal", true],
  ])("%s: fails the build, with the line", async (_, hex) => {
    const page = `<p>قريبا</p>\n<p>${refs(TITLE, hex)}</p>\n`;
    expect(await write(hiding(), (config) => config.addTemplate("teaser.njk", page, { permalink: "/teaser/" }))).toEqual([
      expect.objectContaining({
        file: "releases/embargoed-budget.txt",
        message: expect.stringContaining("its title appears in the built site: /teaser/index.html:2"),
      }),
    ]);
  });

  it("references of other letters, or out of range, are not a trace and do not stop the audit", async () => {
    const page = `<p>${refs("خطة المياه الوطنية للعام", false)} &#99999999; &#x110000;</p>\n`;
    expect(await write(hiding(), (config) => config.addTemplate("teaser.njk", page, { permalink: "/teaser/" }))).toBe("built");
  });
});
