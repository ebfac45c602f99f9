import type { SyntheticBlock, SyntheticRelease } from "./generate.ts";
import type { Random } from "./random.ts";

/** A YAML scalar that any string survives: a JSON string is a valid YAML double-quoted string. */
const yaml = (text: string) => JSON.stringify(text);

/** The release as Bayan reads it: `.txt` (title line, blocks, end mark) or `.md`, with front matter. */
export function toBayanFile(release: SyntheticRelease): { path: string; text: string } {
  const front: string[] = [];
  if (release.format === "md") front.push(`title: ${yaml(release.title)}`);
  if (release.dateInFrontMatter) front.push(`date: ${release.date}`);
  if (release.tags.length) front.push(`tags: [${release.tags.map(yaml).join(", ")}]`);
  if (release.summary) front.push(`summary: ${yaml(release.summary)}`);
  if (release.translationKey) front.push(`translationKey: ${release.translationKey}`);
  if (release.draft) front.push("draft: true");
  if (release.embargo) front.push(`embargo: ${release.embargo}`);
  if (release.image) front.push(`image: ${release.image.file}`, `imageAlt: ${yaml(release.image.alt)}`);
  const body = release.blocks.map((block, i) => (release.format === "md" ? markdownBlock(block) : textBlock(block, i === 0 ? release.dateline : undefined)));
  const lines = [
    ...(front.length ? ["---", ...front, "---"] : []),
    ...(release.format === "txt" ? [release.title, ""] : []),
    body.join("\n\n"),
    ...(release.endMark ? ["", "انتهى"] : []),
  ];
  return { path: `${release.name}.${release.format}`, text: `${lines.join("\n")}\n` };
}

/**
 * The same release as a plain Eleventy user would write it: Markdown with `title`, `date` and
 * `tags` in the front matter. Returns undefined for releases Bayan does not publish.
 */
export function toPlainMarkdown(release: SyntheticRelease): { path: string; text: string } | undefined {
  if (release.draft || release.embargo) return undefined;
  const front = [`title: ${yaml(release.title)}`, `date: ${release.date}`, `tags: [${release.tags.map(yaml).join(", ")}]`];
  if (release.summary) front.push(`summary: ${yaml(release.summary)}`);
  const body = release.blocks.map((block, i) =>
    markdownBlock(i === 0 && release.dateline && block.kind === "paragraph" ? { ...block, text: `${release.dateline} ${block.text}` } : block),
  );
  return { path: `${release.name}.md`, text: `---\n${front.join("\n")}\n---\n${body.join("\n\n")}\n` };
}

function textBlock(block: SyntheticBlock, dateline?: string): string {
  if (block.kind === "heading") return block.text;
  if (block.kind === "list") return block.items.map((item) => `- ${item}`).join("\n");
  return dateline ? `${dateline} ${block.text}` : block.text;
}

function markdownBlock(block: SyntheticBlock): string {
  if (block.kind === "heading") return `## ${block.text}`;
  if (block.kind === "list") return block.items.map((item) => `- ${item}`).join("\n");
  return block.text;
}

const TILE = { width: 32, height: 20 };

/**
 * A photo-like 1600×1000 JPEG: a small random tile scaled up, so it has smooth gradients that
 * compress like a photo, unlike a flat colour (too easy) or noise (too hard).
 * sharp comes with `@11ty/eleventy-img`.
 */
export async function writeImage(random: Random): Promise<Buffer> {
  const { default: sharp } = await import("sharp");
  const pixels = Buffer.alloc(TILE.width * TILE.height * 3);
  for (let i = 0; i < pixels.length; i++) pixels[i] = random.int(0, 255);
  return sharp(pixels, { raw: { ...TILE, channels: 3 } })
    .resize(1600, 1000, { kernel: "cubic" })
    .jpeg({ quality: 82 })
    .toBuffer();
}
