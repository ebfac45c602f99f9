/**
 * A real-text corpus for the evaluation: one JSON object a line, as SaudiNewsNet ships it
 * (`source`, `url`, `date_extracted`, `title`, `author`, `content`). Each article becomes a
 * release: `title`, and the body from `content`, `text` or `body`; lines without both are skipped
 * and counted. The corpus is read where it lies and never copied into the project.
 */
import { readFileSync } from "node:fs";
import type { SearchDoc } from "../../src/search/model.ts";

/** The articles of a JSONL file as releases, and how many lines could not be used. */
export function readJsonlCorpus(file: string): { docs: SearchDoc[]; skipped: number } {
  const docs: SearchDoc[] = [];
  let skipped = 0;
  readFileSync(file, "utf8")
    .split(/\r?\n/)
    .forEach((line, i) => {
      if (!line.trim()) return;
      let article: Record<string, unknown>;
      try {
        article = JSON.parse(line) as Record<string, unknown>;
      } catch (error) {
        throw new Error(`${file}:${i + 1}: error: not a JSON object (${(error as Error).message}); the corpus must hold one JSON object a line`);
      }
      const title = text(article.title);
      const body = text(article.content) || text(article.text) || text(article.body);
      if (!title || !body) return void skipped++;
      const date = /^\d{4}-\d{2}-\d{2}/.exec(text(article.date_extracted) || text(article.date))?.[0] ?? "2015-01-01";
      docs.push({
        url: `/releases/corpus/${docs.length}/`,
        title,
        date: `${date}T09:00:00+03:00`,
        lang: /[\u0600-\u06FF]/.test(title + body.slice(0, 200)) ? "ar" : "en",
        tags: [],
        // Articles are often one long line: sentences end paragraphs often enough for passages.
        text: body.replace(/\r\n?/g, "\n"),
      });
    });
  return { docs, skipped };
}

function text(value: unknown): string {
  return typeof value === "string" ? value.trim() : "";
}
