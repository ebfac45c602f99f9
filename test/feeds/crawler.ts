/** A crawler for the built site: serves `dist/` under the path prefix and follows every reference. */
import { createReadStream, readdirSync, readFileSync, statSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { parseHTML } from "linkedom";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GOOD_SAMPLES, makeProject, samples } from "../helpers/project.ts";

const SITE_URL = "https://news.example.org";

const TYPES: Record<string, string> = {
  ".html": "text/html",
  ".xml": "application/xml",
  ".xsl": "text/xsl",
  ".json": "application/json",
  ".txt": "text/plain",
  ".css": "text/css",
  ".js": "text/javascript",
  ".svg": "image/svg+xml",
};

/** The file a static host serves for a path under the site's folder: `x/` is `x/index.html`. */
function fileFor(dist: string, relative: string): string {
  return path.join(dist, relative === "" || relative.endsWith("/") ? `${relative}index.html` : relative);
}

/**
 * Serves `dist` under `prefix` as a static host does: `/prefix/x/` is `x/index.html`, anything
 * missing or outside the prefix is a 404. No redirects, so a link without its trailing slash fails.
 */
async function serve(dist: string, prefix: string): Promise<{ server: Server; origin: string }> {
  const server = createServer((request, response) => {
    const pathname = decodeURIComponent(new URL(request.url!, "http://localhost").pathname);
    const relative = pathname.startsWith(prefix) ? pathname.slice(prefix.length) : undefined;
    const file = relative === undefined ? undefined : fileFor(dist, relative);
    if (!file?.startsWith(dist + path.sep) || !statSync(file, { throwIfNoEntry: false })?.isFile()) {
      response.writeHead(404).end();
      return;
    }
    response.writeHead(200, { "content-type": TYPES[path.extname(file)] ?? "application/octet-stream" });
    createReadStream(file).pipe(response);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { server, origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

/** Every URL a file refers to, as written: links, assets, srcset candidates, feed and sitemap entries. */
function referencesIn(body: string, type: string): string[] {
  if (type === "text/html") {
    const { document } = parseHTML(body);
    const attribute = (selector: string, name: string) => [...document.querySelectorAll(selector)].map((e) => e.getAttribute(name)!);
    return [
      ...attribute("[href]", "href"),
      ...attribute("[src]", "src"),
      ...attribute("form[action]", "action"),
      ...attribute('meta[property="og:url"], meta[property="og:image"]', "content"),
      ...attribute("[srcset]", "srcset").flatMap((srcset) => srcset.split(",").map((candidate) => candidate.trim().split(/\s+/)[0])),
    ];
  }
  if (type === "text/css") return [...body.matchAll(/url\(\s*["']?([^"')]+)["']?\s*\)/g)].map((m) => m[1]);
  // Feeds, the sitemap, robots.txt and the preview stylesheet: the stylesheet reference, attributes,
  // and every absolute URL in the text, item HTML included (escaped once in XML, as JSON strings in JSON Feed).
  const text =
    type === "application/json"
      ? JSON.stringify(JSON.parse(body), null, 1).replace(/\\"/g, '"')
      : body
          .replace(/&quot;/g, '"')
          .replace(/&lt;/g, "<")
          .replace(/&gt;/g, ">")
          .replace(/&amp;/g, "&");
  return [
    ...[...text.matchAll(/<\?xml-stylesheet href="([^"]+)"/g)].map((m) => m[1]),
    ...[...text.matchAll(/\b(?:href|src)="([^"{]+)"/g)].map((m) => m[1]),
    ...[...text.matchAll(/https?:\/\/[^\s"'<>\\]+/g)].map((m) => m[0]),
  ];
}

/**
 * Follows every reference from `start` that stays on the site, whether written as a path or as
 * an absolute URL of the published site (canonical, feed and sitemap URLs), served from the local
 * server instead. Returns the paths fetched and the references that did not answer 200.
 */
async function crawl(origin: string, prefix: string, start: string[]) {
  const published = `${SITE_URL}${prefix}`;
  const seen = new Set<string>(start);
  const queue = [...start];
  const broken: string[] = [];
  while (queue.length) {
    const current = queue.shift()!;
    const response = await fetch(`${origin}${current}`);
    if (response.status !== 200) {
      broken.push(`${current}: ${response.status}`);
      continue;
    }
    const type = response.headers.get("content-type")!;
    if (!/^(text\/|application\/(xml|json))/.test(type)) continue;
    for (const reference of referencesIn(await response.text(), type)) {
      if (/^(mailto|tel|javascript|data):/i.test(reference)) continue;
      const url = new URL(reference, `${origin}${current}`);
      const local =
        url.origin === origin
          ? url.pathname
          : url.href.startsWith(published)
            ? `${prefix}${url.pathname.slice(new URL(published).pathname.length)}`
            : undefined;
      if (local === undefined) {
        // Another site (release text, share links) is not ours to check; our own site outside its folder is a broken link.
        if (url.origin === SITE_URL) broken.push(`${reference} in ${current}: outside ${published}`);
        continue;
      }
      if (!seen.has(local)) {
        seen.add(local);
        queue.push(local);
      }
    }
  }
  return { seen, broken };
}

/** A site with `"slugs": "arabic"` and a release whose file name and tags are Arabic. */
export const ARABIC_SLUGS = {
  site: { slugs: "arabic" },
  releases: {
    "2026-11-25-بيان-الميزانية.txt": "---\ntags: [الطاقة المتجددة, صحة, مياه]\nsummary: ملخص الميزانية.\n---\nبيان الميزانية العامة\n\nنص البيان.\n",
  },
};

/**
 * Builds the samples (and `releases`, with the site config `site`) with `prefix`, serves the output
 * under it and crawls it from the home page, robots.txt and the 404 page. Each prefix runs in its
 * own test file: Eleventy keeps compiled layouts in a process-wide cache keyed by relative path, so
 * a second build with another prefix in the same file would render with the first build's filters.
 */
export function describeCrawl(prefix: string, { site = {}, releases = {} }: { site?: Record<string, unknown>; releases?: Record<string, string> } = {}): void {
  describe(`a crawl of the site served under ${prefix}${Object.keys(site).length ? ` with ${JSON.stringify(site)}` : ""}`, () => {
    let dist: string;
    let served: { server: Server; origin: string };
    let result: Awaited<ReturnType<typeof crawl>>;

    beforeAll(async () => {
      const project = makeProject({ ...samples([...GOOD_SAMPLES, "bad/html-injection.txt"]), ...releases }, site);
      const build = await project.build({ pathPrefix: prefix });
      expect(build.ok).toBe(true);
      dist = path.join(project.root, "dist");
      served = await serve(dist, prefix);
      result = await crawl(served.origin, prefix, [prefix, `${prefix}robots.txt`, `${prefix}404.html`]);
    });
    afterAll(() => new Promise<void>((resolve) => served.server.close(() => resolve())));

    it("finds no broken link, asset, feed or sitemap entry", () => {
      expect(result.broken).toEqual([]);
    });

    it("reaches every page, feed and stylesheet from the home page and robots.txt", () => {
      const files = readdirSync(dist, { recursive: true, encoding: "utf8" }).filter((file) =>
        /\.(html|xml|xsl|css)$|(^|\/)feed\.json$|robots\.txt$/.test(file),
      );
      const expected = files.map((file) => `${prefix}${file}`.replace(/index\.html$/, ""));
      expect(expected.length).toBeGreaterThan(60);
      const seen = new Set([...result.seen].map(decodeURI));
      expect(expected.filter((url) => !seen.has(url))).toEqual([]);
    });

    it("writes every internal URL of the HTML with the prefix, percent-encoded", () => {
      for (const url of result.seen) {
        if (!url.endsWith("/") && !url.endsWith(".html")) continue;
        const { document } = parseHTML(readFileSync(fileFor(dist, decodeURI(url).slice(prefix.length)), "utf8"));
        for (const element of document.querySelectorAll("[href], [src], form[action]")) {
          const value = element.getAttribute("href") ?? element.getAttribute("src") ?? element.getAttribute("action")!;
          if (!value.startsWith("/")) continue;
          expect(value, `${value} in ${url}`).toMatch(new RegExp(`^${prefix}`));
          // Percent-encoded: an Arabic address is ASCII in every link.
          expect(value, `${value} in ${url}`).toMatch(/^[\x21-\x7e]*$/);
        }
      }
    });
  });
}
