/**
 * `npm run build` — validate every release, then build `dist/` atomically.
 * `npm start` (`--serve`) — dev server with live reload, drafts and embargoed releases shown and marked.
 */
import { existsSync } from "node:fs";
import path from "node:path";
import { Eleventy } from "@11ty/eleventy";
import { ConfigError } from "../config.ts";
import { siteConfigFile } from "../defaults.ts";
import { projectConfig } from "../project.ts";
import { parseClock, parsePathPrefix, type OptionError } from "../options.ts";
import { buildSite, PREVIEW_OUTPUT } from "../build/build.ts";
import { describeBuildError, diagnosticsIn } from "../build/build-error.ts";
import { claimOutput, type OutputRefused, recordOutput } from "../build/output.ts";
import { LOCAL_HOST, serveOn } from "../serve/serve.ts";
import { httpUrl } from "../serve/static-server.ts";
import { watchReleases } from "../serve/watch.ts";
import type { Diagnostic } from "../release/model.ts";
import { parsePort, printOptionError, readArgs } from "./args.ts";
import { type CommandIo, runAsCommand, writeLine } from "./io.ts";
import { readSiteConfig } from "./check.ts";
import { printReport, reportLines } from "./report.ts";

const USAGE = `Usage: npm run build [-- options]   build the site into dist/ (nothing is published on any error)
       npm start [-- options]           preview with live reload, drafts and embargoed releases shown

Options:
  --drafts            build a preview with drafts and embargoed releases, marked, into ${PREVIEW_OUTPUT}/ (never dist/)
  --now=<date-time>   the build clock, e.g. 2026-11-24T09:00:00+03:00 (without an offset: the site's time zone)
  --pathprefix=<path> build for a sub-folder, e.g. /newsroom/
  --output=<folder>   a new folder, or one Bayan made (default dist, or ${PREVIEW_OUTPUT} for a preview)
  --serve             what npm start runs: the dev server
  --port=<number>     dev server port (default 8080)
  --host=<address>    dev server address (default ${LOCAL_HOST}, this machine only); 0.0.0.0 opens it to the network`;

const OPTIONS = {
  drafts: { type: "boolean", default: false },
  now: { type: "string" },
  pathprefix: { type: "string" },
  output: { type: "string" },
  serve: { type: "boolean", default: false },
  port: { type: "string", default: "8080" },
  host: { type: "string", default: LOCAL_HOST },
  verbose: { type: "boolean", default: false },
} as const;

/** One run of the command: its options, its world and the output folder it builds. */
interface Run {
  values: Exclude<ReturnType<typeof readArgs<typeof OPTIONS>>, number>["values"];
  io: CommandIo;
  /** As the user gave it (or the default), relative to `io.cwd`. */
  output: string;
}

/**
 * `build` (and `start`, which is `build --serve`): builds, or starts the dev server and returns
 * while it serves. Exit code 1 when nothing was published, 2 on a bad option.
 */
export async function main(argv: string[], io: CommandIo): Promise<number> {
  const args = readArgs({ usage: USAGE, options: OPTIONS }, argv, io);
  if (typeof args === "number") return args;
  const { values } = args;
  const run: Run = { values, io, output: values.output ?? (values.drafts || values.serve ? PREVIEW_OUTPUT : "dist") };
  try {
    return values.serve ? await serve(run) : await build(run);
  } catch (error) {
    return fail(run, error as Error);
  }
}

/** Prints what stopped the command as `file:line: error: …` with a hint; the stack trace only with --debug. */
function fail(run: Run, error: Error): number {
  const { values, io } = run;
  if (values.debug) writeLine(io.stderr, error.stack);
  if (error.name === "OptionError") return printOptionError(error as OptionError, io);
  if (error instanceof ConfigError) printProblems(run, readSiteConfig(io.cwd).diagnostics);
  // The embargo audit, the images step and the plugin's own files stop the build with ReleaseErrors, which Eleventy may wrap.
  else if (diagnosticsIn(error)) printProblems(run, diagnosticsIn(error)!);
  else if (error.name === "OutputRefused") {
    printProblems(run, [{ file: "--output", severity: "error", message: error.message, hint: (error as OutputRefused).hint }]);
    return 1;
  } else printProblems(run, [describeBuildError(error, io.cwd)]);
  if (!values.serve) writeLine(io.stderr, `\nNothing was published.${leftAsItWas(run)}`);
  return 1;
}

function leftAsItWas({ io, output }: Run): string {
  return existsSync(path.resolve(io.cwd, output)) ? ` The previous ${output}/ was left as it was.` : "";
}

function printProblems({ values, io }: Run, diagnostics: Diagnostic[]) {
  for (const line of reportLines(diagnostics, values.verbose)) writeLine(io.stderr, line.text);
}

async function build(run: Run): Promise<number> {
  const { values, io, output } = run;
  // Without --now, `buildSite` reads the clock in the site's time zone.
  const result = await buildSite({ root: io.cwd, output, pathPrefix: values.pathprefix, preview: values.drafts, now: values.now, debug: values.debug });
  printReport(result.diagnostics, result.releases, result.site, { preview: values.drafts, failed: !result.ok, verbose: values.verbose }, io);
  if (!result.ok) {
    writeLine(io.stderr, `\nNothing was published: fix the errors above.${leftAsItWas(run)}`);
    return 1;
  }
  writeLine(io.stdout, `Built ${output}/ in ${result.seconds.toFixed(1)} s.`);
  return 0;
}

async function serve({ values, io, output }: Run): Promise<number> {
  const root = io.cwd;
  const site = readSiteConfig(root).site;
  if (!site) throw new ConfigError(siteConfigFile(root), []);
  // Checked before anything starts, with the messages of a build.
  const now = values.now !== undefined ? parseClock(values.now, site.timezone).toISO()! : undefined;
  const pathPrefix = values.pathprefix === undefined ? undefined : parsePathPrefix(values.pathprefix);
  const port = parsePort(values.port);
  claimOutput(root, path.resolve(root, output), "preview");
  recordOutput(root, path.resolve(root, output), "preview");
  const config = projectConfig({ site, root, preview: true, now });
  // Eleventy's watcher and dev server read paths from the process's folder: `start` runs as a
  // process of its own in the project folder (its `io.cwd`), never called in another's.
  const eleventy = new Eleventy(".", output, { configPath: "", config, pathPrefix: pathPrefix ?? site.pathPrefix, runMode: "serve", quietMode: true });
  await eleventy.init();
  eleventy.setIncrementalBuild(true);
  await eleventy.watch();
  watchReleases(eleventy, "releases");
  const address = await serveOn(eleventy, port, values.host);
  writeLine(io.stdout, `Preview with drafts and embargoed releases: ${httpUrl(address, pathPrefix ?? site.pathPrefix)} (Ctrl+C to stop)`);
  if (values.host !== LOCAL_HOST && values.host !== "localhost" && values.host !== "::1") {
    writeLine(
      io.stderr,
      `warning: --host=${values.host}: anyone who can reach this machine on port ${address.port} sees every draft and embargoed release. Leave --host out to keep the preview to this machine.`,
    );
  }
  return 0;
}

await runAsCommand(import.meta.url, main);
