/**
 * Page weight of a release page: the bytes of its HTML and CSS, and everything a browser
 * downloads on a first visit (fonts, images) measured in Chromium. Prints figures; asserts nothing.
 *
 * `tsx tools/budget.ts [dist] [--page=/releases/2026/11/seed-release/] [--pathprefix=/]`
 * (`npm run bench` calls `measurePageWeight`).
 */
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import { brotliCompressSync, gzipSync } from "node:zlib";
import { chromium } from "playwright-core";
import { CONTENT_TYPES } from "../src/serve/mime.ts";

/** Bytes raw and as a static host would send them compressed. */
export interface Bytes {
  raw: number;
  gzip: number;
  brotli: number;
}

/** What one page costs a reader. */
export interface PageWeight {
  /** Site path measured, e.g. `/releases/2026/11/seed-release/`. */
  page: string;
  /** Viewport width of the first visit. */
  width: number;
  html: Bytes;
  /** Stylesheets the page links. */
  css: Bytes;
  /** HTML and CSS together: what the page needs before it can be read. */
  htmlCss: Bytes;
  /** `<script src>` elements (a release page needs none). */
  scripts: number;
  /** Everything downloaded on a first visit, by Chromium's resource type. */
  firstVisit: { requests: number; bytes: Bytes; byType: Record<string, { requests: number; bytes: number }> };
  /** Each download of the first visit. */
  downloads: Array<{ path: string; type: string; bytes: number }>;
}

// Nothing leaves the machine: the page is loaded from this made-up origin, answered from disk.
const ORIGIN = "http://bayan.invalid";
const COMPRESSIBLE = new Set([".html", ".css", ".js", ".json", ".svg", ".xml"]);

/**
 * Measures a release page of a built site (default: the seed release, else the newest release page).
 * Chromium loads it with an empty cache, every request answered from `distDir`.
 */
export async function measurePageWeight(distDir: string, options: { page?: string; pathPrefix?: string; width?: number } = {}): Promise<PageWeight> {
  const dist = path.resolve(distDir);
  const prefix = options.pathPrefix ?? "/";
  const page = options.page ?? findReleasePage(dist);
  const width = options.width ?? 1280;
  const htmlFile = fileFor(dist, page);
  if (!htmlFile) throw new Error(`[budget] ${page} is not a page of ${dist}: build the site first (npm run build)`);
  const html = readFileSync(htmlFile);
  const cssFiles = [...html.toString().matchAll(/<link[^>]+rel="stylesheet"[^>]*href="([^"]+)"/g)].map((m) => fileFor(dist, stripPrefix(m[1], prefix)));
  const css = cssFiles.filter((file): file is string => Boolean(file)).map((file) => readFileSync(file));
  const scripts = (html.toString().match(/<script[^>]+src=/g) ?? []).length;

  const downloads = await firstVisit(dist, prefix + page.replace(/^\//, ""), prefix, width);
  const byType: PageWeight["firstVisit"]["byType"] = {};
  for (const download of downloads) {
    byType[download.type] ??= { requests: 0, bytes: 0 };
    byType[download.type].requests++;
    byType[download.type].bytes += download.bytes;
  }
  return {
    page,
    width,
    html: sizes([html]),
    css: sizes(css),
    htmlCss: sizes([html, ...css]),
    scripts,
    firstVisit: {
      requests: downloads.length,
      bytes: sizes(
        downloads.map((d) => d.body),
        downloads.map((d) => d.path),
      ),
      byType,
    },
    downloads: downloads.map(({ path: file, type, bytes }) => ({ path: file, type, bytes })),
  };
}

async function firstVisit(dist: string, url: string, prefix: string, width: number) {
  const downloads: Array<{ path: string; type: string; bytes: number; body: Buffer }> = [];
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"],
  });
  try {
    const context = await browser.newContext({ viewport: { width, height: 900 } });
    await context.route("**/*", async (route) => {
      const requested = new URL(route.request().url());
      const file = requested.origin === ORIGIN ? fileFor(dist, stripPrefix(decodeURIComponent(requested.pathname), prefix)) : undefined;
      if (!file) return route.fulfill({ status: 404, body: "" });
      const body = readFileSync(file);
      downloads.push({ path: requested.pathname, type: route.request().resourceType(), bytes: body.length, body });
      return route.fulfill({ status: 200, body, contentType: CONTENT_TYPES[path.extname(file)] ?? "application/octet-stream" });
    });
    const tab = await context.newPage();
    await tab.goto(ORIGIN + url, { waitUntil: "networkidle" });
    await tab.evaluate(() => document.fonts.ready);
  } finally {
    await browser.close();
  }
  return downloads;
}

/** Total bytes; text formats compressed as a static host does, binary ones (fonts, images) as they are. */
function sizes(bodies: Buffer[], names: string[] = []): Bytes {
  let raw = 0,
    gzip = 0,
    brotli = 0;
  bodies.forEach((body, i) => {
    raw += body.length;
    const compressible = !names[i] || COMPRESSIBLE.has(path.extname(names[i])) || names[i].endsWith("/");
    gzip += compressible ? gzipSync(body, { level: 9 }).length : body.length;
    brotli += compressible ? brotliCompressSync(body).length : body.length;
  });
  return { raw, gzip, brotli };
}

function stripPrefix(url: string, prefix: string): string {
  return url.startsWith(prefix) ? `/${url.slice(prefix.length)}` : url;
}

/** The file a site path names (`/x/` → `x/index.html`), or undefined. */
function fileFor(dist: string, sitePath: string): string | undefined {
  const file = path.join(dist, sitePath);
  if (!file.startsWith(dist)) return undefined;
  for (const candidate of [file, path.join(file, "index.html")]) {
    if (existsSync(candidate) && statSync(candidate).isFile()) return candidate;
  }
  return undefined;
}

/** `/releases/…/seed-release/` if the site has it, else the first release page in path order. */
function findReleasePage(dist: string): string {
  const pages = readdirSync(path.join(dist, "releases"), { recursive: true })
    .map(String)
    .filter((file) => file.endsWith("index.html"))
    .sort();
  const chosen = pages.find((file) => file.includes("seed-release")) ?? pages[0];
  if (!chosen) throw new Error(`[budget] no release page under ${dist}/releases: build the site first (npm run build)`);
  return `/releases/${path.dirname(chosen).split(path.sep).join("/")}/`;
}

/** A figure as `12.3 kB raw, 4.1 kB gzip, 3.6 kB brotli`. */
function show(bytes: Bytes): string {
  const kb = (n: number) => `${(n / 1000).toFixed(1)} kB`;
  return `${kb(bytes.raw)} raw, ${kb(bytes.gzip)} gzip, ${kb(bytes.brotli)} brotli`;
}

/** The report `tsx tools/budget.ts` prints. */
export function formatPageWeight(weight: PageWeight): string {
  const lines = [
    `Page weight of ${weight.page} at ${weight.width} px`,
    `  HTML            ${show(weight.html)}`,
    `  CSS             ${show(weight.css)}`,
    `  HTML + CSS      ${show(weight.htmlCss)}`,
    `  scripts         ${weight.scripts} <script src>`,
    `  first visit     ${weight.firstVisit.requests} requests, ${show(weight.firstVisit.bytes)}`,
    ...Object.entries(weight.firstVisit.byType).map(([type, { requests, bytes }]) => `    ${type.padEnd(13)} ${requests} × → ${(bytes / 1000).toFixed(1)} kB`),
    ...weight.downloads.map((d) => `      ${d.path} ${(d.bytes / 1000).toFixed(1)} kB`),
  ];
  return lines.join("\n");
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const { values, positionals } = parseArgs({ allowPositionals: true, options: { page: { type: "string" }, pathprefix: { type: "string" } } });
  const dist = positionals[0] ?? "dist";
  for (const width of [360, 1280]) {
    console.log(formatPageWeight(await measurePageWeight(dist, { page: values.page, pathPrefix: values.pathprefix, width })));
  }
}
