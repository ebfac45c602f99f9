/**
 * A release's tags as the site uses them: NFC, without invisible direction or zero-width
 * characters, each once, and no more than `MAX_TAGS`.
 */
import type { Diagnostic } from "./model.ts";

/**
 * Most tags one release may have. Each tag gets a page and three feeds, and each feed item lists
 * the release's tags: a release with n tags writes n² tag names (2,000 tags wrote 361 MB). Fifty
 * is more than any press release needs and keeps one release's tag output under a megabyte.
 */
export const MAX_TAGS = 50;

// Direction overrides and isolates, marks and zero-width characters: invisible in a tag, they make
// two tags that look alike, and can make a name display in a misleading order.
const INVISIBLES = /[\u202A-\u202E\u2066-\u2069\u200B-\u200F\uFEFF]/g;

/** The tags of `file` (written on `line`), cleaned, with a warning for what was removed and an error past the limit. */
export function cleanTags(written: string[], file: string, line: number | undefined): { tags: string[]; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  if (written.some((tag) => tag.search(INVISIBLES) >= 0)) {
    diagnostics.push({
      file,
      line,
      severity: "warning",
      message: "the tags held invisible direction or zero-width characters; they were removed",
      hint: "check that each tag reads as intended: these characters can make a tag display backwards or look like another",
    });
  }
  const seen = new Set<string>();
  const tags = written
    .map((tag) => tag.normalize("NFC").replace(INVISIBLES, "").replace(/\s+/g, " ").trim())
    .filter((tag) => tag !== "" && !seen.has(tag.toLowerCase()) && seen.add(tag.toLowerCase()));
  if (tags.length > MAX_TAGS) {
    diagnostics.push({
      file,
      line,
      severity: "error",
      message: `the release has ${tags.length} tags, over the limit of ${MAX_TAGS}`,
      hint: `keep the few tags a reader would follow (at most ${MAX_TAGS}); words for search belong in the text`,
    });
  }
  return { tags, diagnostics };
}
