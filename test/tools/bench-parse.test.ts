import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import {
  headingPrecision,
  isBareNumber,
  looksLikeByline,
  looksLikeDateline,
  main,
  measure,
  readCorpus,
  readLabels,
  releaseText,
  report,
  sampleHeadings,
} from "../../tools/bench-parse.ts";
import { REPO } from "../helpers/project.ts";

const CORPUS = "test/fixtures/corpus/wire-copy.jsonl";
const LABELS = "test/fixtures/corpus/wire-copy-labels.tsv";
const corpus = readCorpus(readFileSync(path.join(REPO, CORPUS), "utf8"), CORPUS);

describe("reading a corpus", () => {
  it("reads SaudiNewsNet-style lines (content or text) and names the lines it skips", () => {
    expect(corpus.articles).toHaveLength(7);
    expect(corpus.articles[6]).toMatchObject({ title: "وزارة الصحة تطلق حملة للتطعيم", line: 7 });
    expect(corpus.warnings).toEqual([
      expect.stringMatching(/^test\/fixtures\/corpus\/wire-copy\.jsonl:8: warning: not valid JSON/),
      expect.stringMatching(/^test\/fixtures\/corpus\/wire-copy\.jsonl:9: warning: no title/),
    ]);
  });

  it("makes each content line a block under the title", () => {
    expect(releaseText({ title: " عنوان ", content: "سطر أول.\n\n  سطر ثان.  \n", line: 1 })).toBe("عنوان\n\nسطر أول.\n\nسطر ثان.");
  });
});

describe("the figures", () => {
  const figures = measure(corpus.articles);

  it("counts datelines recognised among articles that open with one, and checks their dates", () => {
    expect(figures).toMatchObject({ articles: 7, datelineFirst: 4, datelineRecognised: 4, datelineDated: 4, datelineRightDate: 4 });
  });

  it("lists the first lines that look like a dateline but were not read as one", () => {
    const article = { title: "عنوان", content: "الرياض في 26 شوال 1436 هـ الموافق 11 أغسطس واس\nنص.", line: 1 };
    expect(measure([article]).datelinesMissed).toEqual([article.content.split("\n")[0]]);
  });

  it("counts headings and none that are numbers, datelines or bylines", () => {
    expect(figures.headings.map((h) => h.text).sort()).toEqual(["أبرز الأرقام", "الفئات المستهدفة", "برنامج المهرجان", "مراكز التطعيم"].sort());
    expect(figures).toMatchObject({ bareNumberHeadings: 0, datelineHeadings: 0, bylineHeadings: 0 });
    expect(report(figures)).toMatch(/headings +4 \(57\.1 per 100 releases\)/);
  });

  it("measures precision on hand labels, counting headings without one apart", () => {
    const labels = readLabels(readFileSync(path.join(REPO, LABELS), "utf8"));
    expect(labels.get("1 -")).toBe(false);
    expect(headingPrecision(figures.headings, labels)).toEqual({ labelled: 4, right: 4, unlabelled: 0 });
    expect(headingPrecision([...figures.headings, { text: "2 -", article: 0 }, { text: "جديد", article: 0 }], labels)).toEqual({
      labelled: 5,
      right: 4,
      unlabelled: 1,
    });
  });

  it("draws the same sample for the same seed", () => {
    const headings = Array.from({ length: 50 }, (_, i) => ({ text: `عنوان ${i}`, article: i }));
    expect(sampleHeadings(headings, 5, 7)).toEqual(sampleHeadings(headings, 5, 7));
    expect(sampleHeadings(headings, 5, 7)).not.toEqual(sampleHeadings(headings, 5, 8));
    expect(sampleHeadings(headings, 80, 7)).toHaveLength(50);
  });
});

describe("the loose checks that judge the parser", () => {
  it.each([
    "الكويت 25 شوال 1436 هـ الموافق 10 اغسطس 2015 م واس",
    "Riyadh, Ramadan 27, 1442 AH, corresponding to May 09, 2021 AD, SPA",
    "جدة ٩ مايو ٢٠٢١ م واس",
  ])("%s looks like a dateline", (line) => expect(looksLikeDateline(line)).toBe(true));
  it.each(["أبرز الأرقام", "رؤية 2030", "الخطة الخمسية 2020 - 2025"])("%s does not", (line) => expect(looksLikeDateline(line)).toBe(false));
  it("tells bare numbers and bylines", () => {
    expect(["3601100204", "2 -", "(4)", "٣ -"].every(isBareNumber)).toBe(true);
    expect(isBareNumber("رؤية 2030")).toBe(false);
    expect(looksLikeByline("عين اليوم – الرياض")).toBe(true);
    expect(looksLikeByline("الجولة 12 – الرياض")).toBe(false);
  });
});

describe("npm run bench:parse", () => {
  /** The command's `main` in this process, its paths read from the repository folder. */
  const run = (...args: string[]) => {
    let stdout = "";
    let stderr = "";
    const absolute = args.map((arg) => (arg.includes("/") ? path.join(REPO, arg) : arg));
    const status = main(absolute, { write: (text: string) => (stdout += text) }, { write: (text: string) => (stderr += text) });
    return { status, stdout, stderr };
  };

  it("prints the figures, the precision and a sample to label", () => {
    const { status, stdout: out } = run("--corpus", CORPUS, "--labels", LABELS, "--sample", "2", "--missed", "3");
    expect(status).toBe(0);
    expect(out).toMatch(/dateline recognised +4 \(100\.0 %\)/);
    expect(out).toMatch(/heading precision \(hand-labelled\) +100\.0 % \(4 of 4; 0 headings without a label\)/);
    expect(out.split("\n").filter((line) => line.startsWith("?\t"))).toHaveLength(2);
    expect(out).toContain("# first lines that look like a dateline, not read as one\n");
  });

  it("says how to call it when the corpus is missing, and names a file it cannot read", () => {
    expect(run()).toMatchObject({ status: 2, stderr: expect.stringMatching(/usage: npm run bench:parse -- --corpus/) });
    expect(run("--corpus", "nowhere.jsonl")).toMatchObject({ status: 1, stderr: expect.stringMatching(/^nowhere\.jsonl: error: cannot read it \(ENOENT\)/) });
  });
});
