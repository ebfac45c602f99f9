import { spawn, spawnSync, type SpawnOptions, type SpawnSyncOptionsWithStringEncoding } from "node:child_process";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { REPO } from "./project.ts";

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
