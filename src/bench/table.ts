import type { BenchResult } from "./run.ts";

const MB = 1024 * 1024;

/** The bench result as one table: a row per figure, a column per build, and Bayan / plain. */
export function formatTable(result: BenchResult): string {
  const { bayan, plain } = result;
  const rows: Array<[string, string, string, string]> = [
    ["wall time", seconds(bayan.wallSeconds), plain ? seconds(plain.wallSeconds) : "—", ratio(bayan.wallSeconds, plain?.wallSeconds)],
    ["CPU time (user+sys)", seconds(bayan.cpuSeconds), plain ? seconds(plain.cpuSeconds) : "—", ratio(bayan.cpuSeconds, plain?.cpuSeconds)],
    ["peak RSS", megabytes(bayan.peakRssBytes), plain ? megabytes(plain.peakRssBytes) : "—", ratio(bayan.peakRssBytes, plain?.peakRssBytes)],
    ["output files", count(bayan.outputFiles), plain ? count(plain.outputFiles) : "—", ratio(bayan.outputFiles, plain?.outputFiles)],
    ["output size", megabytes(bayan.outputBytes), plain ? megabytes(plain.outputBytes) : "—", ratio(bayan.outputBytes, plain?.outputBytes)],
    ["search index", result.search.indexBytes === undefined ? "n/a" : megabytes(result.search.indexBytes), "—", ""],
    ["median bytes per query", result.search.medianQueryBytes === undefined ? "n/a" : `${count(result.search.medianQueryBytes)} (${result.search.found}/${result.search.queries} found)`, "—", ""],
    ["edit → page rebuilt", result.editLoop ? seconds(result.editLoop.medianPageSeconds) : "n/a", "—", ""],
    ["edit → rebuild done", result.editLoop ? `${seconds(result.editLoop.medianSettledSeconds)}, ${count(result.editLoop.medianFilesWritten)} files` : "n/a", "—", ""],
  ];
  const header: [string, string, string, string] = ["", "Bayan", "plain Eleventy", "Bayan / plain"];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i].length)));
  const line = (cells: string[]) => cells.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]) : cell.padStart(widths[i]))).join("  ");
  const { counts } = result;
  return [
    `${count(counts.releases)} releases (${count(counts.published)} published, ${count(counts.images)} with images), seed ${result.seed}, ${result.machine}`,
    "",
    line(header),
    line(widths.map((w) => "-".repeat(w))),
    ...rows.map(line),
    ...result.notes.map((note) => `note: ${note}`),
  ].join("\n");
}

const seconds = (s: number) => `${s.toFixed(1)} s`;
const megabytes = (bytes: number) => `${(bytes / MB).toFixed(1)} MB`;
const count = (n: number) => Math.round(n).toLocaleString("en-US");
const ratio = (a: number, b: number | undefined) => (b ? `${(a / b).toFixed(2)}×` : "");
