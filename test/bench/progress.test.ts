import { describe, expect, it } from "vitest";
import { createProgress, type ProgressStream } from "../../src/build/progress.ts";

/** A stream that records what is written to it. */
function stream(isTTY: boolean): ProgressStream & { text: string } {
  const recorder = { isTTY, columns: 40, text: "", write: (chunk: string) => (recorder.text += chunk) };
  return recorder;
}

describe("the build progress line", () => {
  it("rewrites one line on a terminal and ends with the summary on its own line", () => {
    const out = stream(true);
    const progress = createProgress(out, { intervalMs: 0 });
    progress.step("Reading releases", 500, 10_000);
    progress.step("Reading releases", 10_000, 10_000);
    progress.done("Built dist/ in 41.2 s.");
    expect(out.text).toBe("\rReading releases 500/10,000 (5%)\x1b[K\rReading releases 10,000/10,000 (100%)\x1b[K\r\x1b[KBuilt dist/ in 41.2 s.\n");
  });

  it("draws at most once per interval, but always the last step of a stage", () => {
    const out = stream(true);
    const progress = createProgress(out, { intervalMs: 60_000 });
    for (let done = 1; done <= 1000; done++) progress.step("Writing pages", done, 1000);
    expect(out.text.split("\r").filter(Boolean)).toEqual(["Writing pages 1/1,000 (0%)\x1b[K", "Writing pages 1,000/1,000 (100%)\x1b[K"]);
  });

  it("cuts the line to the terminal's width", () => {
    const out = stream(true);
    createProgress(out, { intervalMs: 0 }).step("A very long label that does not fit in forty columns", 1, 2);
    expect(out.text.replace("\r", "").replace("\x1b[K", "").length).toBe(39);
  });

  it("prints only the summary when the output is not a terminal (CI logs)", () => {
    const out = stream(false);
    const progress = createProgress(out, { intervalMs: 0 });
    progress.step("Reading releases", 500, 10_000);
    progress.clear();
    progress.done("Built dist/ in 41.2 s.");
    expect(out.text).toBe("Built dist/ in 41.2 s.\n");
  });
});
