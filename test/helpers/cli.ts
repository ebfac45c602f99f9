import { spawn, spawnSync, type SpawnOptions, type SpawnSyncOptionsWithStringEncoding } from "node:child_process";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { DateTime } from "luxon";
import { expect } from "vitest";
import type { Command } from "../../src/cli/io.ts";
import { BUILD_NOW, REPO } from "./project.ts";

/** What a command printed, and the exit code it ended with. */
export interface CommandResult {
  status: number;
  stdout: string;
  stderr: string;
}

/**
 * Runs a command's `main` in this process, as `npm run` would in `cwd`, collecting what it prints.
 * Its clock (when no `--now` is given) is the tests' pinned `BUILD_NOW`; `stdin` is what it reads.
 * @example await runMain(check, ["--now=2026-11-29T12:00:00+03:00"], { cwd: project.root })
 */
export async function runMain(main: Command, argv: string[], options: { cwd: string; stdin?: string; now?: string }): Promise<CommandResult> {
  let stdout = "";
  let stderr = "";
  const clock = DateTime.fromISO(options.now ?? BUILD_NOW, { setZone: true });
  const status = await main(argv, {
    cwd: options.cwd,
    stdout: { write: (text: string) => (stdout += text) },
    stderr: { write: (text: string) => (stderr += text) },
    stdin: [options.stdin ?? ""],
    now: () => clock,
  });
  return { status, stdout, stderr };
}

/**
 * Runs `run` with this process's time zone set to `zone` (Node reads `TZ` again each time it is
 * set), then puts the zone back: a machine set to `zone`, without a process of its own.
 */
export async function inTimeZone<T>(zone: string, run: () => Promise<T>): Promise<T> {
  const before = process.env.TZ;
  process.env.TZ = zone;
  try {
    // The zone took: otherwise the test would prove nothing about it.
    expect(Intl.DateTimeFormat().resolvedOptions().timeZone).toBe(zone);
    return await run();
  } finally {
    if (before === undefined) delete process.env.TZ;
    else process.env.TZ = before;
  }
}

/**
 * tsx as a loader of node itself, not tsx's command, which starts a second node (twice the start-up
 * for every command a test runs) and, when a test kills it, leaves that second node running.
 */
const TSX_LOADER = pathToFileURL(path.join(REPO, "node_modules/tsx/dist/loader.mjs")).href;

/** Runs a TypeScript file (`src/cli/build.ts`) as `npm run` does, in a child process, to its end. */
export function runTs(script: string, args: string[], options: SpawnSyncOptionsWithStringEncoding) {
  return spawnSync(process.execPath, ["--import", TSX_LOADER, script, ...args], options);
}

/** Starts a TypeScript file (`src/cli/build.ts --serve`) in a child process that a kill stops. */
export function startTs(script: string, args: string[], options: SpawnOptions) {
  return spawn(process.execPath, ["--import", TSX_LOADER, script, ...args], options);
}
