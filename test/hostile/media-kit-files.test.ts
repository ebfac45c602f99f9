/**
 * The photos and documents of a media kit sit next to their release: `check` must not call them
 * files no release uses, whether the release is published yet or not.
 */
import { DateTime } from "luxon";
import { expect, it } from "vitest";
import { checkProject } from "../../src/cli/check.ts";
import { formatDiagnostic } from "../../src/diagnostics.ts";
import { BUILD_NOW, makeProject } from "../helpers/project.ts";
import { cameraPhoto, pdf } from "../media/fixtures.ts";

it.each([
  ["published", ""],
  ["under embargo", "embargo: 2099-01-01T08:00:00+03:00\n"],
])("no stray-file warning for the media kit of a release %s", async (_, hold) => {
  const release = `---\n${hold}photos:\n  - file: plant.jpg\n    alt: المحطة\nfiles:\n  - file: sheet.pdf\n---\nصور المحطة\n\nنص.\n`;
  const project = makeProject({ "kit/2026-11-25-kit.txt": release, "kit/plant.jpg": await cameraPhoto(), "kit/sheet.pdf": pdf("Fact sheet") });

  const { diagnostics } = checkProject({ root: project.root, now: DateTime.fromISO(BUILD_NOW, { setZone: true }) });

  expect(diagnostics.filter((d) => /plant\.jpg|sheet\.pdf/.test(d.file)).map(formatDiagnostic)).toEqual([]);
});
