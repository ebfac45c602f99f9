/**
 * A time zone offset no place uses (`+30:00` for `+03:00`) moves an embargo or the build clock by
 * a day or more: it is refused, in front matter and on the command line alike.
 */
import { describe, expect, it } from "vitest";
import { impossibleOffset } from "../../src/dates/dates.ts";
import { OptionError, parseClock } from "../../src/options.ts";

describe("impossibleOffset", () => {
  it.each(["+30:00", "+99:00", "-13:00", "+14:30", "+03:07", "+0307"])("refuses %s", (offset) => {
    expect(impossibleOffset(`2026-11-29T12:00:00${offset}`)).toBeDefined();
  });
  it.each(["+03:00", "+0300", "+03", "+05:45", "+14:00", "-12:00", "-09:30", "Z", ""])("accepts %s", (offset) => {
    expect(impossibleOffset(`2026-11-29T12:00:00${offset}`)).toBeUndefined();
  });
  it("reads no offset into a date without a time", () => {
    expect(impossibleOffset("2026-11-24")).toBeUndefined();
    expect(impossibleOffset("2026-11-24 09:30")).toBeUndefined();
  });
});

it("--now with an impossible offset is an option error naming the offset", () => {
  expect(() => parseClock("2026-11-29T12:00:00+30:00", "Asia/Riyadh")).toThrow(OptionError);
  expect(() => parseClock("2026-11-29T12:00:00+30:00", "Asia/Riyadh")).toThrow(/\+30:00, which no place uses/);
  expect(parseClock("2026-11-29T12:00:00+05:45", "Asia/Riyadh").offset).toBe(345);
});
