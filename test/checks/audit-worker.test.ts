import { mkdtempSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import type { HiddenRelease } from "../../src/audit/audit.ts";
import { startPageWorker } from "../../src/audit/page-search.ts";

const budget: HiddenRelease = {
  file: "releases/embargoed-budget.txt",
  title: "الميزانية العامة للدولة للعام المالي 2100",
  url: "/releases/2099/01/embargoed-budget/",
  id: "tag:news.example.org,2099-01-01:ar/embargoed-budget",
};
const CLEAN = "<!doctype html>\n<p>تدشين أول محطة تحلية</p>\n";
const LEAKING = '<!doctype html>\n<p>تدشين</p>\n<a href="/releases/2099/01/embargoed-budget/">الميزانية</a>\n';

/**
 * `text` padded to the size of `page`: on disk as the file of a page handed over, which the worker
 * trusts only while the file keeps the size of the bytes it searched (and the time it had then).
 */
const sized = (text: string, page: string) => text.padEnd(text.length + Buffer.byteLength(page) - Buffer.byteLength(text));

/** A page's bytes as the build hands them over: memory of their own. */
const bytesOf = (text: string) => {
  const bytes = Buffer.allocUnsafeSlow(Buffer.byteLength(text));
  bytes.write(text);
  return bytes;
};

describe("the embargo audit on a worker thread", () => {
  it("searches the pages it is handed, moving their memory, and audits the rest of the output from disk", async () => {
    const folder = mkdtempSync(path.join(os.tmpdir(), "audit-worker-"));
    // On disk, clean: the leak below can only be found in the bytes handed over, which the worker searches instead of reading the file again.
    writeFileSync(path.join(folder, "handed.html"), sized(CLEAN, LEAKING));
    writeFileSync(path.join(folder, "other.html"), LEAKING);
    writeFileSync(path.join(folder, "clean.html"), CLEAN);
    const search = startPageWorker({ hidden: [budget], published: [] });
    const handed = bytesOf(LEAKING);
    search.hand(path.join(folder, "handed.html"), handed.buffer as ArrayBuffer, false);
    expect(handed.length).toBe(0);
    search.hand(path.join(folder, "clean.html"), bytesOf(CLEAN).buffer as ArrayBuffer, false);

    const leaks = await search.audit(folder, new Map(), new Map());
    const found = leaks.map(({ output, line, trace, release }) => ({ output, line, trace, file: release.file }));
    expect(found).toEqual([
      { output: "handed.html", line: 3, trace: "address", file: budget.file },
      { output: "other.html", line: 3, trace: "address", file: budget.file },
    ]);
  });

  it("takes what others searched as they wrote it, by output path", async () => {
    const folder = mkdtempSync(path.join(os.tmpdir(), "audit-worker-"));
    writeFileSync(path.join(folder, "index.bin"), "not searched again");
    const search = startPageWorker({ hidden: [budget], published: [] });
    const leaks = await search.audit(folder, new Map(), new Map([["index.bin", [{ hidden: 0, trace: "title" as const, index: 0 }]]]));
    expect(leaks.map(({ output, trace }) => `${output} ${trace}`)).toEqual(["index.bin title"]);
  });
});

describe("a worker that fails", () => {
  it("fails the build's audit with its error instead of leaving the build waiting for a verdict", async () => {
    const folder = mkdtempSync(path.join(os.tmpdir(), "audit-worker-"));
    // Targets the worker cannot compile a finder from: it stops as it starts, before any verdict is asked for.
    const search = startPageWorker({ hidden: [null as unknown as HiddenRelease], published: [] });
    search.hand(path.join(folder, "page.html"), bytesOf(CLEAN).buffer as ArrayBuffer, false);
    await new Promise((resolve) => setTimeout(resolve, 1500));
    await expect(search.audit(folder, new Map(), new Map())).rejects.toThrow();
  }, 10_000);
});

describe("a hidden title on a page the worker searches", () => {
  const page = `<!doctype html>\n<p>${budget.title}</p>\n`;
  const published = { title: "خطة المياه", url: "/releases/2026/11/water/", id: "tag:news.example.org,2026-11-24:ar/water" };
  const titleLeaks = async (targets: Omit<NonNullable<Parameters<typeof startPageWorker>[0]>, "hidden">) => {
    const folder = mkdtempSync(path.join(os.tmpdir(), "audit-worker-"));
    writeFileSync(path.join(folder, "page.html"), sized(CLEAN, page));
    const search = startPageWorker({ hidden: [budget], ...targets });
    search.hand(path.join(folder, "page.html"), bytesOf(page).buffer as ArrayBuffer, false);
    return (await search.audit(folder, new Map(), new Map())).map(({ output, trace }) => `${output} ${trace}`);
  };

  it("is a leak when nothing published quotes it", async () => {
    expect(await titleLeaks({ published: [{ ...published, text: "نص عن المياه." }] })).toEqual(["page.html title"]);
  });

  it("is public words when a published release's text, a tag or the site's own text quotes it", async () => {
    expect(await titleLeaks({ published: [{ ...published, text: `قال الوزير إن ${budget.title} ستعلن قريبا.` }] })).toEqual([]);
    expect(await titleLeaks({ published: [{ ...published, phrases: [budget.title] }] })).toEqual([]);
    expect(await titleLeaks({ published: [published], siteText: [`<footer>${budget.title}</footer>`] })).toEqual([]);
  });
});
