import type { BuildFigures } from "./measure.ts";
import type { BenchResult } from "./run.ts";

const MB = 1024 * 1024;

/**
 * The bench result as one table: a row per figure; columns for Bayan's first build (empty caches),
 * its later builds (`.cache/` kept; median), plain Eleventy (median), and the ratios; then single
 * figures, among them Bayan's wall time after one release is added and with every page rendered.
 */
export function formatTable(result: BenchResult): string {
  const { bayan, rebuild, plain } = result;
  const builds: Array<[string, (b: BuildFigures) => number, (n: number) => string]> = [
    ["wall time", (b) => b.wallSeconds, seconds],
    ["CPU time (user+sys)", (b) => b.cpuSeconds, seconds],
    ["peak RSS", (b) => b.peakRssBytes, megabytes],
    ["output files", (b) => b.outputFiles, count],
    ["output size", (b) => b.outputBytes, megabytes],
  ];
  const rows: string[][] = builds.map(([label, figure, format]) => [
    label,
    format(figure(bayan)),
    rebuild ? format(figure(rebuild)) : "—",
    plain ? format(figure(plain)) : "—",
    ratio(figure(bayan), plain && figure(plain)),
    ratio(rebuild && figure(rebuild), plain && figure(plain)),
  ]);
  const { search, editLoop, published, rendered } = result;
  const single = (label: string, value: string) => [label, value, "", "", "", ""];
  const build = (figures: BuildFigures | undefined) => (figures ? `${seconds(figures.wallSeconds)} (${ratio(figures.wallSeconds, plain?.wallSeconds) || "—"} plain)` : "n/a");
  rows.push(
    single("one release added", build(published)),
    single("every page rendered", build(rendered)),
    single("search index", search.indexBytes === undefined ? "n/a" : megabytes(search.indexBytes)),
    single("median bytes per query", search.medianQueryBytes === undefined ? "n/a" : `${count(search.medianQueryBytes)} (${search.queries} queries)`),
    single("edit → page rebuilt", editLoop ? seconds(editLoop.medianPageSeconds) : "n/a"),
    single("edit → rebuild done", editLoop ? `${seconds(editLoop.medianSettledSeconds)}, ${count(editLoop.medianFilesWritten)} files` : "n/a"),
  );
  const header = ["", "Bayan 1st build", "Bayan rebuild", "plain Eleventy", "1st / plain", "rebuild / plain"];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i].length)));
  const line = (cells: string[]) => cells.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]) : cell.padStart(widths[i]))).join("  ").trimEnd();
  const { counts } = result;
  return [
    `${count(counts.releases)} releases (${count(counts.published)} published, ${count(counts.images)} with images), seed ${result.seed}, ${result.machine}`,
    `lists paginated by ${result.perPage} in both builds; rebuild and plain: medians of ${runList(result)}`,
    "",
    line(header),
    line(widths.map((w) => "-".repeat(w))),
    ...rows.map(line),
  ].join("\n");
}

const runList = ({ runs }: BenchResult) => {
  const count = Math.max(runs.rebuild.length, runs.plain.length);
  return `${count === 1 ? "1 run" : `${count} alternating runs`} (rebuild ${runs.rebuild.map(seconds).join(", ") || "—"}; plain ${runs.plain.map(seconds).join(", ") || "—"})`;
};
const seconds = (s: number) => `${s.toFixed(1)} s`;
const megabytes = (bytes: number) => `${(bytes / MB).toFixed(1)} MB`;
const count = (n: number) => Math.round(n).toLocaleString("en-US");
const ratio = (a: number | undefined, b: number | undefined) => (a !== undefined && b ? `${(a / b).toFixed(2)}×` : "");
