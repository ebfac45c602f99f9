import type { EleventyConfig } from "@11ty/eleventy";

/** Font files copied from their npm packages: Naskh for reading, Sans for the interface. */
export const FONT_FILES = [
  "noto-naskh-arabic/files/noto-naskh-arabic-arabic-400-normal.woff2",
  "noto-naskh-arabic/files/noto-naskh-arabic-arabic-700-normal.woff2",
  "noto-naskh-arabic/files/noto-naskh-arabic-latin-400-normal.woff2",
  "noto-naskh-arabic/files/noto-naskh-arabic-latin-700-normal.woff2",
  "noto-sans-arabic/files/noto-sans-arabic-arabic-400-normal.woff2",
  "noto-sans-arabic/files/noto-sans-arabic-arabic-600-normal.woff2",
  "noto-sans-arabic/files/noto-sans-arabic-latin-400-normal.woff2",
  "noto-sans-arabic/files/noto-sans-arabic-latin-600-normal.woff2",
];

/** Copies `assets/` and the self-hosted fonts; nothing is ever loaded from another site. */
export function assetsPlugin(eleventyConfig: EleventyConfig, { root }: { root: string }) {
  // Sources (the search client is TypeScript, bundled by the search plugin) stay out of the site.
  eleventyConfig.addPassthroughCopy("assets", { filter: ["**/*", "!**/*.ts"] });
  for (const file of FONT_FILES) {
    eleventyConfig.addPassthroughCopy({ [`${root}/node_modules/@fontsource/${file}`]: `assets/fonts/${file.split("/").pop()}` });
  }
}
