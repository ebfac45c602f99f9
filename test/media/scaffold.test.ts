/** `npm run new -- --photos a.jpg,b.jpg`: the new release lists the photos, and check asks for their alt. */
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { DateTime } from "luxon";
import { parse } from "yaml";
import { describe, expect, it } from "vitest";
import { checkProject } from "../../src/cli/check.ts";
import { formatDiagnostic } from "../../src/diagnostics.ts";
import { makeProject, REPO } from "../helpers/project.ts";
import { cameraPhoto } from "./fixtures.ts";
import { main as newRelease } from "../../src/cli/new.ts";
import { runMain } from "../helpers/cli.ts";

const NOW = DateTime.fromISO("2026-11-29T12:00:00+03:00", { setZone: true });
const FILE = "releases/2026/2026-11-24-tdshyn-almhta.txt";

describe("npm run new -- --photos", () => {
  it("fills photos: with each file and an empty alt, which check then asks for at the entry's line", async () => {
    const project = makeProject({});
    const result = await runMain(
      newRelease,
      ["تدشين المحطة", "--date", "2026-11-24", "--photos", "dawn.jpg, assets/press/panels.jpg", "--root", project.root],
      {
        cwd: REPO,
      },
    );
    expect(result.stderr).toBe("");
    expect(result.stdout).toContain("Put the photos next to it (in");
    const text = readFileSync(path.join(project.root, FILE), "utf8");
    const front = parse(text.split("---\n")[1]);
    expect(front.photos).toEqual([
      { file: "dawn.jpg", alt: "", caption: "", credit: "" },
      { file: "assets/press/panels.jpg", alt: "", caption: "", credit: "" },
    ]);
    const photoLines = text.split("\n").flatMap((line, i) => (line.startsWith("  - file:") ? [i + 1] : []));
    const errors = () =>
      checkProject({ root: project.root, now: NOW })
        .diagnostics.filter((d) => d.severity === "error" && d.message.includes("photo"))
        .map(formatDiagnostic);
    expect(errors()).toEqual(photoLines.map((line) => expect.stringMatching(new RegExp(`^${FILE}:${line}: error: the photo ".+" has no alt`))));

    // Described and put in place, the photos pass.
    writeFileSync(path.join(project.root, FILE), text.replace(/alt: ""/g, "alt: المحطة من البحر"));
    writeFileSync(path.join(project.root, "releases/2026/dawn.jpg"), await cameraPhoto({ width: 300, height: 200 }));
    mkdirSync(path.join(project.root, "assets/press"), { recursive: true });
    writeFileSync(path.join(project.root, "assets/press/panels.jpg"), await cameraPhoto({ width: 300, height: 200, hue: 200 }));
    expect(errors()).toEqual([]);
  });
});
