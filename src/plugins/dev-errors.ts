import path from "node:path";
import type { EleventyConfig } from "@11ty/eleventy";
import nunjucks from "nunjucks";
import type { Source } from "../site/source.ts";

/**
 * `npm start`: while a release has an error (broken front matter, a bad date…), every page the
 * browser asks for is an error page listing the problems (`templates/dev/errors.njk`, status 500)
 * instead of the page as it was before the edit, which would look as if the edit had been taken.
 * The rest of the preview still builds; once the file is fixed, live reload brings the page back.
 */
export function devErrorsPlugin(eleventyConfig: EleventyConfig, { source, folders }: { source: Source; folders: string[] }) {
  const env = new nunjucks.Environment(new nunjucks.FileSystemLoader(folders), { autoescape: true });
  eleventyConfig.setServerOptions({
    onRequest: {
      "/*": ({ url }: { url: URL }) => {
        const problems = source.problems();
        if (problems.length === 0 || !isPage(url.pathname)) return undefined;
        return { status: 500, headers: { "content-type": "text/html; charset=utf-8" }, body: env.render(path.join("dev", "errors.njk"), { problems }) };
      },
    },
  });
}

/** A page address (`/releases/…/`, `/404.html`), not a style sheet, image or feed. */
function isPage(pathname: string): boolean {
  return pathname.endsWith("/") || pathname.endsWith(".html");
}
