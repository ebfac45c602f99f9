/**
 * What `npm start` runs (Eleventy watch, incremental, drafts shown), instrumented for the edit
 * loop: run in a project folder, it prints one `bench:` JSON line per event on stdout —
 * `ready` after the first build, `change` when Eleventy sees edited files, `built` with the
 * URLs written when a rebuild ends. The dev server itself is not started: the bench reads files.
 */
import { Eleventy, type EleventyConfig } from "@11ty/eleventy";
import { loadSite } from "../../src/config.ts";
import { projectConfig } from "../../src/project.ts";
import { watchReleases } from "../../src/serve/watch.ts";

const [now] = process.argv.slice(2);
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
