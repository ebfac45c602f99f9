/**
 * The bench's own processes, so what each measures is its own (peak memory, start-up, watchers):
 *
 * - `node --import tsx tools/bench/child.ts build '{"kind":"bayan","root":"…","now":"…","report":"…"}'`:
 *   one measured build (`measure.ts`); writes a `ChildReport` as JSON to `report`.
 * - `node --import tsx tools/bench/child.ts watch <now>`, in a project folder: what `npm start`
 *   runs (Eleventy watch, incremental, drafts shown), instrumented for the edit loop (`loops.ts`).
 *   It prints one `bench:` JSON line per event on stdout — `ready` after the first build,
 *   `change` when Eleventy sees edited files, `built` with the URLs written when a rebuild ends.
 *   The dev server itself is not started: the bench reads files.
 */
import { writeFileSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { Eleventy, type EleventyConfig } from "@11ty/eleventy";
import { loadSite } from "../../src/config.ts";
import { projectConfig } from "../../src/project.ts";
import { watchReleases } from "../../src/serve/watch.ts";

/** What the parent asks a build process for. */
export interface BuildJob {
  kind: "bayan" | "plain";
  root: string;
  /** Build clock (Bayan only). */
  now: string;
  /** File to write the report to. */
  report: string;
}

/** What the build process measured about itself. */
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

/** One build, measured; then the process ends. */
async function build(job: BuildJob): Promise<void> {
  const started = performance.now();
  const report: ChildReport = { ok: false, buildSeconds: 0, cpuSeconds: 0, peakRssBytes: 0, errors: 0, warnings: 0 };
  try {
    // In the project's folder, as `npm run build` runs: Eleventy's search for templates prunes its
    // ignored folders (releases/, .cache/) only when they are relative to the working folder.
    process.chdir(job.root);
    if (job.kind === "bayan") {
      // The project's own copy of Bayan, as its `npm run build` would run it (one copy of every module).
      const { buildSite } = (await import(pathToFileURL(path.join(job.root, "src/build/build.ts")).href)) as typeof import("../../src/build/build.ts");
      const result = await buildSite({ root: job.root, now: job.now });
      report.ok = result.ok;
      report.errors = result.diagnostics.filter((d) => d.severity === "error").length;
      report.warnings = result.diagnostics.length - report.errors;
      if (!result.ok) report.message = result.diagnostics.find((d) => d.severity === "error")?.message;
    } else {
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
}

/** The watch build in the working folder, with the build clock `now`; runs until killed. */
async function watch(now: string | undefined): Promise<void> {
  const emit = (event: Record<string, unknown>) => process.stdout.write(`bench:${JSON.stringify({ ...event, at: Date.now() })}\n`);
  const site = loadSite("templates/site.json");
  const eleventy = new Eleventy(".", "dist", {
    configPath: "",
    pathPrefix: site.pathPrefix,
    runMode: "serve",
    quietMode: true,
    config: (eleventyConfig: EleventyConfig) => {
      projectConfig({ site, root: process.cwd(), preview: true, now: now || undefined })(eleventyConfig);
      eleventyConfig.on("eleventy.beforeWatch", (queue: string[]) => emit({ event: "change", files: queue }));
      eleventyConfig.on("eleventy.after", ({ results }: { results: Array<{ url: string | false }> }) =>
        emit({ event: "built", urls: results.map((result) => result.url).filter(Boolean) }),
      );
    },
  });
  await eleventy.init();
  eleventy.setIncrementalBuild(true);
  await eleventy.watch();
  watchReleases(eleventy, "releases");
  emit({ event: "ready" });
}

const [mode, argument] = process.argv.slice(2);
if (mode === "build") await build(JSON.parse(argument) as BuildJob);
else if (mode === "watch") await watch(argument);
else throw new Error(`bench: child.ts runs "build <job>" or "watch <now>", not "${mode}"`);
