/**
 * The search page script: enhances the form of `templates/pages/search-form.njk`
 * into search as you type. Index files are fetched relative to `data-index`,
 * result links are made relative to the site root (`data-root`, or two levels
 * above the index, `…/search/index/` → `…/`), so the page works under any path
 * prefix. Results are built with DOM calls only; index text is never parsed as HTML.
 */
import type { SearchResult } from "../../src/search/model.ts";
import { createSearcher } from "../../src/search/query.ts";
import { directionOf } from "../../src/text/direction.ts";

/** UI strings from `data-strings`; `{n}` is the count, `{q}` the query; `results` may be keyed by plural category. */
interface Strings {
  results?: string | Record<string, string>;
  noResults?: string;
  /** Added to the count when no release holds every word of the query. */
  someWords?: string;
  error?: string;
}

const DEBOUNCE_MS = 200;

function enhance(root: HTMLElement): void {
  const form = root.querySelector<HTMLFormElement>("form");
  const input = form?.querySelector<HTMLInputElement>("input[name=q]");
  const select = form?.querySelector<HTMLSelectElement>("select[name=lang]") ?? null;
  const status = root.querySelector<HTMLElement>("#search-status");
  const list = root.querySelector<HTMLOListElement>("#search-results");
  if (!form || !input || !status || !list) return;
  const pageLang = root.dataset.lang || document.documentElement.lang || "ar";
  const numbers = numberFormat(pageLang, root.dataset.digits);
  const strings = parseStrings(root.dataset.strings);
  const indexUrl = new URL(root.dataset.index || "index/", document.baseURI || location.href);
  const siteRoot = new URL(root.dataset.root || "../../", indexUrl);
  const searcher = createSearcher(async (path) => {
    const response = await fetch(new URL(path, indexUrl));
    if (!response.ok) throw new Error(`${response.status} ${path}`);
    return new Uint8Array(await response.arrayBuffer());
  });

  const params = new URLSearchParams(location.search);
  input.value = params.get("q") ?? "";
  const langParam = params.get("lang");
  if (select && langParam !== null && [...select.querySelectorAll("option")].some((option) => option.value === langParam)) select.value = langParam;

  let timer: ReturnType<typeof setTimeout> | undefined;
  let latest = 0;
  const run = async (): Promise<void> => {
    clearTimeout(timer);
    const query = input.value;
    keepInUrl(query, select?.value);
    const current = ++latest;
    if (!query.trim()) {
      list.replaceChildren();
      status.textContent = "";
      return;
    }
    try {
      const results = await searcher.search(query, { lang: select?.value || undefined });
      // A slower, older query must not overwrite a newer one.
      if (current !== latest) return;
      list.replaceChildren(...results.flatMap((result) => resultItem(result, pageLang, siteRoot)));
      const some = results.length > 0 && !results[0].allWords && strings.someWords ? ` ${strings.someWords}` : "";
      status.textContent = results.length
        ? countText(strings, pageLang, results.length, query, numbers) + some
        : fill(strings.noResults ?? "", 0, query, numbers);
    } catch {
      if (current === latest) status.textContent = fill(strings.error ?? "", 0, query, numbers);
    }
  };
  input.addEventListener("input", () => {
    clearTimeout(timer);
    timer = setTimeout(run, DEBOUNCE_MS);
  });
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    void run();
  });
  select?.addEventListener("change", () => void run());
  if (input.value.trim()) void run();
}

function parseStrings(json: string | undefined): Strings {
  try {
    return (JSON.parse(json || "{}") as Strings) ?? {};
  } catch {
    return {};
  }
}

/** Mirrors the form's GET parameters, so a search can be bookmarked and shared. */
function keepInUrl(query: string, lang: string | undefined): void {
  const url = new URL(location.href);
  if (query) url.searchParams.set("q", query);
  else url.searchParams.delete("q");
  if (lang !== undefined) url.searchParams.set("lang", lang);
  history.replaceState(history.state, "", url);
}

function resultItem(result: SearchResult, pageLang: string, siteRoot: URL): HTMLLIElement[] {
  // Only site-relative paths: index data never decides the scheme or host of a link.
  if (!/^\/(?!\/)/.test(result.url)) return [];
  const item = document.createElement("li");
  if (result.lang && result.lang !== pageLang) {
    item.lang = result.lang;
    item.dir = directionOf(result.lang);
  }
  const link = document.createElement("a");
  link.href = new URL(result.url.slice(1), siteRoot).href;
  link.textContent = result.title;
  const title = document.createElement("p");
  title.className = "search-result-title";
  title.append(link);
  const time = document.createElement("time");
  time.dateTime = result.date;
  // The date as the site's own lists show it, formatted at build time.
  time.textContent = result.displayDate;
  const excerpt = document.createElement("p");
  excerpt.className = "search-result-excerpt";
  for (const segment of result.excerpt) {
    if (segment.hit) {
      const mark = document.createElement("mark");
      mark.textContent = segment.text;
      excerpt.append(mark);
    } else excerpt.append(segment.text);
  }
  item.append(title, time, excerpt);
  return [item];
}

/** Numbers in the page's digits (`data-digits`: `latn` or `arab` on Arabic pages), as the site's pages write them. */
function numberFormat(lang: string, digits: string | undefined): Intl.NumberFormat {
  return new Intl.NumberFormat(lang === "ar" ? `ar-SA-u-nu-${digits === "arab" ? "arab" : "latn"}` : lang, { useGrouping: false });
}

function countText(strings: Strings, lang: string, count: number, query: string, numbers: Intl.NumberFormat): string {
  const template = strings.results ?? "{n}";
  const text = typeof template === "string" ? template : (template[new Intl.PluralRules(lang).select(count)] ?? template.other ?? "{n}");
  return fill(text, count, query, numbers);
}

function fill(template: string, count: number, query: string, numbers: Intl.NumberFormat): string {
  return template.replaceAll("{n}", numbers.format(count)).replaceAll("{q}", query.trim());
}

const root = document.getElementById("search");
if (root) enhance(root);
