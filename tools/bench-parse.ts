/**
 * `npm run bench:parse -- --corpus <file.jsonl> [--labels <file.tsv>] [--sample N] [--seed S]`
 *
 * Parses every article of a JSON-lines news corpus (SaudiNewsNet's fields: `title` and `content`;
 * `text` or `body` also do) as a Bayan release, each content line a block, and prints how the
 * parser read it. `--sample N` prints N of the headings made, drawn with a fixed seed, as a labels
 * file to fill in (`yes` or `no` in place of `?`); `--labels` reads such a file back and prints the
 * headings' precision. `--missed N` prints N first lines that look like a dateline but were not read as one.
 */
import { readFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { headingPrecision, labelSheet, measure, readCorpus, readLabels, report, sampleHeadings } from "./parse-stats.ts";

const USAGE = "usage: npm run bench:parse -- --corpus <file.jsonl> [--labels <file.tsv>] [--sample N] [--seed S] [--missed N]";

function main(): number {
  let values;
  try {
    ({ values } = parseArgs({
      options: {
        corpus: { type: "string" },
        labels: { type: "string" },
        sample: { type: "string" },
        missed: { type: "string", default: "0" },
        seed: { type: "string", default: "25" },
      },
    }));
  } catch (error) {
    console.error(`error: ${(error as Error).message}\n${USAGE}`);
    return 2;
  }
  const sample = values.sample === undefined ? 0 : Number(values.sample);
  const missed = Number(values.missed);
  if (!values.corpus || ![sample, missed].every((n) => Number.isInteger(n) && n >= 0) || !Number.isInteger(Number(values.seed))) {
    console.error(USAGE);
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
    for (const warning of warnings) console.error(warning);
    const figures = measure(articles);
    const precision = values.labels ? headingPrecision(figures.headings, readLabels(read(values.labels))) : undefined;
    console.log(report(figures, precision));
    if (missed > 0) console.log(`\n# first lines that look like a dateline, not read as one\n${figures.datelinesMissed.slice(0, missed).join("\n")}`);
    if (sample > 0)
      console.log(
        `\n# ${sample} headings (seed ${values.seed}): put yes or no in place of ?, then pass the file as --labels\n${labelSheet(sampleHeadings(figures.headings, sample, Number(values.seed)), articles)}`,
      );
    return 0;
  } catch (error) {
    console.error((error as Error).message);
    return 1;
  }
}

process.exitCode = main();
