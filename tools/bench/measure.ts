import { spawn, spawnSync } from "node:child_process";
import { readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import path from "node:path";
import { oldOutputs } from "../../src/build/build.ts";
import type { BuildJob, ChildReport } from "./child.ts";

/** Figures of one build. */
export interface BuildFigures {
  /** Seconds from spawning the build process to its exit (Node and tsx start-up included, ~0.3 s). */
  wallSeconds: number;
  /** User + system CPU seconds of the build process. */
  cpuSeconds: number;
  peakRssBytes: number;
  outputFiles: number;
  outputBytes: number;
  errors: number;
  warnings: number;
}

/** Extra process options: a CPU profile folder, `DEBUG` for Eleventy's own benchmarks. */
export interface MeasureOptions {
  cpuProfDir?: string;
  debug?: string;
  /** Max old-space size in MB, e.g. to see whether a build fits in a smaller heap. */
  maxOldSpaceMb?: number;
}

const CHILD = path.join(import.meta.dirname, "child.ts");

/** Builds one project in a child process and measures it; throws with the child's output if it fails. */
export async function measureBuild(job: Omit<BuildJob, "report">, options: MeasureOptions = {}): Promise<BuildFigures> {
  const report = path.join(job.root, `.bench-report-${process.pid}.json`);
  const args = ["--import", "tsx"];
  if (options.cpuProfDir) args.push("--cpu-prof", `--cpu-prof-dir=${options.cpuProfDir}`);
  if (options.maxOldSpaceMb) args.push(`--max-old-space-size=${options.maxOldSpaceMb}`);
  const env = { ...process.env, ...(options.debug ? { DEBUG: options.debug } : {}) };
  // Plain Eleventy writes over its output in place: start it from an empty folder, as Bayan's
  // staging folder is. Then flush what earlier builds left to write, so no build pays for another's.
  if (job.kind === "plain") rmSync(path.join(job.root, "dist"), { recursive: true, force: true });
  spawnSync("sync");
  const started = performance.now();
  const child = spawn(process.execPath, [...args, CHILD, JSON.stringify({ ...job, report })], { env, stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  child.stdout.on("data", (chunk) => (output += chunk));
  child.stderr.on("data", (chunk) => (options.debug ? process.stderr.write(chunk) : (output += chunk)));
  const code = await new Promise<number | null>((resolve) => child.on("exit", resolve));
  const wallSeconds = (performance.now() - started) / 1000;
  // The previous output is deleted in the background once the new one is in place: let that
  // finish before the next measurement, so it does not slow that one down.
  await oldOutputsGone(job.root);
  let result: ChildReport;
  try {
    result = JSON.parse(readFileSync(report, "utf8")) as ChildReport;
  } catch {
    throw new Error(`bench: the ${job.kind} build exited with ${code} and no report\n${output.slice(-4000)}`);
  } finally {
    rmSync(report, { force: true });
  }
  if (!result.ok) throw new Error(`bench: the ${job.kind} build failed: ${result.message ?? "no message"}\n${output.slice(-4000)}`);
  const dist = folderSize(path.join(job.root, "dist"));
  return {
    wallSeconds,
    cpuSeconds: result.cpuSeconds,
    peakRssBytes: result.peakRssBytes,
    outputFiles: dist.files,
    outputBytes: dist.bytes,
    errors: result.errors,
    warnings: result.warnings,
  };
}

async function oldOutputsGone(root: string): Promise<void> {
  while (oldOutputs(path.join(root, "dist")).length > 0) await new Promise((resolve) => setTimeout(resolve, 100));
}

/** Files and bytes under a folder; zero when it does not exist. */
export function folderSize(folder: string): { files: number; bytes: number } {
  let files = 0;
  let bytes = 0;
  let entries;
  try {
    entries = readdirSync(folder, { recursive: true, withFileTypes: true });
  } catch {
    return { files, bytes };
  }
  for (const entry of entries) {
    if (!entry.isFile()) continue;
    files++;
    bytes += statSync(path.join(entry.parentPath, entry.name)).size;
  }
  return { files, bytes };
}
