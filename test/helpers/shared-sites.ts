import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { deserialize, serialize } from "node:v8";
import { inject } from "vitest";
import type { BuildResult } from "../../src/build/build.ts";
import { GOOD_SAMPLES, makeProject, projectAt, samples, type TestProject } from "./project.ts";

/**
 * The sample sites many test files only read, built once per run (name → the samples of its
 * project), as `makeProject(samples(…))` and a plain `build()` make them.
 */
export const SHARED_SITES = {
  /** The bundled site's good samples. */
  samples: GOOD_SAMPLES,
  /** The good samples and a hostile one whose markup must land as text. */
  "samples+injection": [...GOOD_SAMPLES, "bad/html-injection.txt"],
} satisfies Record<string, string[]>;

export type SharedSiteName = keyof typeof SHARED_SITES;

interface SharedBuild {
  root: string;
  result: BuildResult;
}

declare module "vitest" {
  export interface ProvidedContext {
    /** The folder of this run where the shared sites are built (see `shared-sites-setup.ts`). */
    sharedSites: string;
  }
}

/**
 * A shared sample site, built and published: read its output, never build into it or change it
 * (other test files read it at the same time); a test that changes a site makes its own with
 * `makeProject`. The first test file of the run that asks builds it, in its own process (a
 * folder made with `mkdir` says which); the others wait for its result.
 */
export async function sharedSite(name: SharedSiteName): Promise<{ project: TestProject; result: BuildResult }> {
  const folder = inject("sharedSites");
  const done = path.join(folder, `${name}.v8`);
  const failed = path.join(folder, `${name}.failed`);
  if (claim(path.join(folder, `${name}.building`))) {
    try {
      const project = makeProject(samples(SHARED_SITES[name]));
      const build: SharedBuild = { root: project.root, result: await project.build() };
      writeFileSync(`${done}.partial`, serialize(build));
      renameSync(`${done}.partial`, done);
    } catch (error) {
      writeFileSync(failed, String((error as Error).stack ?? error));
      throw error;
    }
  }
  while (!existsSync(done)) {
    if (existsSync(failed)) throw new Error(`the shared site ${name} did not build:\n${readFileSync(failed, "utf8")}`);
    await sleep(200);
  }
  const { root, result } = deserialize(readFileSync(done)) as SharedBuild;
  return { project: projectAt(root), result };
}

/** True for the one caller that makes `folder`. */
function claim(folder: string): boolean {
  try {
    mkdirSync(folder);
    return true;
  } catch {
    return false;
  }
}
