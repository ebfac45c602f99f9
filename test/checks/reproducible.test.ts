/**
 * Reproducible output (issue 5, item 4): the same releases and the same build clock give
 * byte-identical output whatever the machine's time zone and locale. Each build is a separate
 * `npm run build` process, as on a CI runner or a colleague's laptop.
 */
import { rmSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { GOOD_SAMPLES, makeProject, samples } from "../helpers/project.ts";
import { HOSTILE_RELEASES } from "./hostile-releases.ts";
import { differences, snapshot } from "./output.ts";
import { runTs } from "../helpers/cli.ts";

const NOW = "2026-11-29T12:00:00+03:00";
/** Time zones from UTC-5 to UTC+14, and locales with other digits, separators and calendars. */
const MACHINES = [
  { TZ: "UTC", LANG: "C", LC_ALL: "C" },
  { TZ: "Asia/Riyadh", LANG: "ar_SA.UTF-8", LC_ALL: "ar_SA.UTF-8" },
  { TZ: "America/New_York", LANG: "en_US.UTF-8", LC_ALL: "en_US.UTF-8" },
  { TZ: "Pacific/Kiritimati", LANG: "de_DE.UTF-8", LC_ALL: "fa_IR.UTF-8" },
];

describe("reproducible builds", () => {
  it("writes the same bytes in every time zone and locale", { timeout: 600_000 }, () => {
    // Only releases with an explicit date: a date taken from the file's time may differ by design.
    const dated = GOOD_SAMPLES.filter((name) => name !== "seed-release.txt");
    const project = makeProject({ ...samples(dated), ...HOSTILE_RELEASES });
    const outputs = MACHINES.map((machine) => {
      const output = `out-${machine.TZ.replace(/\W/g, "-")}`;
      // Each build draws its images afresh: a cached image would hide a difference.
      rmSync(path.join(project.root, ".cache"), { recursive: true, force: true });
      const result = runTs("src/cli/build.ts", [`--now=${NOW}`, `--output=${output}`], {
        cwd: project.root,
        encoding: "utf8",
        env: { ...process.env, ...machine },
      });
      expect(result.status, `${machine.TZ}: ${result.stderr}`).toBe(0);
      return { machine, files: snapshot(path.join(project.root, output)) };
    });
    const [first, ...others] = outputs;
    expect(first.files.size).toBeGreaterThan(30);
    for (const other of others) {
      expect(differences(first.files, other.files), `${first.machine.TZ} vs ${other.machine.TZ}`).toEqual([]);
    }
  });
});
