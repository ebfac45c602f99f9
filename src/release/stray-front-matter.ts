/**
 * Front matter that Bayan would not read: a block of `key: value` lines that is not opened by a
 * bare `---` on the very first line. Misplaced, its `embargo:` or `draft:` would be published as
 * text, and the release with it, so it is an error, pointed at the line that opens the block.
 * Only the opening of a file is looked at: a `---` rule further down a Markdown body is text.
 */
import { KNOWN_KEYS, nearKey } from "./frontmatter-keys.ts";

/** Where a block that looks like front matter starts, and what is wrong with it. */
export interface StrayFrontMatter {
  line: number;
  message: string;
  hint: string;
}

// Spaces and characters that show as nothing: an editor cannot see them before a `---`.
const INVISIBLE = /[\s\u00A0\u061C\u180E\u200B-\u200F\u2028-\u202F\u205F-\u2064\u2066-\u2069\uFEFF]/gu;
// `---`, `+++` (TOML), `---js`, … once the invisible characters are gone.
const FENCE = /^(?:---|\+\+\+)[a-z]*$/;
const KEY_LINE = /^["']?([\p{L}_][\p{L}\p{N}_ -]{0,30}?)["']?\s*[:=](?:\s|$)/u;
// Inside a block: an indented line, a list item or a blank line continues it.
const CONTINUATION = /^(?:\s+\S|\s*-\s|\s*$)/;
const MAX_BLOCK_LINES = 60;

const visible = (line: string) => line.replace(INVISIBLE, "");
const isFence = (line: string) => FENCE.test(visible(line));

/**
 * A block that looks like front matter at the opening of `lines`, where Bayan does not read it.
 * `lines` are the whole file when it has no front matter, or the body after the front matter.
 * @param firstLine file line of `lines[0]`
 * @param afterFrontMatter true when `lines` follow a front matter block that was read
 */
export function findStrayFrontMatter(lines: string[], firstLine: number, afterFrontMatter: boolean): StrayFrontMatter | undefined {
  const first = lines.findIndex((line) => visible(line) !== "");
  if (first < 0) return undefined;
  const line = firstLine + first;
  if (isFence(lines[first])) {
    const keys = blockKeys(lines, first).keys;
    if (!keys.some((key) => /^[A-Za-z_][\w-]*$/.test(key) || isBayanKey(key))) return undefined;
    if (afterFrontMatter) {
      return {
        line,
        message: "a second front matter block: only the block that opens the file is read, so this one would be published as text",
        hint: "move its lines into the front matter at the top of the file, and delete this block",
      };
    }
    if (visible(lines[first]).startsWith("+++")) {
      return {
        line,
        message: "front matter must be YAML between --- lines, but this block opens with +++ (TOML), so it would be published as text",
        hint: "write it as YAML between two lines of ---, e.g. embargo: 2026-12-01T08:00:00+03:00",
      };
    }
    if (first > 0) {
      return {
        line,
        message: `this looks like front matter, but it starts on line ${line}: front matter is read only when --- is the very first line of the file`,
        hint: "delete the empty lines above ---",
      };
    }
    return {
      line,
      message: "this looks like front matter, but its --- has spaces or invisible characters around it, so it is not read as front matter",
      hint: "delete the line and type --- again at the very start of the file, with nothing else on the line",
    };
  }
  // A title line, then a block: the editor put the title first.
  const next = lines.findIndex((text, i) => i > first && visible(text) !== "");
  if (next < 0 || !isFence(lines[next])) return undefined;
  const block = blockKeys(lines, next);
  if (!block.closed || !block.keys.some(isBayanKey)) return undefined;
  return {
    line: firstLine + next,
    message: `this looks like front matter, but it comes after the title on line ${line}, so it would be published as text`,
    hint: "move the block, from --- to ---, to the very top of the file, above the title",
  };
}

function isBayanKey(key: string): boolean {
  return (KNOWN_KEYS as readonly string[]).includes(key) || nearKey(key) !== undefined;
}

/** The keys of the `key: value` lines after the fence at `fence`, and whether a closing fence ends them. */
function blockKeys(lines: string[], fence: number): { keys: string[]; closed: boolean } {
  const keys: string[] = [];
  const end = Math.min(lines.length, fence + 1 + MAX_BLOCK_LINES);
  for (let i = fence + 1; i < end; i++) {
    if (isFence(lines[i]) || lines[i].trim() === "...") return { keys, closed: true };
    const key = KEY_LINE.exec(lines[i].replace(/^[\s\u200B-\u200F\u2060\uFEFF]+/u, ""));
    if (key) keys.push(key[1].trim());
    else if (!CONTINUATION.test(lines[i])) break;
  }
  return { keys, closed: false };
}
