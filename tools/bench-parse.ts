/**
 * `npm run bench:parse -- --corpus <file.jsonl> [--labels <file.tsv>] [--sample N] [--seed S]`
 *
 * Parses every article of a JSON-lines news corpus (SaudiNewsNet's fields: `title` and `content`;
 * `text` or `body` also do) as a Bayan release, each content line a block, and prints how the
 * parser read it. `--sample N` prints N of the headings made, drawn with a fixed seed, as a labels
 * file to fill in (`yes` or `no` in place of `?`); `--labels` reads such a file back and prints the
 * headings' precision. `--missed N` prints N first lines that look like a dateline but were not read as one.
 *
 * It measures how well the release parser reads real news copy: datelines recognised, headings
 * made, and headings that should not be. Developer tooling, not part of Bayan.
 *
 * The checks here are deliberately independent of the parser (loose patterns of their own), so
 * that they judge it rather than repeat it.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import type { CalendarDate } from "../src/release/model.ts";
import { parseRelease } from "../src/release/parse.ts";
import { latinDigits } from "../src/text/digits.ts";
import { createRandom } from "./bench/generate.ts";

/** One article of a corpus: SaudiNewsNet-style JSON lines (`title` + `content`, `text` or `body`). */
export interface Article {
  title: string;
  content: string;
  /** A date the corpus gives for the article (`date_extracted`, `date`, `published`), as written. */
  date?: string;
  /** 1-based line of the corpus file. */
  line: number;
}

/** Articles read from a JSON-lines corpus, and the lines that could not be used (as `file:line: warning: …`). */
export function readCorpus(text: string, file: string): { articles: Article[]; warnings: string[] } {
  const articles: Article[] = [];
  const warnings: string[] = [];
  text.split("\n").forEach((raw, i) => {
    if (raw.trim() === "") return;
    const warn = (why: string) => warnings.push(`${file}:${i + 1}: warning: ${why}; the line is skipped`);
    let record: Record<string, unknown>;
    try {
      record = JSON.parse(raw);
    } catch (error) {
      return warn(`not valid JSON (${(error as Error).message})`);
    }
    const field = (...names: string[]) =>
      names.map((name) => record[name]).find((value) => typeof value === "string" && value.trim() !== "") as string | undefined;
    const title = field("title");
    const content = field("content", "text", "body");
    if (!title || !content) return warn("no title, or no content/text/body");
    articles.push({ title, content, date: field("date_extracted", "date", "published"), line: i + 1 });
  });
  return { articles, warnings };
}

/** An article as a Bayan `.txt` release: the title line, then each line of the content as a block. */
export function releaseText(article: Article): string {
  const lines = article.content
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter(Boolean);
  return [article.title.replace(/\s+/g, " ").trim(), ...lines].join("\n\n");
}

const YEAR = /(?:^|\D)(?:1[34]\d\d|19\d\d|20\d\d)(?:\D|$)/u;
const DATELINE_SIGN = /الموافق|corresponding|واس|\bSPA\b|\(.{1,24}\)\s*[-–—]?\s*$|\d\s*(?:هـ|ه)(?:\s|$)|\bAH\b/u;

/** A loose test for a dateline: a short line with a year and a sign of one (`الموافق`, an agency, `هـ`). */
export function looksLikeDateline(line: string): boolean {
  const text = latinDigits(line);
  return text.split(/\s+/).length <= 25 && YEAR.test(text) && DATELINE_SIGN.test(text);
}

/** A heading made only of figures and marks: `3601100204`, `2 -`, `(4)`. */
export const isBareNumber = (heading: string) => /^[\s\d\u0660-\u0669\u06F0-\u06F9().\-–—/]+$/u.test(heading);
/** A heading shaped like a byline: a few words, a spaced dash, a few words, no figures. */
export const looksLikeByline = (heading: string) => /^[^\d\s]+(?: [^\d\s]+){0,3} [-–—] [^\d\s]+(?: [^\d\s]+){0,3}$/u.test(heading);

/** One heading the parser made. */
export interface Heading {
  text: string;
  /** Index of its article. */
  article: number;
}

export interface ParseFigures {
  articles: number;
  /** Articles whose first content line looks like a dateline. */
  datelineFirst: number;
  /** … of which the parser recognised the dateline. */
  datelineRecognised: number;
  /** First lines that look like a dateline but were not read as one, to see what the parser misses. */
  datelinesMissed: string[];
  /** … of which the corpus gives a date to compare with. */
  datelineDated: number;
  /** … of which the dateline's date is within 3 days of it. */
  datelineRightDate: number;
  headings: Heading[];
  bareNumberHeadings: number;
  datelineHeadings: number;
  bylineHeadings: number;
}

const ENTITIES: Record<string, string> = { "&amp;": "&", "&lt;": "<", "&gt;": ">", "&quot;": '"', "&#39;": "'" };
const plain = (html: string) => html.replace(/<[^>]*>/g, "").replace(/&(?:amp|lt|gt|quot|#39);/g, (e) => ENTITIES[e]);

function daysApart(date: CalendarDate, written: string): number | undefined {
  const other = Date.parse(written.slice(0, 10));
  if (Number.isNaN(other)) return undefined;
  return Math.abs(Date.UTC(date.year, date.month - 1, date.day) - other) / 86_400_000;
}

/** Parses every article as a release and counts. */
export function measure(articles: Article[]): ParseFigures {
  const figures: ParseFigures = {
    articles: articles.length,
    datelineFirst: 0,
    datelineRecognised: 0,
    datelinesMissed: [],
    datelineDated: 0,
    datelineRightDate: 0,
    headings: [],
    bareNumberHeadings: 0,
    datelineHeadings: 0,
    bylineHeadings: 0,
  };
  articles.forEach((article, index) => {
    const release = parseRelease(releaseText(article), { file: `article-${index + 1}.txt`, format: "txt", defaultLang: "ar" });
    const firstLine = article.content.split(/\r?\n/).find((line) => line.trim() !== "") ?? "";
    if (looksLikeDateline(firstLine)) {
      figures.datelineFirst++;
      if (release.dateline) figures.datelineRecognised++;
      else figures.datelinesMissed.push(firstLine.trim());
      const apart = release.dateline?.date && article.date ? daysApart(release.dateline.date, article.date) : undefined;
      if (apart !== undefined) {
        figures.datelineDated++;
        if (apart <= 3) figures.datelineRightDate++;
      }
    }
    for (const [, html] of release.bodyHtml.matchAll(/<h2>(.*?)<\/h2>/g)) {
      const text = plain(html);
      figures.headings.push({ text, article: index });
      if (isBareNumber(text)) figures.bareNumberHeadings++;
      else if (looksLikeDateline(text)) figures.datelineHeadings++;
      else if (looksLikeByline(text)) figures.bylineHeadings++;
    }
  });
  return figures;
}

/** `n` headings drawn with a fixed seed, so a sample can be drawn again and labelled. */
export function sampleHeadings(headings: Heading[], n: number, seed: number): Heading[] {
  const random = createRandom(seed);
  const pool = [...headings];
  for (let i = pool.length - 1; i > 0; i--) {
    const j = random.int(0, i);
    [pool[i], pool[j]] = [pool[j], pool[i]];
  }
  return pool.slice(0, n);
}

const tidy = (text: string) => text.replace(/\s+/g, " ").trim();

/** Judgements from a labels file: one `yes` or `no`, a tab, and the heading, a line (`#` lines and `?` are skipped). */
export function readLabels(text: string): Map<string, boolean> {
  const labels = new Map<string, boolean>();
  for (const line of text.split("\n")) {
    const [label, heading] = line.split("\t");
    if (heading === undefined || line.startsWith("#")) continue;
    const verdict = label.trim().toLowerCase();
    if (verdict === "yes" || verdict === "no") labels.set(tidy(heading), verdict === "yes");
  }
  return labels;
}

/** Headings judged right among those labelled; headings without a label are counted apart. */
export function headingPrecision(headings: Heading[], labels: Map<string, boolean>) {
  let labelled = 0;
  let right = 0;
  for (const heading of headings) {
    const verdict = labels.get(tidy(heading.text));
    if (verdict === undefined) continue;
    labelled++;
    if (verdict) right++;
  }
  return { labelled, right, unlabelled: headings.length - labelled };
}

/** The sample as a labels file to fill in: `?`, a tab, the heading, a tab, the article's title. */
export function labelSheet(sample: Heading[], articles: Article[]): string {
  return sample.map((h) => `?\t${tidy(h.text)}\t${tidy(articles[h.article].title)}`).join("\n");
}

const percent = (part: number, whole: number) => (whole === 0 ? "–" : `${((100 * part) / whole).toFixed(1)} %`);

/** The figures as lines of text. */
export function report(figures: ParseFigures, precision?: ReturnType<typeof headingPrecision>): string {
  const { articles, headings } = figures;
  const lines = [
    `articles                                 ${articles}`,
    `first line looks like a dateline         ${figures.datelineFirst}`,
    `  dateline recognised                    ${figures.datelineRecognised} (${percent(figures.datelineRecognised, figures.datelineFirst)})`,
    `  date within 3 days of the corpus date  ${figures.datelineRightDate} of ${figures.datelineDated} (${percent(figures.datelineRightDate, figures.datelineDated)})`,
    `headings                                 ${headings.length} (${articles ? ((100 * headings.length) / articles).toFixed(1) : "–"} per 100 releases)`,
    `  bare numbers                           ${figures.bareNumberHeadings}`,
    `  datelines                              ${figures.datelineHeadings}`,
    `  bylines                                ${figures.bylineHeadings}`,
  ];
  if (precision) {
    lines.push(
      `heading precision (hand-labelled)        ${percent(precision.right, precision.labelled)} (${precision.right} of ${precision.labelled}; ${precision.unlabelled} headings without a label)`,
    );
  }
  return lines.join("\n");
}

// The command.

/** Where the command writes: `process.stdout`, or a test's collector. */
interface Writer {
  write(text: string): unknown;
}
const line = (writer: Writer, text: string) => writer.write(`${text}\n`);

const USAGE = "usage: npm run bench:parse -- --corpus <file.jsonl> [--labels <file.tsv>] [--sample N] [--seed S] [--missed N]";

/** The command on `argv`: prints the figures on `out`, problems on `err`; returns the exit code. */
export function main(argv: string[], out: Writer = process.stdout, err: Writer = process.stderr): number {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        corpus: { type: "string" },
        labels: { type: "string" },
        sample: { type: "string" },
        missed: { type: "string", default: "0" },
        seed: { type: "string", default: "25" },
      },
    }));
  } catch (error) {
    line(err, `error: ${(error as Error).message}\n${USAGE}`);
    return 2;
  }
  const sample = values.sample === undefined ? 0 : Number(values.sample);
  const missed = Number(values.missed);
  if (!values.corpus || ![sample, missed].every((n) => Number.isInteger(n) && n >= 0) || !Number.isInteger(Number(values.seed))) {
    line(err, USAGE);
    return 2;
  }
  const read = (file: string) => {
    try {
      return readFileSync(file, "utf8");
    } catch (error) {
      throw new Error(`${file}: error: cannot read it (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
    }
  };
  try {
    const { articles, warnings } = readCorpus(read(values.corpus), values.corpus);
    for (const warning of warnings) line(err, warning);
    const figures = measure(articles);
    const precision = values.labels ? headingPrecision(figures.headings, readLabels(read(values.labels))) : undefined;
    line(out, report(figures, precision));
    if (missed > 0) line(out, `\n# first lines that look like a dateline, not read as one\n${figures.datelinesMissed.slice(0, missed).join("\n")}`);
    if (sample > 0)
      line(
        out,
        `\n# ${sample} headings (seed ${values.seed}): put yes or no in place of ?, then pass the file as --labels\n${labelSheet(sampleHeadings(figures.headings, sample, Number(values.seed)), articles)}`,
      );
    return 0;
  } catch (error) {
    line(err, (error as Error).message);
    return 1;
  }
}

// Run only as the command: tests import the figures and call `main` themselves.
if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) process.exitCode = main(process.argv.slice(2));
