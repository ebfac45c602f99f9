import { mkdtemp, readdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { main as search } from "../../src/cli/search.ts";
import { runMain, startTs } from "../helpers/cli.ts";
import { REPO } from "../helpers/project.ts";
import { writeIndex } from "./fixtures.ts";

let dist: string;

beforeAll(async () => {
  dist = await mkdtemp(join(tmpdir(), "bayan-search-cli-"));
  await writeIndex(dist);
});

afterAll(() => rm(dist, { recursive: true, force: true }));

/** `npm run search -- …args` with `stdin`, its `main` in this process. */
async function run(args: string[], stdin = ""): Promise<{ code: number; stdout: string; stderr: string }> {
  const { status, stdout, stderr } = await runMain(search, args, { cwd: REPO, stdin });
  return { code: status, stdout, stderr };
}

describe.concurrent("npm run search", () => {
  it("--json answers one JSON line per query line, best first, url and title only", async () => {
    const { code, stdout } = await run(["--json", "--dist", dist], "قطر\nمحطة تحلية\r\n\nلا شيء يطابق هذا أبدا\n");
    expect(code).toBe(0);
    const lines = stdout
      .split("\n")
      .filter(Boolean)
      .map((line) => JSON.parse(line) as { query: string; results: Array<Record<string, string>> });
    expect(lines.map((line) => line.query)).toEqual(["قطر", "محطة تحلية", "", "لا شيء يطابق هذا أبدا"]);
    expect(lines[0].results[0]).toEqual({
      url: "/releases/2015/08/seed-release/",
      title: "وزيري الدفاع السعودي والقطري يناقشان تعزيز التعاون العسكري المشترك",
    });
    expect(lines[1].results[0].url).toBe("/releases/2026/11/desalination-plant/");
    expect(lines[2].results).toEqual([]);
    for (const line of lines) {
      expect(line.results.length).toBeLessThanOrEqual(10);
      for (const result of line.results) expect(Object.keys(result).sort()).toEqual(["title", "url"]);
    }
  });

  it("prints ranked title, date and URL for a query", async () => {
    const { code, stdout } = await run(["--dist", dist, "الطاقة", "الشمسية"]);
    expect(code).toBe(0);
    expect(stdout).toContain("1. تدشين أول محطة تحلية تعمل بالطاقة الشمسية على ساحل الخليج العربي");
    expect(stdout.replace(/\u00a0/g, " ")).toContain("14 جمادى الآخرة 1448 هـ · 24 نوفمبر 2026  /releases/2026/11/desalination-plant/");
  });

  it("names a damaged index file and the fix, without a stack trace", async () => {
    const damaged = join(dist, "damaged");
    const folder = await writeIndex(damaged);
    const files = await readdir(join(folder, "t"));
    // Bytes no DEFLATE stream starts with: "invalid block type" to a decompressor.
    for (const file of files) await writeFile(join(folder, "t", file), Buffer.from([0xff, 0xff, 0xff, 0xff]));
    const { code, stderr } = await run(["--dist", damaged, "قطر"]);
    expect(code).toBe(1);
    expect(stderr).toMatch(
      new RegExp(
        `^${join(folder, "t")}/[0-9a-z]+\\.bin: error: the search index file t/[0-9a-z]+\\.bin is damaged \\(.+\\)\n    → build the site again \\(npm run build\\)`,
      ),
    );
    expect(stderr).not.toContain("    at ");
  });

  it("says how to build when there is no index, with nothing on stdout", async () => {
    const { code, stdout, stderr } = await run(["--json", "--dist", join(dist, "missing")], "قطر\n");
    expect(code).toBe(1);
    expect(stdout).toBe("");
    expect(stderr).toContain("npm run build");
  });
});

describe("npm run search into a reader that stops early (`| head -1`)", () => {
  it("ends quietly with status 0, not with an EPIPE stack trace", async () => {
    const child = startTs(join(REPO, "src/cli/search.ts"), ["--json", "--dist", dist], { cwd: REPO, stdio: ["pipe", "pipe", "pipe"] });
    let stderr = "";
    child.stderr!.on("data", (chunk) => (stderr += chunk));
    // Enough answers to fill the pipe long after the reader has gone.
    child.stdin!.end("قطر\n".repeat(3000));
    child.stdout!.once("data", () => child.stdout!.destroy());
    const status = await new Promise((resolve) => child.on("close", resolve));
    expect(stderr).not.toMatch(/EPIPE|^\s+at /m);
    expect(status).toBe(0);
  });
});
