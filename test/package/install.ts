import { chmodSync, mkdirSync, mkdtempSync, readdirSync, symlinkSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { execFileSync } from "node:child_process";
import { REPO } from "../helpers/project.ts";

/**
 * `npm pack` of this repository (its `prepare` compiles `src/` to `lib/`): the path of the tarball,
 * in a new temporary folder.
 */
export function packBayan(): string {
  const folder = mkdtempSync(path.join(os.tmpdir(), "bayan-pack-"));
  const name = execFileSync("npm", ["pack", "--silent", "--pack-destination", folder], { cwd: REPO, encoding: "utf8" }).trim().split("\n").pop()!;
  return path.join(folder, name);
}

/**
 * Installs the packed `tarball` into `folder` as npm lays it out: `node_modules/bayan` and its
 * command in `node_modules/.bin`. Its dependencies are this repository's, linked (the machine
 * may have no registry: `npm install --offline` finds them in no cache).
 */
export function installBayan(tarball: string, folder: string): void {
  const modules = path.join(folder, "node_modules");
  mkdirSync(path.join(modules, ".bin"), { recursive: true });
  for (const entry of readdirSync(path.join(REPO, "node_modules"))) {
    if (entry !== ".bin" && entry !== "bayan") symlinkSync(path.join(REPO, "node_modules", entry), path.join(modules, entry));
  }
  mkdirSync(path.join(modules, "bayan"));
  execFileSync("tar", ["-xzf", tarball, "-C", path.join(modules, "bayan"), "--strip-components=1"]);
  const bins = { bayan: "../bayan/lib/cli/bayan.js", eleventy: "../@11ty/eleventy/cmd.cjs" };
  for (const [name, target] of Object.entries(bins)) symlinkSync(target, path.join(modules, ".bin", name));
  chmodSync(path.join(modules, "bayan/lib/cli/bayan.js"), 0o755);
}

/** Runs `npx <args>` in `cwd`: its exit code and what it printed. */
export function npx(cwd: string, args: string[]): { status: number; output: string } {
  try {
    return { status: 0, output: execFileSync("npx", ["--no-install", ...args], { cwd, encoding: "utf8", stdio: "pipe" }) };
  } catch (error) {
    const failed = error as { status: number; stdout: string; stderr: string };
    return { status: failed.status, output: `${failed.stdout}${failed.stderr}` };
  }
}
