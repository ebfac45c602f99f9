/**
 * Markdown (`.md`) bodies, rendered by markdown-it with raw HTML off, linkify on and the quotes of
 * the release's script. No template engine ever sees the text: `{{ 7*7 }}` stays as written.
 */
import markdownIt, { type Env, type MarkdownIt, type StateCore, type Token } from "markdown-it";
import { cutAtEndMark, datelineDiagnostics, withoutDateline, type BodyOptions, type RenderedBody } from "./blocks.ts";
import { holdDateNumbers, parseDateline, type DatelineMatch } from "./dateline.ts";
import { isolateLatin, refineLinks, type Direction } from "./inline.ts";

/** What a Markdown body needs besides `BodyOptions`: the language picks the quotes. */
export interface MarkdownOptions extends BodyOptions {
  lang: string;
}

interface MarkdownEnv extends Env {
  dir: Direction;
  dateline?: DatelineMatch;
  /** 0-based line of the dateline's paragraph in the Markdown source. */
  datelineLine?: number;
}

const ARABIC_SCRIPT = new Set(["ar", "fa", "ur", "ps", "sd", "ug", "ckb", "ku"]);
const SAFE_LINK = /^(?:https?:|mailto:)/i;
const ANY_SCHEME = /^[a-z][a-z0-9+.-]*:/i;
const renderers = new Map<string, MarkdownIt>();

function renderer(lang: string): MarkdownIt {
  const quotes = ARABIC_SCRIPT.has(lang.toLowerCase().split("-")[0]) ? "«»‹›" : "“”‘’";
  let md = renderers.get(quotes);
  if (md) return md;
  md = markdownIt({ html: false, linkify: true, typographer: true, quotes });
  // Pictures come from front matter (sized and optimised); tables and strikethrough have no place in a release.
  md.disable(["image", "table", "strikethrough"]);
  // Link `www.` addresses as in .txt, but not every word that looks like a domain; cut trailing punctuation.
  md.linkify.set({ fuzzyLink: true });
  const match = md.linkify.match.bind(md.linkify);
  md.linkify.match = (text: string) => refineLinks(match(text));
  // markdown-it already refuses javascript:, vbscript:, file: and data:; Bayan also refuses every other scheme.
  const validate = md.validateLink.bind(md);
  md.validateLink = (url: string) => validate(url) && (SAFE_LINK.test(url) || !ANY_SCHEME.test(url));
  md.core.ruler.push("bayan_tidy", tidy);
  md.core.ruler.push("bayan_dateline", markDateline);
  md.renderer.rules.text = (tokens, idx, _options, env) => isolateLatin(tokens[idx].content, (env as MarkdownEnv | undefined)?.dir ?? "ltr");
  // As in .txt: the page's dateline holds each number to the words beside it; its plain text keeps its spaces.
  md.renderer.rules.dateline_text = (tokens, idx, _options, env) =>
    isolateLatin(holdDateNumbers(tokens[idx].content), (env as MarkdownEnv | undefined)?.dir ?? "ltr");
  renderers.set(quotes, md);
  return md;
}

/** The page has one `<h1>`, the title: a body `# heading` becomes `<h2>`. Links keep only `href`. */
function tidy(state: StateCore): void {
  for (const token of state.tokens) {
    if (token.type.startsWith("heading_") && token.tag === "h1") token.tag = "h2";
    for (const child of token.children ?? []) {
      if (child.type === "link_open") child.attrs = (child.attrs ?? []).filter(([name]) => name === "href");
    }
  }
}

/** Wraps a dateline at the start of the first paragraph (only headings may come before it) in `<span class="dateline">`. */
function markDateline(state: StateCore): void {
  const env = state.env as MarkdownEnv;
  for (let i = 0; i < state.tokens.length; i++) {
    const token = state.tokens[i];
    if (token.type === "heading_open" || token.type === "heading_close" || token.type === "inline") continue;
    const inline = state.tokens[i + 1];
    const first = inline?.children?.[0];
    if (token.type !== "paragraph_open" || token.level !== 0 || first?.type !== "text") return;
    const match = parseDateline(first.content);
    if (!match) return;
    env.dateline = match;
    env.datelineLine = token.map?.[0];
    const open = new state.Token("dateline_open", "span", 1);
    open.attrSet("class", "dateline");
    const text = new state.Token("dateline_text", "", 0);
    text.content = first.content.slice(0, match.end);
    const rest = new state.Token("text", "", 0);
    rest.content = first.content.slice(match.end);
    inline.children!.splice(0, 1, open, text, new state.Token("dateline_close", "span", -1), rest);
    return;
  }
}

/** Plain text of inline tokens: text and code kept, markup dropped. */
function inlineText(children: Token[]): string {
  return children
    .map((child) =>
      child.type === "text" || child.type === "dateline_text" || child.type === "code_inline"
        ? child.content
        : child.type === "softbreak"
          ? " "
          : child.type === "hardbreak"
            ? "\n"
            : "",
    )
    .join("");
}

/**
 * The title written on the first line of a Markdown body: the text of an ATX heading (`# Title`),
 * or the line itself, as plain text.
 */
export function markdownTitle(line: string, lang: string): string {
  const heading = /^ {0,3}#{1,6}(?=[ \t]|$)/.exec(line);
  let text = line;
  if (heading) {
    text = line.slice(heading[0].length).trim();
    // A closing sequence of #s after a space is not part of the title (a loop: a regex would be quadratic).
    let end = text.length;
    while (end > 0 && text[end - 1] === "#") end--;
    if (end === 0 || text[end - 1] === " " || text[end - 1] === "\t") text = text.slice(0, end);
  }
  const tokens = renderer(lang).parseInline(text, { dir: "ltr" });
  return inlineText(tokens[0]?.children ?? []).trim();
}

/** Renders a Markdown body (the lines after the title, if the title came from the body). */
export function renderMarkdownBody(lines: string[], options: MarkdownOptions): RenderedBody {
  const cut = cutAtEndMark(lines, options, true);
  const env: MarkdownEnv = { dir: options.dir };
  const md = renderer(options.lang);
  const tokens = md.parse(cut.lines.join("\n"), env);
  const html = md.renderer.render(tokens, md.options, env).trim();
  const diagnostics = [...cut.diagnostics];
  if (env.dateline) {
    diagnostics.push(...datelineDiagnostics(env.dateline, options.file, options.firstLine + (env.datelineLine ?? 0)));
  }
  const blocks: string[] = [];
  let firstParagraph = "";
  let listDepth = 0;
  let inList = false;
  tokens.forEach((token, i) => {
    if (token.type.endsWith("_list_open")) listDepth++;
    if (token.type.endsWith("_list_close") && --listDepth === 0) inList = false;
    if (token.type !== "inline" && token.type !== "fence" && token.type !== "code_block") return;
    const text = token.type === "inline" ? inlineText(token.children ?? []) : token.content.replace(/\n$/, "");
    // Items of one list are one block, a line each.
    if (inList && listDepth > 0) blocks[blocks.length - 1] += `\n${text}`;
    else blocks.push(text);
    inList = listDepth > 0;
    const opener = tokens[i - 1];
    if (!firstParagraph && opener?.type === "paragraph_open" && opener.level === 0) {
      firstParagraph = env.dateline && isDatelineParagraph(token) ? withoutDateline(text, env.dateline) : text;
    }
  });
  return { html, text: blocks.join("\n\n"), firstParagraph, dateline: env.dateline?.dateline, diagnostics };
}

function isDatelineParagraph(inline: Token): boolean {
  return inline.children?.[0]?.type === "dateline_open";
}
