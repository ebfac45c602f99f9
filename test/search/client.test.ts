import { readFile, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseHTML } from "linkedom";
import nunjucks from "nunjucks";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { formatShortDate } from "../../src/dates/dates.ts";
import { SAMPLE_DISPLAY, writeIndex } from "./fixtures.ts";

/** The globals this file stands in for a browser's, and what they were before. */
const STUBBED = ["document", "location", "history", "fetch"] as const;
const saved = new Map<string, PropertyDescriptor | undefined>();

const SITE = "https://example.org/prefix/";
const strings = {
  label: "ابحث في البيانات",
  scope: "نطاق البحث",
  thisLanguage: "العربية",
  allLanguages: "كل اللغات",
  submit: "بحث",
  noscript: "يحتاج البحث إلى JavaScript.",
  results: { one: "نتيجة واحدة لـ «{q}»", two: "نتيجتان", few: "{n} نتائج", many: "{n} نتيجة", other: "{n} نتيجة" },
  noResults: "لا نتائج لـ «{q}»",
  someWords: "لا يوجد بيان يحوي كل الكلمات؛ هذه بيانات تحوي بعضها.",
  error: "تعذّر البحث",
};

let dist: string;
let document: Document;
const requests: string[] = [];
const urls: string[] = [];

async function settle(check: () => boolean): Promise<void> {
  for (let i = 0; i < 1000 && !check(); i++) await new Promise((resolve) => setTimeout(resolve, 10));
}

beforeAll(async () => {
  dist = await mkdtemp(join(tmpdir(), "bayan-search-client-"));
  const folder = await writeIndex(dist);
  const env = new nunjucks.Environment(new nunjucks.FileSystemLoader(join(import.meta.dirname, "..", "..", "templates")), { autoescape: true });
  const form = env.render("pages/search-form.njk", {
    searchPageUrl: "/prefix/search/",
    indexBaseUrl: "/prefix/search/index/",
    lang: "ar",
    searchStrings: strings,
  });
  ({ document } = parseHTML(`<!doctype html><html lang="ar" dir="rtl"><body><main>${form}</main></body></html>`) as unknown as { document: Document });
  // linkedom has no HTMLSelectElement.value; browsers do.
  const select = document.querySelector("select")!;
  let chosen = select.querySelector("option")!.getAttribute("value")!;
  Object.defineProperty(select, "value", { get: () => chosen, set: (value: string) => void (chosen = value) });
  const location = new URL(`${SITE}search/?q=${encodeURIComponent("محطة تحلية")}`);
  // The suite runs files in one process (isolate: false): what is stubbed here is put back after.
  for (const name of STUBBED) saved.set(name, Object.getOwnPropertyDescriptor(globalThis, name));
  Object.assign(globalThis, {
    document,
    location,
    history: { state: null, replaceState: (_state: unknown, _title: string, url: URL) => urls.push(String(url)) },
    fetch: async (url: URL) => {
      requests.push(String(url));
      const path = String(url).slice(`${SITE}search/index/`.length);
      return new Response(await readFile(join(folder, path)));
    },
  });
  await import("../../assets/search/client.ts");
});

afterAll(async () => {
  for (const [name, descriptor] of saved) {
    if (descriptor) Object.defineProperty(globalThis, name, descriptor);
    else delete (globalThis as Record<string, unknown>)[name];
  }
  await rm(dist, { recursive: true, force: true });
});

const list = (): Element => document.getElementById("search-results")!;

describe("the search page script", () => {
  it("renders the partial with the strings as JSON the script can read", () => {
    const root = document.getElementById("search")!;
    expect(JSON.parse(root.getAttribute("data-strings")!)).toEqual(strings);
    expect(root.querySelector("form[role=search][method=get]")!.getAttribute("action")).toBe("/prefix/search/");
    expect(root.querySelector("label[for=q]")!.textContent).toBe(strings.label);
  });

  it("searches for ?q= on load and lists results as links under the path prefix", async () => {
    await settle(() => list().children.length > 0);
    const first = list().querySelector("li")!;
    const link = first.querySelector("a")!;
    expect(link.getAttribute("href")).toBe(`${SITE}releases/2026/11/desalination-plant/`);
    expect(link.textContent).toBe("تدشين أول محطة تحلية تعمل بالطاقة الشمسية على ساحل الخليج العربي");
    expect(first.querySelector("time")!.getAttribute("datetime")).toBe("2026-11-24T00:00:00+03:00");
    // The date exactly as the site's lists show it, formatted at build time.
    expect(first.querySelector("time")!.textContent).toBe(formatShortDate("2026-11-24T00:00:00+03:00", "ar", SAMPLE_DISPLAY));
    expect([...first.querySelectorAll("mark")].map((mark) => mark.textContent)).toContain("تحلية");
    expect(document.getElementById("search-status")!.textContent).not.toBe("");
  });

  it("fetches only index files, relative to the index URL", () => {
    expect(requests.length).toBeGreaterThan(0);
    for (const url of requests) expect(url.startsWith(`${SITE}search/index/`)).toBe(true);
  });

  it("keeps the query in the URL", () => {
    const url = new URL(urls[urls.length - 1]);
    expect(url.searchParams.get("q")).toBe("محطة تحلية");
    expect(url.searchParams.get("lang")).toBe("ar");
  });

  it("searches all languages when asked", async () => {
    const input = document.querySelector<HTMLInputElement>("#q")!;
    const select = document.querySelector("select")!;
    input.value = "desalination";
    select.value = "";
    select.dispatchEvent(new (document.defaultView as unknown as typeof globalThis).Event("change"));
    await settle(() => list().querySelector("a")?.textContent?.startsWith("First solar") ?? false);
    const item = list().querySelector("li")!;
    expect(item.getAttribute("lang")).toBe("en");
    expect(item.getAttribute("dir")).toBe("ltr");
    // An English release: its date as its card on the site shows it.
    expect(item.querySelector("time")!.textContent).toBe("24\u00a0November\u00a02026");
    expect(new URL(urls[urls.length - 1]).searchParams.get("lang")).toBe("");
    select.value = "ar";
  });

  it("shows index text as text, never as markup", async () => {
    const input = document.querySelector<HTMLInputElement>("#q")!;
    input.value = "اقتباس";
    document.querySelector("form")!.dispatchEvent(new (document.defaultView as unknown as typeof globalThis).Event("submit", { cancelable: true }));
    await settle(() => list().querySelector("a")?.textContent?.includes("script") ?? false);
    const link = list().querySelector("a")!;
    expect(link.textContent).toBe('بيان <script>alert(1)</script> & "اقتباس" <b>عريض</b>');
    expect(list().querySelector("script, b, img")).toBeNull();
  });

  it("says so when no release holds every word, and shows those holding some", async () => {
    const input = document.querySelector<HTMLInputElement>("#q")!;
    input.value = "التناضح كلمةغيرموجودةأبدا";
    document.querySelector("form")!.dispatchEvent(new (document.defaultView as unknown as typeof globalThis).Event("submit", { cancelable: true }));
    await settle(() => document.getElementById("search-status")!.textContent!.includes(strings.someWords));
    expect(list().querySelector("a")!.getAttribute("href")).toBe(`${SITE}releases/2026/11/desalination-plant/`);
    expect(document.getElementById("search-status")!.textContent).toBe(`نتيجة واحدة لـ «التناضح كلمةغيرموجودةأبدا» ${strings.someWords}`);
  });

  it("says so when nothing matches", async () => {
    const input = document.querySelector<HTMLInputElement>("#q")!;
    input.value = "كلمةغيرموجودةأبدا";
    document.querySelector("form")!.dispatchEvent(new (document.defaultView as unknown as typeof globalThis).Event("submit", { cancelable: true }));
    await settle(() => list().children.length === 0);
    expect(document.getElementById("search-status")!.textContent).toBe("لا نتائج لـ «كلمةغيرموجودةأبدا»");
  });
});
