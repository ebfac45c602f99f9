import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import type { EleventyConfig } from "@11ty/eleventy";
import { build } from "esbuild";
import type { Site } from "../config.ts";
import { buildSearchIndex } from "../search/build.ts";
import type { Source } from "../site/source.ts";

/** The browser script, bundled once per process (it does not change between builds). */
let clientBundle: Promise<Uint8Array> | undefined;

/**
 * The search index and its browser script. Both are written in `eleventy.before`, so they are in
 * the output folder before the embargo audit (`eleventy.after`) reads it. The index holds the
 * releases that have pages — published only, outside preview — in one pass over them.
 */
export function searchPlugin(eleventyConfig: EleventyConfig, { source, root }: { site: Site; source: Source; root: string }) {
  eleventyConfig.on("eleventy.before", async ({ directories }: { directories: { output: string } }) => {
    const { newsroom } = await source.get();
    const folder = path.resolve(directories.output, "search");
    const docs = newsroom.releases.map(({ url, title, date, lang, tags, bodyText }) => ({ url, title, date, lang, tags, text: bodyText }));
    for (const [file, content] of buildSearchIndex(docs)) {
      const target = path.join(folder, "index", file);
      mkdirSync(path.dirname(target), { recursive: true });
      writeFileSync(target, content);
    }
    clientBundle ??= bundleClient(root);
    writeFileSync(path.join(folder, "search.js"), await clientBundle);
  });
}

async function bundleClient(root: string): Promise<Uint8Array> {
  const result = await build({
    entryPoints: [path.join(root, "assets/search/client.ts")],
    bundle: true,
    minify: true,
    format: "esm",
    target: "es2020",
    write: false,
    legalComments: "none",
  });
  return result.outputFiles[0].contents;
}
