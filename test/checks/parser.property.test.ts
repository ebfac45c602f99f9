/**
 * Properties of the release parser on any input (issue 5, item 7): it never throws, never hits its
 * own safety net, and never emits an element or attribute that came from the input.
 */
import fc from "fast-check";
import { parseHTML } from "linkedom";
import { describe, expect, it } from "vitest";
import { parseRelease, type ParseOptions } from "../../src/release/parse.ts";
import { RELEASE_PIECES } from "../helpers/release-pieces.ts";

const SEPARATORS = ["", " ", "\n", "\n\n"];

/** Any text: random Unicode, or hostile pieces joined by spaces and line breaks. */
const releaseText = fc.oneof(
  fc.string({ unit: "binary", maxLength: 200 }),
  fc
    .array(fc.tuple(fc.oneof(fc.constantFrom(...RELEASE_PIECES), fc.string({ maxLength: 12 })), fc.constantFrom(...SEPARATORS)), { maxLength: 40 })
    .map((parts) => parts.map(([text, separator]) => text + separator).join("")),
);
const withFrontMatter = fc
  .tuple(fc.array(fc.constantFrom(...RELEASE_PIECES, "date: 2026-01-01", "tags: [a, b]", "slug: ../x", "lang: en"), { maxLength: 6 }), releaseText)
  .map(([lines, body]) => `---\n${lines.join("\n")}\n---\n${body}`);
const anyInput = fc.oneof(releaseText, withFrontMatter);

/** The only markup the parser writes: element → attributes allowed on it (with a test for the value). */
const ALLOWED: Record<string, Record<string, (value: string) => boolean>> = {
  p: {},
  h2: {},
  h3: {},
  h4: {},
  h5: {},
  h6: {},
  ul: {},
  li: {},
  bdi: {},
  strong: {},
  em: {},
  blockquote: {},
  pre: {},
  hr: {},
  br: {},
  ol: { start: (value) => /^\d+$/.test(value) },
  span: { class: (value) => value === "dateline" },
  code: { class: (value) => /^language-/.test(value) },
  // Relative links are fine in Markdown; a scheme, once tabs and line breaks are dropped as a browser does, must be a safe one.
  a: { href: (value) => /^(?:https?:|mailto:)/i.test(value) || !/^[\u0000-\u0020]*[a-z][a-z0-9+.-]*:/i.test(value.replace(/[\t\n\r]/g, "")) },
};

function markupProblems(html: string): string[] {
  const { document } = parseHTML(`<!doctype html><html><body>${html}</body></html>`);
  const problems: string[] = [];
  for (const element of document.body.querySelectorAll("*")) {
    const tag = element.tagName.toLowerCase();
    const allowed = ALLOWED[tag];
    if (!allowed) problems.push(`<${tag}>`);
    for (const { name, value } of element.attributes) if (!allowed?.[name]?.(value)) problems.push(`<${tag} ${name}="${value}">`);
  }
  return problems;
}

const options = (format: "txt" | "md"): ParseOptions => ({ file: `releases/x.${format}`, format, defaultLang: "ar" });

describe.each(["txt", "md"] as const)("parseRelease (.%s) on any input", (format) => {
  it("never throws and never falls into its safety net", () => {
    fc.assert(
      fc.property(fc.oneof(anyInput, fc.uint8Array({ maxLength: 300 })), (input) => {
        const release = parseRelease(input, options(format));
        expect(release.diagnostics.filter((d) => /could not read this file/.test(d.message))).toEqual([]);
      }),
      { numRuns: 300 },
    );
  });

  it("writes only its own markup: no element or attribute from the input", () => {
    fc.assert(
      fc.property(anyInput, (input) => {
        const { bodyHtml } = parseRelease(input, options(format));
        expect(markupProblems(bodyHtml)).toEqual([]);
      }),
      { numRuns: 300 },
    );
  });

  it("gives a one-line title without invisible controls, and well-formed diagnostics", () => {
    fc.assert(
      fc.property(anyInput, (input) => {
        const release = parseRelease(input, options(format));
        expect(release.title).not.toMatch(/[\n\r\u202A-\u202E\u2066-\u2069\u200B\uFEFF]/);
        expect(release.title).toBe(release.title.trim());
        for (const d of release.diagnostics) {
          expect(d.file).toBe(options(format).file);
          expect(["error", "warning"]).toContain(d.severity);
          if (d.line !== undefined) expect(d.line).toBeGreaterThanOrEqual(1);
          expect(d.message.length * (d.hint?.length ?? 0)).toBeGreaterThan(0);
        }
        // A release that would be published has a title: never a page without one.
        if (!release.diagnostics.some((d) => d.severity === "error")) expect(release.title).not.toBe("");
      }),
      { numRuns: 300 },
    );
  });

  it("keeps every character a reader wrote (no XML-forbidden ones) in its output, escaped", () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom("<", ">", "&", '"', "'", "]]>", "<b>", "x", "ب", " "), { minLength: 1, maxLength: 30 }), (pieces) => {
        const word = pieces.join("").trim() || "x";
        const release = parseRelease(`عنوان البيان\n\nنص ${word} هنا.\n`, options(format));
        const { document } = parseHTML(`<!doctype html><html><body>${release.bodyHtml}</body></html>`);
        // Markdown may turn quotes into typographic ones; every other character comes back as written.
        const text = document.body.textContent!.replace(/[«»‹›“”‘’]/g, (q) => ("«»“”".includes(q) ? '"' : "'"));
        expect(text.replace(/\s+/g, " ")).toContain(word.replace(/\s+/g, " "));
      }),
      { numRuns: 200 },
    );
  });
});
