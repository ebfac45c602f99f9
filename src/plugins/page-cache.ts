import path from "node:path";
import type { EleventyConfig } from "@11ty/eleventy";
import type { Newsroom, ReleasePage } from "../site/newsroom.ts";
import { pageCacheFor, releasePageKey, renderFingerprint } from "../site/page-cache.ts";

/**
 * The release pages a build renders: all of them, less those `buildSite`'s page cache holds for
 * this output (see `site/page-cache.ts`), which it links into the output instead. Worked out once
 * per build, after `eleventy.before` (release pictures and Open Graph images are known by then).
 */
export function releasePagesToRender(eleventyConfig: EleventyConfig, { root, templates, site }: { root: string; templates: string; site: unknown }) {
  let output: string | undefined;
  let planned: ReleasePage[] | undefined;
  eleventyConfig.on("eleventy.before", ({ directories, outputMode }: { directories: { output: string }; outputMode: string }) => {
    output = outputMode === "fs" ? path.resolve(directories.output) : undefined;
    planned = undefined;
  });
  return (newsroom: Newsroom): ReleasePage[] => {
    const session = output ? pageCacheFor(output) : undefined;
    if (!session) return newsroom.releasePagesToWrite;
    if (planned) return planned;
    const fingerprint = renderFingerprint({ root, templates, site, sections: newsroom.sections });
    const picture = eleventyConfig.getFilter("releasePicture");
    planned = fingerprint ? session.toRender(newsroom.releasePagesToWrite, (page) => releasePageKey(fingerprint, page, picture(page.release.url))) : newsroom.releasePagesToWrite;
    return planned;
  };
}
