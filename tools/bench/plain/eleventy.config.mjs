// The baseline of `npm run bench`: the same releases as plain Markdown through a minimal Eleventy
// site (markdown-it, one Nunjucks layout, the official RSS plugin, a home page paginated by 50).
import { feedPlugin } from "@11ty/eleventy-plugin-rss";

export default function (eleventyConfig) {
  eleventyConfig.addPlugin(feedPlugin, {
    type: "rss",
    outputPath: "/feed.xml",
    collection: { name: "release", limit: 20 },
    metadata: { language: "ar", title: "المركز الإعلامي", subtitle: "البيانات الصحفية", base: "https://news.example.org/", author: { name: "المركز الإعلامي" } },
  });
}

export const config = {
  dir: { input: ".", includes: "_includes" },
  templateFormats: ["md", "njk"],
  // As in Bayan: release text is not run through a template engine.
  markdownTemplateEngine: false,
};
