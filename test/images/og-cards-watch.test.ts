import { copyFileSync, existsSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startWatch, type WatchSession } from "../../tools/bench/loops.ts";
import { makeProject, REPO, type TestProject } from "../helpers/project.ts";

const NOW = "2026-11-29T12:00:00+03:00";
const RELEASES = {
  "2026-11-20-first.txt": "خبر أول عن المياه\n\nنص الخبر الأول.\n",
  "2026-11-10-second.txt": "خبر ثان عن الطاقة\n\nنص الخبر الثاني.\n",
  "2026-10-01-oldest.txt": "خبر قديم عن النقل\n\nنص الخبر القديم.\n",
};
const ogImage = (project: TestProject, url: string) => project.page(url).querySelector('meta[property="og:image"]')?.getAttribute("content");

describe("ogCards: N while npm start runs", () => {
  let project: TestProject;
  let watch: WatchSession;
  beforeAll(async () => {
    project = makeProject(RELEASES, { ogCards: 1 });
    copyFileSync(path.join(REPO, ".gitignore"), path.join(project.root, ".gitignore"));
    watch = startWatch(project.root, NOW, 110_000);
    await watch.ready;
  });
  afterAll(() => watch?.stop());

  it("draws the card of a release an edit makes the newest", async () => {
    const siteCard = ogImage(project, "/");
    expect(ogImage(project, "/releases/2026/11/first/")).not.toBe(siteCard);
    expect(ogImage(project, "/releases/2026/10/oldest/")).toBe(siteCard);
    await watch.save("releases/2026-10-01-oldest.txt", "خبر قديم عن النقل صار الأحدث\n\nنص الخبر القديم.\n");
    expect(ogImage(project, "/releases/2026/10/oldest/")).toBe(siteCard); // an edit that leaves the newest alone
    await watch.save("releases/2026-10-01-oldest.txt", "---\ndate: 2026-11-25T10:00:00+03:00\n---\nخبر قديم عن النقل صار الأحدث\n\nنص الخبر القديم.\n");
    const card = ogImage(project, "/releases/2026/11/oldest/")!;
    expect(card).not.toBe(siteCard);
    expect(existsSync(path.join(project.root, "dist", new URL(card).pathname))).toBe(true);
  }, 90_000);
});
