/**
 * `npm run preview` — serves the built site (`dist/`) as a static host would, under the site's
 * path prefix, on this machine only: what will be deployed, looked at before it is.
 */
import { existsSync } from "node:fs";
import path from "node:path";
import { OptionError, parsePathPrefix } from "../options.ts";
import { serve } from "../serve/static-server.ts";
import { parsePort, printOptionError, readArgs } from "./args.ts";
import { readSiteConfig } from "./check.ts";
import { type CommandIo, runAsCommand, writeLine } from "./io.ts";

const USAGE = `Usage: npm run preview [-- options]   serve the built site on this machine, as a static host would

Options:
  --output=<folder>   the built site (default dist)
  --pathprefix=<path> the sub-folder it is served from (default: pathPrefix of templates/site.json)
  --port=<number>     port (default 8081)`;

/** The `preview` command: starts the server and returns while it serves; exit code 2 on a bad option. */
export async function main(argv: string[], io: CommandIo): Promise<number> {
  const options = { output: { type: "string", default: "dist" }, pathprefix: { type: "string" }, port: { type: "string", default: "8081" } } as const;
  const args = readArgs({ usage: USAGE, options }, argv, io);
  if (typeof args === "number") return args;
  const { values } = args;
  try {
    const folder = path.resolve(io.cwd, values.output);
    if (!existsSync(path.join(folder, "index.html"))) throw new OptionError("--output", `${values.output}/ holds no built site`, "run npm run build first");
    const prefix = values.pathprefix === undefined ? (readSiteConfig(io.cwd).site?.pathPrefix ?? "/") : parsePathPrefix(values.pathprefix);
    const server = await serve(folder, prefix, { port: parsePort(values.port) });
    writeLine(io.stdout, `Serving ${values.output}/ at ${server.url} (Ctrl+C to stop)`);
    return 0;
  } catch (error) {
    if ((error as Error).name !== "OptionError") throw error;
    return printOptionError(error as OptionError, io);
  }
}

await runAsCommand(import.meta.url, main);
