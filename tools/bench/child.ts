/**
 * One measured build, run in its own process by `measure.ts` so its peak memory is its own:
 * `node --import tsx tools/bench/child.ts '{"kind":"bayan","root":"…","now":"…","report":"…"}'`.
 * Writes a `ChildReport` as JSON to `report`.
 */
import { writeFileSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { Eleventy } from "@11ty/eleventy";

/** What the parent asks for. */
export interface BuildJob {
  kind: "bayan" | "plain";
  root: string;
  /** Build clock (Bayan only). */
  now: string;
  /** File to write the report to. */
  report: string;
}

/** What the child measured about itself. */
export interface ChildReport {
  ok: boolean;
  /** Seconds inside the build call (without process start-up). */
  buildSeconds: number;
  cpuSeconds: number;
  /** ru_maxrss: the peak resident set of the process. */
  peakRssBytes: number;
  errors: number;
  warnings: number;
  message?: string;
}

const job = JSON.parse(process.argv[2]) as BuildJob;
const started = performance.now();
const report: ChildReport = { ok: false, buildSeconds: 0, cpuSeconds: 0, peakRssBytes: 0, errors: 0, warnings: 0 };
try {
  if (job.kind === "bayan") {
    // The project's own copy of Bayan, as its `npm run build` would run it (one copy of every module).
    const { buildSite } = (await import(pathToFileURL(path.join(job.root, "src/build/build.ts")).href)) as typeof import("../../src/build/build.ts");
    const result = await buildSite({ root: job.root, now: job.now });
    report.ok = result.ok;
    report.errors = result.diagnostics.filter((d) => d.severity === "error").length;
    report.warnings = result.diagnostics.length - report.errors;
    if (!result.ok) report.message = result.diagnostics.find((d) => d.severity === "error")?.message;
  } else {
    process.chdir(job.root);
    await new Eleventy(".", "dist", { configPath: "eleventy.config.mjs", quietMode: true }).write();
    report.ok = true;
  }
} catch (error) {
  report.message = error instanceof Error ? (error.stack ?? error.message) : String(error);
}
report.buildSeconds = (performance.now() - started) / 1000;
const usage = process.resourceUsage();
report.cpuSeconds = (usage.userCPUTime + usage.systemCPUTime) / 1e6;
report.peakRssBytes = usage.maxRSS * 1024;
writeFileSync(job.report, JSON.stringify(report));
// Eleventy may leave handles (watchers, workers) open; the measurement is done.
process.exit(0);
