import fc from "fast-check";
import { LinkifyIt } from "linkify-it";
import { describe, expect, it } from "vitest";
import { findLinks, isolateLatin, refineLinks, renderInline } from "../../src/release/inline.ts";
import { escapeHtml } from "../../src/util/html.ts";

describe("escapeHtml", () => {
  it("escapes the five characters", () => {
    expect(escapeHtml(`<a href="x" title='y'>&</a>`)).toBe("&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;");
  });
});

describe("links", () => {
  it.each([
    ["https://example.org/a.pdf", "https://example.org/a.pdf", "https://example.org/a.pdf"],
    ["http://example.org", "http://example.org", "http://example.org"],
    ["www.example.org", "www.example.org", "http://www.example.org"],
    ["media@example.org", "media@example.org", "mailto:media@example.org"],
    ["mailto:media@example.org", "mailto:media@example.org", "mailto:media@example.org"],
  ])("links %s", (text, linkText, href) => {
    expect(findLinks(`راجع ${text} للمزيد`)).toEqual([expect.objectContaining({ text: linkText, url: href })]);
  });

  it.each([".", "،", "؛", "؟", "!", ",", ":", "…", "»", "”", ")"])("leaves the trailing %s out of the URL", (mark) => {
    const [link] = findLinks(`الرابط https://example.org/r/x.pdf${mark} ثم`);
    expect(link.url).toBe("https://example.org/r/x.pdf");
  });

  it("keeps balanced brackets inside a URL", () => {
    expect(findLinks("(https://en.wikipedia.org/wiki/Riyadh_(city))")[0].url).toBe("https://en.wikipedia.org/wiki/Riyadh_(city)");
  });

  it.each(["javascript:alert(1)", "ftp://example.org/file", "//example.org/x", "data:text/html,x", "example.org", "Node.js", "KAUST.edu.sa"])(
    "does not link %s",
    (text) => {
      expect(findLinks(`نص ${text} نص`)).toEqual([]);
    },
  );

  it("escapes the href and the link text", () => {
    expect(renderInline("https://example.org/?q=a'b&c=1 <x>", "ltr")).toBe(
      `<a href="https://example.org/?q=a&#39;b&amp;c=1">https://example.org/?q=a&#39;b&amp;c=1</a> &lt;x&gt;`,
    );
  });
});

describe("isolating Latin runs in right-to-left text", () => {
  it.each([
    ["شركة ACWA Power بالتعاون", "شركة <bdi>ACWA Power</bdi> بالتعاون"],
    ["جامعة KAUST.", "جامعة <bdi>KAUST</bdi>."],
    ["التناضح العكسي (RO) المستخدمة", "التناضح العكسي (<bdi>RO</bdi>) المستخدمة"],
    ["في Q3 2027 القادم", "في <bdi>Q3 2027</bdi> القادم"],
    ["شركة R&D الجديدة", "شركة <bdi>R&amp;D</bdi> الجديدة"],
    ["منصة Café", "منصة <bdi>Café</bdi>"],
    ["بلغت 400,000 م³ و35% و1.2 مليون", "بلغت 400,000 م³ و35% و1.2 مليون"],
    ["نص عربي فقط", "نص عربي فقط"],
  ])("%s", (text, html) => {
    expect(isolateLatin(text, "rtl")).toBe(html);
  });

  it("leaves left-to-right text alone", () => {
    expect(isolateLatin("ACWA Power <b>", "ltr")).toBe("ACWA Power &lt;b&gt;");
  });

  it("isolates links and e-mail addresses, never inside the href", () => {
    expect(renderInline("على media@example.org.", "rtl")).toBe('على <bdi><a href="mailto:media@example.org">media@example.org</a></bdi>.');
  });

  it("never turns input into markup", () => {
    expect(renderInline('<script>alert(1)</script><img src=x onerror="y">', "rtl")).not.toMatch(/<(?!\/?bdi>)/);
  });
});

describe("links: the quick check before linkify-it", () => {
  // The unfiltered path: linkify-it as Bayan sets it up, every piece of text scanned.
  const linkify = new LinkifyIt({ fuzzyLink: true, fuzzyEmail: true, fuzzyIP: false }).add("ftp:", null).add("//", null);
  const pieces = [
    "وزارة",
    " ",
    ".",
    "،",
    "www",
    "WWW",
    ".com",
    ".sa",
    "example",
    "http",
    "https",
    "HTTPS",
    "://",
    "mailto:",
    "@",
    "info",
    "news.gov.sa",
    "رؤية.السعودية",
    "ftp://x.org",
    "(",
    ")",
    "٢٠٢٦",
    "2026",
    "Q3",
  ];
  const text = fc.array(fc.constantFrom(...pieces), { maxLength: 30 }).map((parts) => parts.join(""));

  it("finds exactly what scanning every piece finds", () => {
    fc.assert(
      fc.property(text, (sample) => {
        expect(findLinks(sample).map(({ index, lastIndex, url }) => ({ index, lastIndex, url }))).toEqual(
          refineLinks(linkify.match(sample)).map(({ index, lastIndex, url }) => ({ index, lastIndex, url })),
        );
      }),
      { numRuns: 3000 },
    );
  });

  it("still finds links in any letter case, and bare domains stay text", () => {
    expect(findLinks("زوروا WWW.Example.COM أو HTTPS://news.example.org/a أو اكتبوا إلى Press@Example.org").map((link) => link.url)).toEqual([
      "http://WWW.Example.COM",
      "HTTPS://news.example.org/a",
      "mailto:Press@Example.org",
    ]);
    expect(findLinks("الموقع example.com وnews.gov.sa.")).toEqual([]);
  });
});
