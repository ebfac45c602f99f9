/** Longest generated summary, in characters. */
const SUMMARY_LENGTH = 200;

/**
 * A summary cut from running text at a word boundary, with an ellipsis when cut:
 * used when a release has no `summary` in its front matter.
 */
export function summarize(text: string, length = SUMMARY_LENGTH): string {
  const flat = text.replace(/\s+/g, " ").trim();
  if (flat.length <= length) return flat;
  const cut = flat.slice(0, length + 1);
  const boundary = cut.lastIndexOf(" ");
  return `${(boundary > length / 2 ? cut.slice(0, boundary) : cut.slice(0, length)).replace(/[\s,،؛;:.-]+$/, "")}…`;
}
