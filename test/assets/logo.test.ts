import path from "node:path";
import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { REPO } from "../helpers/project.ts";

/** The colour of one pixel of the sample logo drawn by sharp at 64×64, as share cards draw it. */
async function pixel(x: number, y: number): Promise<string> {
  const { data, info } = await sharp(path.join(REPO, "assets/logo.svg"), { density: 96 }).resize(64, 64).raw().toBuffer({ resolveWithObject: true });
  const at = (y * info.width + x) * info.channels;
  return [...data.subarray(at, at + 3)].map((v) => v.toString(16).padStart(2, "0")).join("");
}

describe("the sample logo", () => {
  it("is drawn by sharp as a sheet of paper on the accent tile, not as bars", async () => {
    expect(await pixel(5, 32)).toBe("0b6e4f");
    // The bottom margin of the sheet, under its last line of text: white paper.
    expect(await pixel(32, 53)).toBe("ffffff");
    // The folded corner, at the top left: a page laid out right to left.
    expect(await pixel(24, 17)).toBe("9fd9bf");
  });
});
