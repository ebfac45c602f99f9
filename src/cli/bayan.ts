#!/usr/bin/env node
/**
 * `bayan <command> [options]`: the package's one command, run in a site's folder. Each command is
 * the module `npm run <command>` runs in this repository; it reads its own options (`--help`).
 */
import { type Command, type CommandIo, runAsCommand, writeLine } from "./io.ts";

/** Each command's `main`, loaded when it is the one asked for. */
const COMMANDS: Record<string, { about: string; load: () => Promise<{ main: Command }> }> = {
  build: { about: "check every release, then build dist/ (nothing is published on any error)", load: () => import("./build.ts") },
  start: { about: "preview with live reload, drafts and embargoed releases shown", load: () => import("./build.ts") },
  check: { about: "check the site config and every release; writes nothing", load: () => import("./check.ts") },
  new: { about: "create a release file ready to write", load: () => import("./new.ts") },
  search: { about: "search the built site from the command line", load: () => import("./search.ts") },
  preview: { about: "serve the built dist/ as the static host will", load: () => import("./preview.ts") },
};

const USAGE = `Usage: bayan <command> [options]

Commands:
${Object.entries(COMMANDS)
  .map(([name, { about }]) => `  ${name.padEnd(9)} ${about}`)
  .join("\n")}

bayan <command> --help lists a command's options.`;

/** `bayan <command> [options]`: runs the command with its options; exit code 2 for an unknown command. */
export async function main(argv: string[], io: CommandIo): Promise<number> {
  const [name, ...rest] = argv;
  const command = name === undefined ? undefined : COMMANDS[name];
  if (!command) {
    const known = name === undefined || name === "--help" || name === "-h";
    writeLine(known ? io.stdout : io.stderr, known ? USAGE : `error: unknown command ${name}\n\n${USAGE}`);
    return known ? 0 : 2;
  }
  return (await command.load()).main(name === "start" ? ["--serve", ...rest] : rest, io);
}

await runAsCommand(import.meta.url, main);
