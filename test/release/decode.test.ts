import { describe, expect, it } from "vitest";
import { decodeRelease } from "../../src/release/decode.ts";

const file = "releases/x.txt";
const utf8 = (text: string) => new TextEncoder().encode(text);
const bytes = (...parts: (number[] | string)[]) => new Uint8Array(parts.flatMap((part) => (typeof part === "string" ? [...utf8(part)] : part)));

describe("decodeRelease", () => {
  it("drops a UTF-8 BOM", () => {
    expect(decodeRelease(bytes([0xef, 0xbb, 0xbf], "عنوان"), { file })).toEqual({ text: "عنوان", diagnostics: [], readable: true });
  });

  it.each([
    ["FF FE", [0xff, 0xfe, 0x41, 0x00]],
    ["FE FF", [0xfe, 0xff, 0x00, 0x41]],
  ])("refuses UTF-16 (%s BOM) and says to save as UTF-8", (_, data) => {
    const result = decodeRelease(new Uint8Array(data), { file });
    expect(result.readable).toBe(false);
    expect(result.diagnostics).toEqual([
      expect.objectContaining({ file, severity: "error", message: expect.stringMatching(/UTF-16/), hint: expect.stringMatching(/UTF-8/) }),
    ]);
  });

  it.each([
    ["a lone continuation byte", bytes("one\ntwo\n", [0x80]), 3],
    ["a truncated sequence", bytes("one\n", [0xd8]), 2],
    ["an overlong form", bytes([0xc0, 0xaf]), 1],
    ["a UTF-16 surrogate", bytes("a\r\nb\r\n", [0xed, 0xa0, 0x80]), 3],
    ["CR line ends", bytes("a\rb\rc", [0xff]), 3],
    ["a BOM then a bad byte on line 2", bytes([0xef, 0xbb, 0xbf], "x\n", [0xe1]), 2],
  ])("names the line of the first bad byte: %s", (_, data, line) => {
    const result = decodeRelease(data, { file });
    expect(result.readable).toBe(false);
    expect(result.diagnostics).toEqual([expect.objectContaining({ file, line, severity: "error" })]);
    expect(result.diagnostics[0].hint).toContain('"legacyEncoding": "windows-1256"');
  });

  it("decodes with legacyEncoding when the bytes are not UTF-8, with a warning", () => {
    const result = decodeRelease(new Uint8Array([0xc8, 0xe1, 0xc7, 0xe4]), { file, legacyEncoding: "windows-1256" });
    expect(result.text).toBe("بلان");
    expect(result.diagnostics).toEqual([expect.objectContaining({ severity: "warning", message: expect.stringMatching(/windows-1256/) })]);
  });

  it("ignores legacyEncoding for valid UTF-8", () => {
    expect(decodeRelease(utf8("بيان"), { file, legacyEncoding: "windows-1256" })).toEqual({ text: "بيان", diagnostics: [], readable: true });
  });

  it("reports a legacyEncoding Node cannot read", () => {
    const result = decodeRelease(new Uint8Array([0xff]), { file, legacyEncoding: "klingon" });
    expect(result.readable).toBe(false);
    expect(result.diagnostics[0]).toMatchObject({ severity: "error", message: expect.stringMatching(/klingon/) });
  });

  it.each([
    ["CRLF", "a\r\nb\r\n", "a\nb\n"],
    ["CR", "a\rb", "a\nb"],
    ["NFD → NFC", "e\u0301 \u0627\u0653", "é \u0622"],
    ["a BOM in a string", "\uFEFFbody", "body"],
    // Found by the parser's property test: the bytes lost both marks, the string one.
    ["two BOMs: the second is text", "\uFEFF\uFEFF---", "\uFEFF---"],
  ])("cleans text: %s", (_, input, expected) => {
    expect(decodeRelease(input, { file }).text).toBe(expected);
    expect(decodeRelease(utf8(input), { file }).text).toBe(expected);
  });

  it.each([
    ["NUL", "\u0000"],
    ["vertical tab (a Word line break)", "\u000B"],
    ["form feed", "\u000C"],
    ["escape", "\u001B"],
    ["U+FFFE", "\uFFFE"],
    ["U+FFFF", "\uFFFF"],
    ["a lone surrogate", "\uD800"],
  ])("removes a character XML forbids with an error on its line: %s", (_, ch) => {
    const result = decodeRelease(`title\nok\tline\nbad${ch}line`, { file });
    expect(result.text).toBe("title\nok\tline\nbadline");
    expect(result.diagnostics).toEqual([expect.objectContaining({ file, line: 3, severity: "error", message: expect.stringMatching(/U\+/) })]);
  });

  it("keeps reports of control characters short", () => {
    const result = decodeRelease("x\u0001\n".repeat(50), { file });
    expect(result.diagnostics).toHaveLength(10);
    expect(result.diagnostics[9].message).toMatch(/40 more lines/);
  });
});
