/**
 * Options and config checked by one schema with one set of messages (issue 19, item 10), and the
 * build clock read in the site's time zone (issue 18, item 5).
 */
import { describe, expect, it } from "vitest";
import { type ConfigError, validateSite } from "../../src/config.ts";
import { OptionError, parseClock, parsePathPrefix } from "../../src/options.ts";

const problems = (site: Record<string, unknown>) => {
  try {
    validateSite({ title: "بيان", url: "https://news.example.org", ...site }, "templates/site.json");
    return [];
  } catch (error) {
    return (error as ConfigError).problems;
  }
};

describe("site url", () => {
  it.each(["https://news.example.org", "https://news.example.org/", "http://localhost:8080"])("accepts %s", (url) => {
    expect(problems({ url })).toEqual([]);
  });

  it.each([
    ["https://example.org/newsroom", /url: must be the site's address alone.*pathPrefix/],
    ["https://example.org/newsroom/", /url: must be the site's address alone/],
    ["https://example.org?x=1", /url: must be the site's address alone/],
    ["https://user:secret@example.org", /url: must not hold a user name or password/],
    ["https://user@example.org", /url: must not hold a user name or password/],
  ])("refuses %s", (url, message) => {
    expect(problems({ url }).join("\n")).toMatch(message);
  });
});

describe("pathPrefix and --pathprefix", () => {
  it.each(["/", "/newsroom/", "/a/b/"])("accept %s", (prefix) => {
    expect(problems({ pathPrefix: prefix })).toEqual([]);
    expect(parsePathPrefix(prefix)).toBe(prefix);
  });

  it.each(["/../", "/./", "/a/../", "newsroom", "/news room/", "/newsroom"])("refuse %s with the same message", (prefix) => {
    const [configProblem] = problems({ pathPrefix: prefix });
    expect(configProblem).toMatch(/^pathPrefix: must /);
    expect(() => parsePathPrefix(prefix)).toThrow(OptionError);
    expect(() => parsePathPrefix(prefix)).toThrow(`--pathprefix: "${prefix}" ${configProblem.slice("pathPrefix: ".length)}`);
  });
});

describe("parseClock", () => {
  it("reads a time without an offset in the site's zone, one with an offset as written", () => {
    expect(parseClock("2026-12-01T07:59:59", "Asia/Riyadh").toISO()).toBe("2026-12-01T07:59:59.000+03:00");
    expect(parseClock("2026-12-01", "Asia/Riyadh").toISO()).toBe("2026-12-01T00:00:00.000+03:00");
    expect(parseClock("2026-12-01T07:59:59Z", "Asia/Riyadh").toMillis()).toBe(Date.UTC(2026, 11, 1, 7, 59, 59));
  });

  it.each(["tomorrow", "", "2026-13-01", "1/12/2026"])("refuses %j naming --now", (value) => {
    expect(() => parseClock(value, "Asia/Riyadh")).toThrow(/^--now: ".*" is not a date and time$/);
  });
});
