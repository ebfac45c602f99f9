/**
 * `npm run build` — validate every release, then build `dist/` atomically.
 * `npm start` (`--serve`) — dev server with live reload, drafts and embargoed releases shown and marked.
 *
 * Options: --drafts (preview drafts and embargoed releases), --now=<ISO date-time> (build clock),
 * --pathprefix=/newsroom/ (serve from a sub-folder), --output=dist (.cache/preview when serving), --port=8080.
 */
import { parseArgs } from "node:util";
import { Eleventy } from "@11ty/eleventy";
import { ConfigError } from "../config.ts";
import { buildSite } from "../site/build.ts";
import { watchReleases } from "../site/watch.ts";
import type { ReleaseErrors } from "../diagnostics.ts";
import type { Diagnostic } from "../release/model.ts";
import { readSiteConfig } from "./check.ts";
import { printReport, reportLines } from "./report.ts";

const { values } = parseArgs({
  options: {
    drafts: { type: "boolean", default: false },
    now: { type: "string" },
    pathprefix: { type: "string" },
    output: { type: "string" },
    serve: { type: "boolean", default: false },
    port: { type: "string", default: "8080" },
    verbose: { type: "boolean", default: false },
  },
});

// The preview shows drafts: it never writes into dist/, which is what gets deployed.
const output = values.output ?? (values.serve ? ".cache/preview" : "dist");

try {
  if (values.serve) await serve();
  else await build();
} catch (error) {
  if (error instanceof ConfigError) printProblems(readSiteConfig(process.cwd()).diagnostics);
  // The embargo audit and the images step stop the build with ReleaseErrors (by name: tests load a second copy of the module).
  else if ((error as Error).name === "ReleaseErrors") printProblems((error as ReleaseErrors).diagnostics);
  else console.error(`Build failed: ${(error as Error).message}`);
  console.error(`\nNothing was published. The previous ${output}/ was left as it was.`);
  process.exitCode = 1;
}

function printProblems(diagnostics: Diagnostic[]) {
  for (const line of reportLines(diagnostics, values.verbose)) console.error(line.text);
}

async function build() {
  const result = await buildSite({
    root: process.cwd(),
    output: output,
    pathPrefix: values.pathprefix,
    preview: values.drafts,
    now: values.now,
  });
  printReport(result.diagnostics, result.releases, result.site, { preview: values.drafts, verbose: values.verbose });
  if (!result.ok) {
    console.error(`\nNothing was published: fix the errors above. The previous ${output}/ was left as it was.`);
    process.exitCode = 1;
    return;
  }
  console.log(`Built ${output}/ in ${result.seconds.toFixed(1)} s.`);
}

async function serve() {
  process.env.BAYAN_PREVIEW = "1";
  if (values.now) process.env.BAYAN_NOW = values.now;
  const eleventy = new Eleventy(".", output, {
    configPath: "eleventy.config.ts",
    pathPrefix: values.pathprefix,
    runMode: "serve",
    quietMode: true,
  });
  await eleventy.init();
  eleventy.setIncrementalBuild(true);
  await eleventy.watch();
  watchReleases(eleventy, "releases");
  await eleventy.serve(Number(values.port));
  console.log(`Preview with drafts and embargoed releases: http://localhost:${values.port}/ (Ctrl+C to stop)`);
}
