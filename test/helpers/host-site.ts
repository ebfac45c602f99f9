import path from "node:path";
import { Eleventy, type EleventyConfig } from "@11ty/eleventy";
import { loadSite } from "../../src/config.ts";
import { projectConfig } from "../../src/project.ts";
import { BUILD_NOW, type TestProject } from "./project.ts";

/**
 * Builds `project` into `_site/` with Eleventy's own API, as a site that adds the plugin does;
 * `host` adds the site's own config after Bayan's. What Eleventy's `write()` resolves with.
 */
export async function writeAsHost(project: TestProject, host: (config: EleventyConfig) => void = () => {}): Promise<unknown> {
  const site = loadSite(path.join(project.root, "templates/site.json"));
  const eleventy = new Eleventy(project.root, path.join(project.root, "_site"), {
    configPath: "",
    config: (config: EleventyConfig) => {
      projectConfig({ site, root: project.root, now: BUILD_NOW })(config);
      host(config);
    },
    quietMode: true,
  });
  eleventy.logger.overrideLogger({ log() {}, info() {}, warn() {}, error() {} });
  return eleventy.write();
}
