import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { writeSearchIndexInWorker } from "../../src/search/thread.ts";
import { writeSearchIndex } from "../../src/search/write.ts";
import { readOutputText } from "../../src/site/audit.ts";
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

  it("returns every file's text as the embargo audit would read it from disk, on either thread", async () => {
    const onMain = writeSearchIndex(SAMPLE_DOCS, join(temp, "texts-main"));
    const onWorker = await writeSearchIndexInWorker(SAMPLE_DOCS, join(temp, "texts-worker"));
    for (const [folder, texts] of [["texts-main", onMain], ["texts-worker", onWorker]] as const) {
      const written = [...files(join(temp, folder)).keys()].map((file) => join(temp, folder, file));
      expect([...texts.keys()].sort()).toEqual(written.sort());
      for (const file of written) expect(texts.get(file), file).toBe(readOutputText(file).text);
    }
    expect([...onMain.values()].some((text) => text.includes(SAMPLE_DOCS[0].title))).toBe(true);
    // npm start does not audit: no texts kept or sent back.
    expect((await writeSearchIndexInWorker(SAMPLE_DOCS, join(temp, "no-texts"), { texts: false })).size).toBe(0);
    expect(files(join(temp, "no-texts")).size).toBe(onMain.size);
  });

  it("stops the worker when its signal is aborted, before or while it runs", async () => {
    const early = new AbortController();
    const notStarted = writeSearchIndexInWorker(SAMPLE_DOCS, join(temp, "stopped-early"), { signal: early.signal });
    early.abort();
    await expect(notStarted).rejects.toThrow(/aborted/);
    // Thousands of releases take the worker seconds: stopped on the way, it writes no index.
    const many = Array.from({ length: 6000 }, (_, i) => ({ ...SAMPLE_DOCS[i % SAMPLE_DOCS.length], url: `/releases/2026/01/r${i}/` }));
    const late = new AbortController();
    const running = writeSearchIndexInWorker(many, join(temp, "stopped"), { signal: late.signal });
    await new Promise((resolve) => setTimeout(resolve, 50));
    late.abort();
    await expect(running).rejects.toThrow(/stopped with code|aborted/);
    expect(existsSync(join(temp, "stopped", "meta.json"))).toBe(false);
  });

  it("rejects when the index cannot be written", async () => {
    // A file where the index folder should be: mkdir fails inside the worker.
    writeSearchIndex(SAMPLE_DOCS.slice(0, 1), join(temp, "blocked"));
    await expect(writeSearchIndexInWorker(SAMPLE_DOCS, join(temp, "blocked", "meta.json"))).rejects.toThrow(/EEXIST|ENOTDIR/);
  });
});
