#!/usr/bin/env node
/**
 * `bayan <command> [options]`: the package's one command, run in a site's folder. Each command is
 * the module `npm run <command>` runs in this repository; it reads its own options (`--help`).
 */
const COMMANDS: Record<string, { about: string; run: () => Promise<unknown> }> = {
  build: { about: "check every release, then build dist/ (nothing is published on any error)", run: () => import("./build.ts") },
  start: { about: "preview with live reload, drafts and embargoed releases shown", run: () => import("./build.ts") },
  check: { about: "check the site config and every release; writes nothing", run: async () => (await import("./check.ts")).main() },
  new: { about: "create a release file ready to write", run: () => import("./new.ts") },
  search: { about: "search the built site from the command line", run: () => import("./search.ts") },
  preview: { about: "serve the built dist/ as the static host will", run: () => import("./preview.ts") },
};

const USAGE = `Usage: bayan <command> [options]

Commands:
${Object.entries(COMMANDS)
  .map(([name, { about }]) => `  ${name.padEnd(9)} ${about}`)
  .join("\n")}

bayan <command> --help lists a command's options.`;

const [name, ...rest] = process.argv.slice(2);
const command = name === undefined ? undefined : COMMANDS[name];
if (!command) {
  const known = name === undefined || name === "--help" || name === "-h";
  (known ? console.log : console.error)(known ? USAGE : `error: unknown command ${name}\n\n${USAGE}`);
  process.exitCode = known ? 0 : 2;
} else {
  // The command's module reads `process.argv.slice(2)`: its options, without the command's name.
  process.argv.splice(2, process.argv.length - 2, ...(name === "start" ? ["--serve", ...rest] : rest));
  await command.run();
}
