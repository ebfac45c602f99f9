import { mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import type { TestProject } from "vitest/node";
import type {} from "./shared-sites.ts";

/**
 * Vitest global setup, after `temp.ts` (whose run folder holds it): the folder where the first test
 * file that asks for a shared sample site builds it (see `sharedSite`), for the others to read.
 */
export default function setup({ provide }: TestProject): void {
  provide("sharedSites", mkdtempSync(path.join(os.tmpdir(), "bayan-shared-")));
}
