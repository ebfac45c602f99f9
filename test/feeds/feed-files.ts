import { parseFeed } from "@rowanmanning/feed-parser";
import { XMLParser, XMLValidator } from "fast-xml-parser";
import { parseHTML } from "linkedom";
import { expect } from "vitest";
import type { TestProject } from "../helpers/project.ts";

/** RFC 822 as RSS wants it, in the sample site's zone (Asia/Riyadh): `Tue, 24 Nov 2026 00:00:00 +0300`. */
export const RFC_822 = /^(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d{2} (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4} \d{2}:\d{2}:\d{2} \+0300$/;
/** RFC 3339 to the second with the site's offset: `2026-11-24T00:00:00+03:00`. */
export const RFC_3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+03:00$/;

const xml = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: "@", isArray: (name) => ["item", "entry", "category", "link"].includes(name) });

/** One feed of the output in its three formats, each read by a real parser. */
export function readFeed(project: TestProject, links: { rss: string; atom: string; json: string }, output?: string) {
  const text = { rss: project.read(links.rss, output), atom: project.read(links.atom, output), json: project.read(links.json, output) };
  for (const format of ["rss", "atom"] as const) expect(XMLValidator.validate(text[format]), links[format]).toBe(true);
  return {
    text,
    rss: parseFeed(text.rss),
    atom: parseFeed(text.atom),
    json: JSON.parse(text.json),
    /** The same documents as plain trees, to see exactly what was written (feed-parser resolves and cleans). */
    rssTree: xml.parse(text.rss).rss.channel,
    atomTree: xml.parse(text.atom).feed,
  };
}

/** The HTML of every item in every format, as written (entities decoded once by the XML parser). */
export function itemHtml(feed: ReturnType<typeof readFeed>): string[] {
  return [
    ...(feed.rssTree.item ?? []).map((item: any) => item["content:encoded"]),
    ...(feed.atomTree.entry ?? []).map((entry: any) => entry.content["#text"]),
    ...feed.json.items.map((item: any) => item.content_html),
  ];
}

/** Fails unless every link and image URL in the item HTML is absolute. */
export function expectAbsoluteUrls(html: string): void {
  expect(html).not.toMatch(/(href|src)="\//);
  const { document } = parseHTML(`<!doctype html><html><body>${html}</body></html>`);
  const urls = [
    ...[...document.querySelectorAll("[href]")].map((e) => e.getAttribute("href")!),
    ...[...document.querySelectorAll("[src]")].map((e) => e.getAttribute("src")!),
    ...[...document.querySelectorAll("[srcset]")].flatMap((e) =>
      e
        .getAttribute("srcset")!
        .split(",")
        .map((c) => c.trim().split(/\s+/)[0]),
    ),
  ];
  for (const url of urls) expect(() => new URL(url), `${url} is not absolute`).not.toThrow();
}
