import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { ParsedRelease } from "../../src/release/model.ts";
import { parseRelease, type ParseOptions } from "../../src/release/parse.ts";
import { RELEASE_PIECES } from "../helpers/release-pieces.ts";
import { fragment } from "./html.ts";

const TXT_ELEMENTS = new Set(["p", "h2", "ul", "ol", "li", "a", "bdi", "span"]);
const MD_ELEMENTS = new Set([...TXT_ELEMENTS, "strong", "em", "blockquote", "code", "pre", "hr", "h3", "h4", "h5", "h6", "br"]);
const ATTRIBUTES = new Set(["href", "class", "start", "dir"]);
const XML_FORBIDDEN = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF\uD800-\uDFFF]/u;

const piece = fc.oneof(fc.constantFrom(...RELEASE_PIECES), fc.string({ unit: "binary", maxLength: 8 }));
const line = fc.array(piece, { maxLength: 5 }).map((parts) => parts.join(""));
const releaseText = fc.array(line, { maxLength: 24 }).map((lines) => lines.join("\n"));
const options = fc.record<ParseOptions>({
  file: fc.constant("releases/random.txt"),
  format: fc.constantFrom("txt", "md"),
  defaultLang: fc.constantFrom("ar", "en"),
  legacyEncoding: fc.constantFrom(undefined, "windows-1256"),
});

/** Every property a parsed release must have, whatever the input. */
function checkRelease(release: ParsedRelease, format: "txt" | "md"): void {
  const allowed = format === "md" ? MD_ELEMENTS : TXT_ELEMENTS;
  for (const element of fragment(release.bodyHtml).querySelectorAll("*")) {
    const tag = element.tagName.toLowerCase();
    expect(allowed, `<${tag}> in ${release.bodyHtml}`).toContain(tag);
    for (const { name, value } of element.attributes) {
      expect(ATTRIBUTES, `${name} on <${tag}>`).toContain(name);
      if (name === "href") expect(value).toMatch(format === "md" ? /^(?:https?:|mailto:|(?![a-z][a-z0-9+.-]*:))/i : /^(?:https?:\/\/|mailto:)/);
      if (name === "class") expect(value).toMatch(tag === "span" ? /^dateline$/ : /^language-/);
    }
    if (tag === "span") expect(element.getAttribute("class")).toBe("dateline");
  }
  for (const text of [release.title, release.bodyHtml, release.bodyText, release.generatedSummary]) {
    expect(text).not.toMatch(XML_FORBIDDEN);
  }
  expect(release.title).not.toMatch(/[\u202A-\u202E\u2066-\u2069\u200E\u200F\u200B\uFEFF]/);
  for (const diagnostic of release.diagnostics) {
    expect(diagnostic.file).toBe("releases/random.txt");
    expect(diagnostic.message).not.toMatch(/could not read this file/);
    expect(diagnostic.message.length).toBeGreaterThan(0);
    expect(diagnostic.hint?.length).toBeGreaterThan(0);
    if (diagnostic.line !== undefined) expect(Number.isInteger(diagnostic.line) && diagnostic.line >= 1).toBe(true);
  }
  if (!release.diagnostics.some((d) => d.severity === "error")) expect(release.title).not.toBe("");
}

describe("parseRelease on any input", () => {
  it("never throws and emits only Bayan's markup, for any text", () => {
    fc.assert(
      fc.property(releaseText, options, (text, opts) => {
        checkRelease(parseRelease(text, opts), opts.format);
      }),
      { numRuns: 400 },
    );
  });

  it("never throws and emits only Bayan's markup, for any bytes", () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 400 }), options, (bytes, opts) => {
        checkRelease(parseRelease(bytes, opts), opts.format);
      }),
      { numRuns: 400 },
    );
  });

  it("gives the same release for a text and for its UTF-8 bytes", () => {
    fc.assert(
      fc.property(releaseText, options, (text, opts) => {
        const wellFormed = text.replace(/[\uD800-\uDFFF]/gu, "");
        expect(parseRelease(new TextEncoder().encode(wellFormed), opts)).toEqual(parseRelease(wellFormed, opts));
      }),
      { numRuns: 200 },
    );
  });

  it("keeps every word of a plain paragraph, escaped", () => {
    fc.assert(
      fc.property(fc.string({ unit: "grapheme", minLength: 1, maxLength: 80 }), (line) => {
        const text = line.replace(/[\r\n]/g, " ").trim();
        fc.pre(/\p{L}/u.test(text) && !/[\u202A-\u202E\u2066-\u2069\u0000-\u001F\uFFFE\uFFFF]/u.test(text));
        const release = parseRelease(`العنوان\n\n${text}`, { file: "releases/random.txt", format: "txt", defaultLang: "ar" });
        fc.pre(release.dateline === undefined && !/^[-•*–]|^\d/u.test(text));
        expect(fragment(release.bodyHtml).textContent?.replace(/\s+/g, " ").trim()).toBe(text.normalize("NFC").replace(/\s+/g, " "));
      }),
      { numRuns: 300 },
    );
  });
});
