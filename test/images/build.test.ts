import { describe, expect, it } from "vitest";
import { makeProject } from "../helpers/project.ts";

describe("a release whose image is missing", () => {
  it("fails the build with an error naming the release file and the path", async () => {
    const project = makeProject({ "2026/budget.txt": "---\nimage: photos/budget.jpg\nimageAlt: الميزانية\n---\nإعلان الميزانية\n\nأعلنت الوزارة الميزانية.\n" });
    await expect(project.build()).rejects.toThrow(/releases\/2026\/budget\.txt: error: image "photos\/budget\.jpg" was not found \(looked for releases\/2026\/photos\/budget\.jpg\)/);
  });
});
