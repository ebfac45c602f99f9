import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { writeSearchIndexInWorker } from "../../src/search/thread.ts";
import { writeSearchIndex } from "../../src/search/write.ts";
import { SAMPLE_DOCS } from "./fixtures.ts";

const temp = mkdtempSync(join(tmpdir(), "bayan-search-write-"));
afterAll(() => rmSync(temp, { recursive: true, force: true }));

const files = (folder: string): Map<string, Buffer> =>
  new Map(readdirSync(folder, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).map((e) => {
    const file = join(e.parentPath, e.name);
    return [file.slice(folder.length), readFileSync(file)];
  }));

describe("writeSearchIndexInWorker", () => {
  it("writes the same files on a worker thread as on the main thread", async () => {
    writeSearchIndex(SAMPLE_DOCS, join(temp, "main"));
    await writeSearchIndexInWorker(SAMPLE_DOCS, join(temp, "worker"));
    const [main, worker] = [files(join(temp, "main")), files(join(temp, "worker"))];
    expect(main.size).toBeGreaterThan(SAMPLE_DOCS.length);
    expect([...worker.keys()].sort()).toEqual([...main.keys()].sort());
    for (const [file, bytes] of main) expect(worker.get(file)!.equals(bytes), file).toBe(true);
  });

  it("rejects when the index cannot be written, and names the worker", async () => {
    // A file where the index folder should be: mkdir fails inside the worker.
    writeSearchIndex(SAMPLE_DOCS.slice(0, 1), join(temp, "blocked"));
    await expect(writeSearchIndexInWorker(SAMPLE_DOCS, join(temp, "blocked", "meta.json"))).rejects.toThrow(/EEXIST|ENOTDIR/);
  });
});
