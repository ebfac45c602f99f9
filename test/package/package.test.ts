/**
 * Bayan as a package: packed with `npm pack`, installed into folders that hold nothing else of
 * this repository, used as the `bayan` command in a bare site and as a plugin in a host Eleventy blog.
 */
import { spawnSync } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";
import { BUILD_NOW, REPO, SAMPLES } from "../helpers/project.ts";
import { installBayan, npx, packBayan } from "./install.ts";

const PUBLISHED = "2026-11-24-desalination-plant.txt";
const EMBARGOED = "embargoed-budget.txt";
const EMBARGOED_TITLE = "الميزانية العامة للدولة للعام المالي 2100";

/** A folder with the installed package, `releases/` (one published, one embargoed) and the given files. */
function site(tarball: string, files: Record<string, string>): string {
  const root = mkdtempSync(path.join(os.tmpdir(), "bayan-site-"));
  installBayan(tarball, root);
  for (const name of [PUBLISHED, EMBARGOED]) cpSync(path.join(SAMPLES, name), path.join(root, "releases", name));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(root, name)), { recursive: true });
    writeFileSync(path.join(root, name), text);
  }
  return root;
}

/** This repository's site config without its logo (a bare site has no `assets/logo.svg`). */
const { logo: _, ...siteConfig } = JSON.parse(readFileSync(path.join(REPO, "templates/site.json"), "utf8"));
const read = (root: string, file: string) => readFileSync(path.join(root, file), "utf8");

describe("the packed package", () => {
  let tarball: string;
  beforeAll(() => {
    tarball = packBayan();
  }, 180_000);

  it("builds a folder holding only releases/ and site.json with `npx bayan build`, a site's own template, strings and stylesheet replacing the defaults", () => {
    const arabic = JSON.parse(readFileSync(path.join(REPO, "templates/i18n/ar.json"), "utf8"));
    const root = site(tarball, {
      "site.json": JSON.stringify(siteConfig),
      "templates/i18n/ar.json": JSON.stringify({ ...arabic, latestReleases: "آخر ما صدر عنا" }),
      "templates/partials/footer.njk": '<footer class="own-footer">OWN FOOTER</footer>\n',
      "assets/css/bayan.css": "body { color: CanvasText; }\n",
    });
    const { status, output } = npx(root, ["bayan", "build", `--now=${BUILD_NOW}`]);
    expect(status, output).toBe(0);
    const home = read(root, "dist/index.html");
    expect(home).toContain('<footer class="own-footer">OWN FOOTER</footer>');
    expect(home).toContain('href="/assets/css/bayan.css"');
    expect(home).toContain("آخر ما صدر عنا");
    expect(home).not.toContain(arabic.latestReleases);
    expect(read(root, "dist/releases/2026/11/desalination-plant/index.html")).toContain("OWN FOOTER");
    expect(read(root, "dist/assets/css/bayan.css")).toBe("body { color: CanvasText; }\n");
    // The rest from the package: the layouts, the other partials, the fonts, the search client.
    expect(home).toContain('class="site-header"');
    expect(readFileSync(path.join(root, "dist/assets/fonts/noto-naskh-arabic-arabic-400-normal.woff2")).length).toBeGreaterThan(1000);
    expect(read(root, "dist/search/search.js").length).toBeGreaterThan(1000);
    expect(home).not.toContain(EMBARGOED_TITLE);
    // The page cache's key covers the installed code (lib/*.js), so upgrading Bayan renders pages anew.
    const cache = path.join(root, "node_modules/bayan/lib/build/page-cache.js");
    const modules = spawnSync(
      process.execPath,
      ["-e", `import(${JSON.stringify(pathToFileURL(cache).href)}).then((m) => console.log(JSON.stringify(m.pluginModules())))`],
      { encoding: "utf8" },
    );
    expect(JSON.parse(modules.stdout)).toEqual(expect.arrayContaining(["index.js", "build/build.js", "search/worker.js", "plugins/releases.js"]));
  });

  describe("as a plugin in an existing Eleventy blog", () => {
    const blog = {
      "_data/site.json": JSON.stringify({ title: "Host blog" }),
      "_includes/base.njk": "<!doctype html><title>{{ site.title }}</title><main>{{ content | safe }}</main>\n",
      "_includes/partials/header.njk": "<header>host header</header>\n",
      "blog/index.njk": '---\nlayout: base.njk\n---\n{% include "partials/header.njk" %}<p>{{ site.title }}</p><pre>{{ { a: 1 } | json }}</pre>\n',
      "about.md": "---\nlayout: base.njk\npermalink: /about/\n---\n# About {{ site.title }}\n",
      "bayan-site.json": JSON.stringify(siteConfig),
      "plain.config.mjs": 'export default function (eleventyConfig) {\n  eleventyConfig.addFilter("json", (value) => `host:${JSON.stringify(value)}`);\n}\n',
      "eleventy.config.mjs": [
        'import bayan, { loadSite } from "bayan";',
        'import plain from "./plain.config.mjs";',
        "export default function (eleventyConfig) {",
        "  plain(eleventyConfig);",
        `  eleventyConfig.addPlugin(bayan, { site: loadSite("bayan-site.json"), now: "${BUILD_NOW}" });`,
        "}",
      ].join("\n"),
    };
    const hostPages = ["blog/index.html", "about/index.html"];

    it("builds the blog's own pages as they were without it, and Bayan's pages beside them", () => {
      const root = site(tarball, blog);
      const without = npx(root, ["@11ty/eleventy", "--config=plain.config.mjs", "--output=_plain"]);
      expect(without.status, without.output).toBe(0);
      const { status, output } = npx(root, ["@11ty/eleventy"]);
      expect(status, output).toBe(0);
      for (const page of hostPages) expect(read(root, `_site/${page}`)).toBe(read(root, `_plain/${page}`));
      expect(read(root, "_site/blog/index.html")).toContain("<header>host header</header>\n<p>Host blog</p><pre>host:{&quot;a&quot;:1}</pre>");
      const release = read(root, "_site/releases/2026/11/desalination-plant/index.html");
      expect(release).toContain('<html lang="ar" dir="rtl">');
      expect(release).toContain('class="site-header"');
      expect(release).not.toContain("host header");
      // Bayan's releases are not the host's pages (a host renders .md files).
      expect(() => read(root, "_site/releases/embargoed-budget/index.html")).toThrow();
      expect(read(root, "_site/feed.xml")).not.toContain(EMBARGOED_TITLE);
    });

    it("fails a plain `npx @11ty/eleventy` run when a template leaks an embargoed release", () => {
      const root = site(tarball, { ...blog, "leak.njk": `---\npermalink: /leak/\n---\n<p>${EMBARGOED_TITLE}</p>\n` });
      const { status, output } = npx(root, ["@11ty/eleventy"]);
      expect(status).not.toBe(0);
      expect(output).toContain("releases/embargoed-budget.txt");
      expect(output).toContain("leak/index.html");
    });
  });
});
