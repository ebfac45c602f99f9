import { describe, expect, it } from "vitest";
import { formatDiagnostic } from "../../src/diagnostics.ts";
import { makeProject } from "../helpers/project.ts";

describe("a release whose image is missing", () => {
  it("fails the build before Eleventy runs, with an error at the line of the image: key", async () => {
    const project = makeProject({
      "2026/budget.txt": "---\nimage: photos/budget.jpg\nimageAlt: الميزانية\n---\nإعلان الميزانية\n\nأعلنت الوزارة الميزانية.\n",
    });
    const built = await project.build();
    expect(built.ok).toBe(false);
    expect(built.diagnostics.map(formatDiagnostic).join("\n")).toMatch(
      /releases\/2026\/budget\.txt:2: error: image "photos\/budget\.jpg" was not found \(looked for releases\/2026\/photos\/budget\.jpg\)/,
    );
  });
});
