/**
 * `npm run search -- "query"`: ranked results (title, date, URL) from the built
 * site's index, read with the same files and query code as the search page.
 * `npm run --silent search -- --json`: one query per line on stdin, one JSON
 * line per query on stdout: `{"query": "…", "results": [{"url": "…", "title": "…"}]}`.
 *
 * Options: `--dist DIR` (default `dist`), `--lang LANG` (one language only), `--limit N` (default 10).
 */
import { access, readFile } from "node:fs/promises";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { META_PATH } from "../search/format.ts";
import type { SearchOptions, Searcher } from "../search/model.ts";
import { DamagedIndexError, createSearcher } from "../search/query.ts";
import { readArgs } from "./args.ts";

const USAGE = 'usage: npm run search -- [--dist DIR] [--lang LANG] [--limit N] "query"\n       npm run --silent search -- --json [--dist DIR] < queries.txt';

async function main(): Promise<number> {
  const parsed = readArgs({
    usage: USAGE,
    positionals: true,
    options: {
      json: { type: "boolean", default: false },
      dist: { type: "string", default: "dist" },
      lang: { type: "string" },
      limit: { type: "string", default: "10" },
    },
  });
  const { values, positionals } = parsed;
  const limit = Number(values.limit);
  if (!Number.isInteger(limit) || limit < 0) {
    process.stderr.write(`--limit must be a whole number, got "${values.limit}"\n`);
    return 2;
  }
  const folder = join(values.dist, "search", "index");
  try {
    await access(join(folder, META_PATH));
  } catch {
    process.stderr.write(`No search index in ${folder}: run \`npm run build\` first, or pass --dist with the built site's folder.\n`);
    return 1;
  }
  try {
    return await answer(
      createSearcher((path) => readFile(join(folder, path))),
      { lang: values.lang, limit },
      values.json,
      positionals,
    );
  } catch (error) {
    if (!(error instanceof DamagedIndexError)) throw error;
    process.stderr.write(`${join(folder, error.file)}: error: ${error.message}\n    → build the site again (npm run build) to rewrite its search index\n`);
    return 1;
  }
}

/** Answers the query of the command line, or with `json` each line of stdin; returns the exit code. */
async function answer(searcher: Searcher, options: SearchOptions, json: boolean, positionals: string[]): Promise<number> {
  if (json) {
    const lines = createInterface({ input: process.stdin, crlfDelay: Infinity });
    for await (const line of lines) {
      const query = line.replace(/\r$/, "");
      const results = await searcher.search(query, { ...options, excerpt: false });
      process.stdout.write(`${JSON.stringify({ query, results: results.map(({ url, title }) => ({ url, title })) })}\n`);
    }
    return 0;
  }

  const query = positionals.join(" ").trim();
  if (!query) {
    process.stderr.write(`${USAGE}\n`);
    return 2;
  }
  const results = await searcher.search(query, options);
  if (results.length === 0) process.stdout.write(`No results for "${query}".\n`);
  results.forEach((result, i) => {
    const excerpt = result.excerpt.map((segment) => (segment.hit ? `[${segment.text}]` : segment.text)).join("");
    process.stdout.write(`${i + 1}. ${result.title}\n   ${result.displayDate}  ${result.url}\n   ${excerpt}\n`);
  });
  return 0;
}

process.exitCode = await main();
