/**
 * A hidden release's own file is one of the files only it uses: copied into the output under any
 * name (through a link in `assets/` to `releases/`, or a copy an editor made), it fails the audit,
 * even when its title is too short to be searched for as text.
 */
import { copyFileSync, existsSync, mkdirSync, symlinkSync } from "node:fs";
import path from "node:path";
import { expect, it } from "vitest";
import { formatDiagnostic, ReleaseErrors } from "../../src/diagnostics.ts";
import { makeProject } from "../helpers/project.ts";

const OPEN = (href: string) => `---\ndate: 2026-11-20\n---\n# Open\n\nSee [the plan](${href}).\n`;
const PLAN = "---\ndate: 2026-11-21\ndraft: true\n---\nخطة سرية\n\nأرقام الخطة السرية 4417.\n";

it.each([
  ["a link in assets/ to releases/", "/assets/rel/2026-11-21-plan.txt", (root: string) => symlinkSync("../releases", path.join(root, "assets/rel"))],
  [
    "a copy in assets/ under another name",
    "/assets/docs/plan-notes.txt",
    (root: string) => {
      mkdirSync(path.join(root, "assets/docs"));
      copyFileSync(path.join(root, "releases/2026-11-21-plan.txt"), path.join(root, "assets/docs/plan-notes.txt"));
    },
  ],
])("a draft's own file reached through %s fails the build", async (_, href, place) => {
  const project = makeProject({ "2026-11-20-open.md": OPEN(href), "2026-11-21-plan.txt": PLAN });
  place(project.root);

  const failure = await project.build().catch((error: ReleaseErrors) => error);

  expect(failure).toBeInstanceOf(ReleaseErrors);
  expect(existsSync(path.join(project.root, "dist"))).toBe(false);
  expect((failure as ReleaseErrors).diagnostics.map(formatDiagnostic).join("\n")).toMatch(
    new RegExp(`releases/2026-11-21-plan\\.txt: error: is a draft, but a file only it uses is in the built site: ${href.replace(/\./g, "\\.")}`),
  );
});
