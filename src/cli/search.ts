/**
 * `npm run search -- "query"`: ranked results (title, date, URL) from the built
 * site's index, read with the same files and query code as the search page.
 * `npm run --silent search -- --json`: one query per line on stdin, one JSON
 * line per query on stdout: `{"query": "…", "results": [{"url": "…", "title": "…"}]}`.
 *
 * Options: `--dist DIR` (default `dist`), `--lang LANG` (one language only), `--limit N` (default 10).
 */
import { access, readFile } from "node:fs/promises";
import { join, resolve } from "node:path";
import { createInterface } from "node:readline";
import { Readable } from "node:stream";
import { META_PATH } from "../search/format.ts";
import type { SearchOptions, Searcher } from "../search/model.ts";
import { DamagedIndexError, createSearcher } from "../search/query.ts";
import { readArgs } from "./args.ts";
import { type CommandIo, runAsCommand } from "./io.ts";

const USAGE = 'usage: npm run search -- [--dist DIR] [--lang LANG] [--limit N] "query"\n       npm run --silent search -- --json [--dist DIR] < queries.txt';

/** The `search` command: prints the results; exit code 1 without a readable index, 2 on a bad option. */
export async function main(argv: string[], io: CommandIo): Promise<number> {
  const parsed = readArgs(
    {
      usage: USAGE,
      positionals: true,
      options: {
        json: { type: "boolean", default: false },
        dist: { type: "string", default: "dist" },
        lang: { type: "string" },
        limit: { type: "string", default: "10" },
      },
    },
    argv,
    io,
  );
  if (typeof parsed === "number") return parsed;
  const { values, positionals } = parsed;
  const limit = Number(values.limit);
  if (!Number.isInteger(limit) || limit < 0) {
    io.stderr.write(`--limit must be a whole number, got "${values.limit}"\n`);
    return 2;
  }
  // Named in messages as given; read from the command's folder.
  const shown = join(values.dist, "search", "index");
  const folder = resolve(io.cwd, shown);
  try {
    await access(join(folder, META_PATH));
  } catch {
    io.stderr.write(`No search index in ${shown}: run \`npm run build\` first, or pass --dist with the built site's folder.\n`);
    return 1;
  }
  try {
    return await answer(
      createSearcher((path) => readFile(join(folder, path))),
      { lang: values.lang, limit },
      values.json,
      positionals,
      io,
    );
  } catch (error) {
    if (!(error instanceof DamagedIndexError)) throw error;
    io.stderr.write(`${join(shown, error.file)}: error: ${error.message}\n    → build the site again (npm run build) to rewrite its search index\n`);
    return 1;
  }
}

/** Answers the query of the command line, or with `json` each line of stdin; returns the exit code. */
async function answer(searcher: Searcher, options: SearchOptions, json: boolean, positionals: string[], io: CommandIo): Promise<number> {
  if (json) {
    const lines = createInterface({ input: Readable.from(io.stdin), crlfDelay: Infinity });
    for await (const line of lines) {
      const query = line.replace(/\r$/, "");
      const results = await searcher.search(query, { ...options, excerpt: false });
      io.stdout.write(`${JSON.stringify({ query, results: results.map(({ url, title }) => ({ url, title })) })}\n`);
    }
    return 0;
  }

  const query = positionals.join(" ").trim();
  if (!query) {
    io.stderr.write(`${USAGE}\n`);
    return 2;
  }
  const results = await searcher.search(query, options);
  if (results.length === 0) io.stdout.write(`No results for "${query}".\n`);
  results.forEach((result, i) => {
    const excerpt = result.excerpt.map((segment) => (segment.hit ? `[${segment.text}]` : segment.text)).join("");
    io.stdout.write(`${i + 1}. ${result.title}\n   ${result.displayDate}  ${result.url}\n   ${excerpt}\n`);
  });
  return 0;
}

await runAsCommand(import.meta.url, main);
