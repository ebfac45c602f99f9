import { describe, expect, it } from "vitest";
import { describeFixes, fixRelease } from "../../src/release/fix.ts";

const text = (bytes: Uint8Array) => Buffer.from(bytes).toString("utf8");

describe("fixRelease", () => {
  it("removes a wire archive's U+001A and names its line", () => {
    const fixed = fixRelease(Buffer.from("عنوان\n\nنص\u001A البيان.\n\u001Aسطر\n"));
    expect(text(fixed!.bytes)).toBe("عنوان\n\nنص البيان.\nسطر\n");
    expect(fixed!.fixes).toEqual([{ what: "U+001A", lines: [3, 4] }]);
  });

  it("keeps the byte order mark and CRLF line ends, and counts lines as the build does", () => {
    const fixed = fixRelease(Buffer.from("\uFEFFعنوان\r\n\r\nنص \u202Eمقلوب\u202C.\r\n"));
    expect(text(fixed!.bytes)).toBe("\uFEFFعنوان\r\n\r\nنص مقلوب.\r\n");
    expect(fixed!.fixes).toEqual([
      { what: "U+202E", lines: [3] },
      { what: "U+202C", lines: [3] },
    ]);
  });

  it("turns Word's manual line break into a line break of the file's own kind, so words stay apart", () => {
    expect(text(fixRelease(Buffer.from("a\r\nسطر\u000Bثان\r\n"))!.bytes)).toBe("a\r\nسطر\r\nثان\r\n");
    expect(text(fixRelease(Buffer.from("a\rسطر\u000Cثان\r"))!.bytes)).toBe("a\rسطر\rثان\r");
    expect(fixRelease(Buffer.from("سطر\u000Bثان"))!.fixes).toEqual([{ what: "U+000B → line break", lines: [1] }]);
  });

  it("removes a byte order mark inside the text and isolates, but not tab, marks or joiners", () => {
    const fixed = fixRelease(Buffer.from("\uFEFF\uFEFF---\ntitle: \u2067x\u2069\n---\nنص\tمع\u200Cعلامة\u200F.\n"));
    expect(text(fixed!.bytes)).toBe("\uFEFF---\ntitle: x\n---\nنص\tمع\u200Cعلامة\u200F.\n");
    expect(describeFixes(fixed!.fixes)).toBe("U+FEFF on line 1; U+2067 on line 2; U+2069 on line 2");
  });

  it.each([
    ["nothing to fix", Buffer.from("عنوان\n\nنص.\n")],
    ["bytes that are not UTF-8 (left for check to report)", Buffer.from([0xc8, 0xe1, 0x1a, 0x0a])],
  ])("returns undefined for %s", (_, bytes) => {
    expect(fixRelease(bytes)).toBeUndefined();
  });
});
