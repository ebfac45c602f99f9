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

const { values } = readArgs({
  usage: `Usage: npm run preview [-- options]   serve the built site on this machine, as a static host would

Options:
  --output=<folder>   the built site (default dist)
  --pathprefix=<path> the sub-folder it is served from (default: pathPrefix of templates/site.json)
  --port=<number>     port (default 8081)`,
  options: { output: { type: "string", default: "dist" }, pathprefix: { type: "string" }, port: { type: "string", default: "8081" } },
});

try {
  const folder = path.resolve(values.output);
  if (!existsSync(path.join(folder, "index.html"))) throw new OptionError("--output", `${values.output}/ holds no built site`, "run npm run build first");
  const prefix = values.pathprefix === undefined ? (readSiteConfig(process.cwd()).site?.pathPrefix ?? "/") : parsePathPrefix(values.pathprefix);
  const server = await serve(folder, prefix, { port: parsePort(values.port) });
  console.log(`Serving ${values.output}/ at ${server.url} (Ctrl+C to stop)`);
} catch (error) {
  if ((error as Error).name !== "OptionError") throw error;
  printOptionError(error as OptionError);
}
