/** media-kit.zip is the same, byte for byte, for the same inputs: on two builds, in two time zones. */
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { BUILD_NOW, makeProject } from "../helpers/project.ts";
import { addAssetPhoto, kitRelease } from "./fixtures.ts";
import { main as build } from "../../src/cli/build.ts";
import { inTimeZone, runMain } from "../helpers/cli.ts";

const ZIP = "dist/releases/2026/11/plant-kit/media/media-kit.zip";

/** Builds a fresh project with the kit release by `npm run build` (its `main`) with the machine's clock zone set to `tz`. */
async function zipBuiltIn(tz: string): Promise<Buffer> {
  const project = makeProject(await kitRelease());
  await addAssetPhoto(project.root);
  const result = await inTimeZone(tz, () => runMain(build, [`--now=${BUILD_NOW}`], { cwd: project.root }));
  expect(result.status, result.stderr).toBe(0);
  return readFileSync(path.join(project.root, ZIP));
}

/** Year, month, day, hour and minute of each local file header's DOS time. */
function zipTimes(zip: Buffer): string[] {
  const times: string[] = [];
  for (let at = 0; zip.readUInt32LE(at) === 0x04034b50; ) {
    const [time, date] = [zip.readUInt16LE(at + 10), zip.readUInt16LE(at + 12)];
    times.push(`${(date >> 9) + 1980}-${(date >> 5) & 15}-${date & 31} ${time >> 11}:${(time >> 5) & 63}`);
    at += 30 + zip.readUInt16LE(at + 26) + zip.readUInt16LE(at + 28) + zip.readUInt32LE(at + 18);
  }
  return times;
}

describe("media-kit.zip", () => {
  it("has the same bytes when built twice from scratch, in time zones 26 hours apart", async () => {
    const east = await zipBuiltIn("Pacific/Kiritimati"); // UTC+14
    const west = await zipBuiltIn("Pacific/Pago_Pago"); // UTC−11
    expect(east.equals(west)).toBe(true);
    // Every entry is dated at the release's own date and time in the site's zone (2026-11-20, midnight in Riyadh).
    expect(zipTimes(east)).toEqual(Array(4).fill("2026-11-20 0:0"));
  }, 180_000);
});
