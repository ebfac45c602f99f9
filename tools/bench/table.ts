import type { BuildFigures } from "./measure.ts";
import { BUILD_KINDS, type BenchResult, type BuildKind } from "./run.ts";
import { median } from "./search.ts";

const MIB = 1024 * 1024;

const LABELS: Record<BuildKind, string> = {
  plain: "plain Eleventy",
  first: "first build (empty .cache/)",
  unchanged: "nothing changed (.cache/ kept)",
  added: "one release added",
  rendered: "every page rendered",
};

/**
 * The bench result as one table: a row per kind of build (medians over the rounds, each round's
 * wall time listed), with wall and CPU time, peak memory, output and the ratio to plain Eleventy;
 * then the search and edit-loop figures.
 */
export function formatTable(result: BenchResult): string {
  const plain = result.builds.plain?.median;
  const header = ["build", "wall (median)", "rounds", "÷ plain", "CPU", "peak RSS", "files", "output"];
  const rows: string[][] = [];
  for (const kind of BUILD_KINDS) {
    const series = result.builds[kind];
    if (!series) continue;
    const m: BuildFigures = series.median;
    rows.push([
      LABELS[kind],
      seconds(m.wallSeconds),
      series.rounds.map((b) => b.wallSeconds.toFixed(1)).join(", "),
      kind === "plain" || !plain ? "" : `${(m.wallSeconds / plain.wallSeconds).toFixed(2)}×`,
      seconds(m.cpuSeconds),
      `${count(Math.max(...series.rounds.map((b) => b.peakRssBytes)) / MIB)} MiB`,
      count(m.outputFiles),
      `${count(m.outputBytes / MIB)} MiB`,
    ]);
  }
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i].length)));
  const line = (cells: string[]) =>
    cells
      .map((cell, i) => (i === 0 ? cell.padEnd(widths[i]) : cell.padStart(widths[i])))
      .join("  ")
      .trimEnd();
  const { counts, search, editLoop } = result;
  const rounds = Math.max(0, ...Object.values(result.builds).map((s) => s.rounds.length));
  return [
    `${count(counts.releases)} releases (${count(counts.published)} published, ${count(counts.images)} with images), seed ${result.seed}, ${result.machine}`,
    `lists paginated by ${result.perPage} in both builds; ${rounds} round${rounds === 1 ? "" : "s"}, each: ${BUILD_KINDS.join(", ")}; peak RSS is the highest of the rounds`,
    `load average (1 min) as the builds started: median ${result.load.length ? median(result.load).toFixed(2) : "—"}, highest ${result.load.length ? Math.max(...result.load).toFixed(2) : "—"}`,
    "",
    line(header),
    line(widths.map((w) => "-".repeat(w))),
    ...rows.map(line),
    "",
    `search index: ${search.indexBytes === undefined ? "n/a" : `${(search.indexBytes / MIB).toFixed(1)} MiB`}; median bytes per query: ${search.medianQueryBytes === undefined ? "n/a" : `${count(search.medianQueryBytes)} (${search.queries} queries)`}`,
    `npm start: edit → page rebuilt ${editLoop ? seconds(editLoop.medianPageSeconds) : "n/a"}; edit → rebuild done ${editLoop ? `${seconds(editLoop.medianSettledSeconds)}, ${count(editLoop.medianFilesWritten)} files` : "n/a"}`,
  ].join("\n");
}

const seconds = (s: number) => `${s.toFixed(1)} s`;
const count = (n: number) => Math.round(n).toLocaleString("en-US");
