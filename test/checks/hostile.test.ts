/**
 * Hostile content (issue 5, item 5): everything a release holds is escaped in HTML text and
 * attributes, XML, JSON, JSON-LD and URLs; unsafe schemes never become links; Markdown raw HTML is off.
 * One hostile site is built, then every file of it is read in its own format.
 */
import path from "node:path";
import { XMLParser, XMLValidator } from "fast-xml-parser";
import { parseHTML } from "linkedom";
import { beforeAll, describe, expect, it } from "vitest";
import type { Release } from "../../src/release/model.ts";
import { makeProject, type TestProject } from "../helpers/project.ts";
import { HOSTILE_RELEASES, HOSTILE_SUMMARY, HOSTILE_TITLE } from "./hostile-releases.ts";
import { outputTexts } from "./output.ts";

/**
 * The scheme a browser would see in a URL (it drops tabs and line breaks first), or "" for a
 * relative URL. Only http, https and mailto may be followed.
 */
function schemeOf(url: string): string {
  return /^([a-z][a-z0-9+.-]*):/i.exec(url.replace(/[\t\n\r]/g, "").replace(/^[\u0000-\u0020]+/, ""))?.[1].toLowerCase() ?? "";
}
const SAFE_SCHEMES = new Set(["", "http", "https", "mailto"]);
/** Elements a page may have that could run code or load things: only the site's own. */
function unsafeElements(document: Document): string[] {
  const problems: string[] = [];
  for (const element of document.querySelectorAll("*")) {
    const tag = element.tagName.toLowerCase();
    for (const { name, value } of element.attributes) {
      if (/^on/i.test(name)) problems.push(`<${tag} ${name}>`);
      if (/^(?:href|src|action|formaction|srcset|poster|data|xlink:href)$/i.test(name) && !SAFE_SCHEMES.has(schemeOf(value)))
        problems.push(`<${tag} ${name}="${value}">`);
    }
    if (["iframe", "object", "embed", "svg", "math", "base", "frame"].includes(tag)) problems.push(`<${tag}>`);
    if (tag === "script" && element.getAttribute("type") !== "application/ld+json" && !(element.getAttribute("src") && !element.textContent!.trim()))
      problems.push("<script> inline");
    if (tag === "style" && /alert|display:\s*none/.test(element.textContent!)) problems.push("<style> from input");
    if (tag === "img" && !/^(?:\/|https?:)/.test(element.getAttribute("src") ?? "")) problems.push(`<img src=${element.getAttribute("src")}>`);
  }
  return problems;
}
const html = (text: string) => parseHTML(text.startsWith("<!doctype") ? text : `<!doctype html><html><body>${text}</body></html>`).document;
// htmlEntities: numeric references (&#39;) decoded as an XML reader does.
const xml = new XMLParser({ ignoreAttributes: false, processEntities: true, htmlEntities: true, trimValues: false });

let project: TestProject;
let releases: Release[];
let files: Map<string, string>;
beforeAll(async () => {
  project = makeProject(HOSTILE_RELEASES);
  const result = await project.build({ now: "2026-11-29T12:00:00+03:00" });
  expect(result.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
  releases = result.releases;
  files = outputTexts(path.join(project.root, "dist"));
});

describe("a hostile release", () => {
  it("keeps its text as written", () => {
    expect(releases.map((r) => r.title).sort()).toEqual([HOSTILE_TITLE, `${HOSTILE_TITLE} md`]);
  });

  it("adds no element, event handler or unsafe link to any page", () => {
    const pages = [...files].filter(([file]) => file.endsWith(".html"));
    expect(pages.length).toBeGreaterThan(5);
    for (const [file, text] of pages) expect(unsafeElements(html(text)), file).toEqual([]);
  });

  it("shows its title and summary as text in the page, its head and its Open Graph tags", () => {
    const release = releases.find((r) => r.title === HOSTILE_TITLE)!;
    const page = project.page(release.url);
    expect(page.querySelector("h1")!.textContent).toBe(HOSTILE_TITLE);
    expect(page.querySelector("title")!.textContent).toContain(HOSTILE_TITLE);
    expect(page.querySelector('meta[name="description"]')!.getAttribute("content")).toBe(HOSTILE_SUMMARY);
    const og = page.querySelector('meta[property="og:title"]');
    if (og) expect(og.getAttribute("content")).toBe(HOSTILE_TITLE);
    expect(page.querySelector(".release-body")!.textContent).toContain("<script>alert('body')</script>");
    expect([...page.querySelectorAll(".release-body a")].map((a) => a.getAttribute("href"))).toEqual([
      expect.stringMatching(/^https:\/\/example\.org\/a\?b=1&c=/),
      expect.stringMatching(/^http:\/\/www\.example\.org\//),
      "mailto:a@example.org",
    ]);
  });

  it("turns no unsafe scheme into a link, in .txt or Markdown", () => {
    for (const release of releases) {
      const hrefs = [...project.page(release.url).querySelectorAll(".release-body a")].map((a) => a.getAttribute("href")!);
      for (const href of hrefs) expect(SAFE_SCHEMES.has(schemeOf(href)), `${release.file}: ${href}`).toBe(true);
    }
  });

  it("keeps Markdown raw HTML as text", () => {
    const release = releases.find((r) => r.format === "md")!;
    const body = project.page(release.url).querySelector(".release-body")!;
    // The typographer may turn ' into Arabic quotes: the markup itself must be there as text.
    expect(body.textContent).toMatch(/<script>alert\(.md.\)<\/script>/);
    expect(body.textContent).toContain("<div onclick=alert(10)>raw block</div>");
    expect(body.textContent).toContain("<img src=x onerror=alert(");
    expect(body.textContent).toContain("{{ 7*7 }} {% raw %} ${alert(11)}");
    expect(body.querySelectorAll("img, script, style, div")).toHaveLength(0);
  });

  it("writes JSON-LD that parses back to the title and cannot close its <script>", () => {
    for (const release of releases) {
      const scripts = [...project.page(release.url).querySelectorAll('script[type="application/ld+json"]')];
      for (const script of scripts) {
        expect(script.textContent).not.toMatch(/<\/script|<!--/i);
        expect(JSON.parse(script.textContent!).headline).toBe(release.title);
      }
    }
  });

  it("writes well-formed XML feeds and sitemap whose titles read back as written", () => {
    const xmlFiles = [...files].filter(([file]) => /\.(xml|xsl)$/.test(file));
    for (const [file, text] of xmlFiles) expect(XMLValidator.validate(text), file).toBe(true);
    const titles = new Set<string>();
    for (const [file, text] of xmlFiles.filter(([file]) => /(feed|atom)\.xml$/.test(file))) {
      const data = xml.parse(text);
      const items = [data.rss?.channel?.item, data.feed?.entry].flat().filter(Boolean);
      for (const item of items) {
        const title = typeof item.title === "string" ? item.title : item.title["#text"];
        titles.add(title);
        const content = item["content:encoded"] ?? item.content?.["#text"] ?? item.description ?? "";
        expect(unsafeElements(html(String(content))), file).toEqual([]);
      }
    }
    if (xmlFiles.some(([file]) => file === "feed.xml")) expect([...titles].sort()).toEqual([HOSTILE_TITLE, `${HOSTILE_TITLE} md`]);
  });

  it("writes JSON feeds that parse back to the title, with safe HTML content", () => {
    for (const [file, text] of [...files].filter(([file]) => file.endsWith(".json"))) {
      const feed = JSON.parse(text);
      for (const item of feed.items ?? []) {
        expect([HOSTILE_TITLE, `${HOSTILE_TITLE} md`], file).toContain(item.title);
        if (item.content_html) expect(unsafeElements(html(item.content_html)), file).toEqual([]);
      }
    }
  });

  it("keeps the title exact in the search index, when there is one", () => {
    const docs = [...files].filter(([file]) => /^search\/.*\/d\/\d+\.bin$/.test(file)).map(([, text]) => JSON.parse(text));
    for (const doc of docs) expect([HOSTILE_TITLE, `${HOSTILE_TITLE} md`]).toContain(doc.t);
  });

  it("encodes tags in URLs and shows their names as text", () => {
    const tags = project.page("/tags/");
    const links = [...tags.querySelectorAll("main a")];
    expect(links.map((a) => a.textContent!.trim())).toEqual(expect.arrayContaining(["<script>alert('tag')</script>", `"><b onmouseover=alert(1)>x</b>`]));
    for (const a of links) expect(a.getAttribute("href")).toMatch(/^[a-z0-9\-/]*$/);
  });
});
