import type { EleventyConfig } from "@11ty/eleventy";
import { outputPath } from "../release/url.ts";
import { rendersAgain, type NewsroomChanges } from "../site/changes.ts";
import type { pageViews } from "../site/shows.ts";
import type { Source } from "../site/source.ts";

type Data = { releasePage: ReturnType<typeof pageViews.release> };

/**
 * Release pages. Release files are not Eleventy templates: Bayan's own parser reads them (see
 * `Source`), so no front matter engine (`---js`) and no template language ever touches release
 * text (a `{{` in a release is text). All release pages come from one virtual template paginated
 * over the newsroom: 10,000 releases are one template with 10,000 pages, not 10,000 templates
 * whose data Eleventy would gather again on every rebuild (that was most of an edit's 25 s).
 */
export function releasesPlugin(eleventyConfig: EleventyConfig, { source, archive }: { source: Source; archive: (kind: "release") => object }) {
  // No computed data (Eleventy's costs about 0.1 ms a page and key): both layouts a release page
  // goes through set `release`, `links`, `languageSwitch`, `lang`, `dir`, `title` and
  // `description` from `releasePage` at their top, for themselves and the partials they include.
  // The page's own content is a JavaScript function, not Nunjucks: Eleventy compiles a Nunjucks
  // body again for every page of a pagination (about 1 s of a 10,000-release build with its renders).
  eleventyConfig.addTemplateFormats("11ty.js");
  eleventyConfig.addTemplate("bayan-pages/release.11ty.js", (data: Data) => data.releasePage.release.bodyHtml, {
    eleventyExcludeFromCollections: true,
    layout: "bayan/release.njk",
    // Only the changed pages in a watch rebuild after release edits (see Newsroom.releasePagesToWrite).
    pagination: { data: "bayan.newsroom.releasePagesToWrite", size: 1, alias: "releasePage" },
    permalink: (d: Data) => outputPath(d.releasePage.release.url),
    // What the release layouts read of the archive: see site/shows.ts.
    bayan: archive("release"),
  });

  // Incremental rebuilds (npm start): a release edit rewrites its page and the pages that show it.
  // The releases folder is watched by `watchReleases` (serve/watch.ts), not by Eleventy; the watch
  // queue tells the source what changed; the source is loaded before Eleventy asks which
  // templates to render (a load error still surfaces where the templates read it).
  eleventyConfig.on("eleventy.beforeWatch", (queue: string[]) => source.invalidate(queue));
  eleventyConfig.on("eleventy.before", () =>
    source.get().then(
      () => undefined,
      () => undefined,
    ),
  );
  // Eleventy asks every `addExtension` entry keyed `njk` (or `11ty.js`) whether a template of that
  // language is affected by the changed file; these aliases (no file has their extension) are how
  // the site's own virtual templates get that answer.
  const affected = incrementalMatch(source, rendersAgain);
  eleventyConfig.addExtension("bayan-pages", { key: "njk", isIncrementalMatch: affected });
  eleventyConfig.addExtension("bayan-pages-js", { key: "11ty.js", isIncrementalMatch: affected });
}

/** What Eleventy tells `isIncrementalMatch` besides the changed file. */
interface IncrementalContext {
  inputPath: string;
  isFileRelevantToInputPath: boolean;
  doesFileHaveDependencies: boolean;
  isFullTemplate: boolean;
}

/**
 * Whether a template must be rendered again in an incremental rebuild: after release edits,
 * as `affected` says; after any other change, as Eleventy decides by default (a layout is
 * relevant to the templates that use it, an unknown file to all).
 */
function incrementalMatch(source: Source, affected: (inputPath: string, changes: NewsroomChanges) => boolean) {
  return function (this: IncrementalContext): boolean {
    const changes = source.changes();
    if (changes) return affected(this.inputPath, changes);
    return this.isFileRelevantToInputPath || (!this.doesFileHaveDependencies && !this.isFullTemplate);
  };
}
