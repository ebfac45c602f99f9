import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";

/**
 * Vitest global setup: every test's temporary folders (projects, builds, Chromium profiles) go
 * into one folder of this run, removed when the run ends, so repeated runs leave nothing behind.
 */
export default function setup(): () => void {
  const folder = mkdtempSync(path.join(os.tmpdir(), "bayan-tests-"));
  process.env.TMPDIR = folder;
  return () => rmSync(folder, { recursive: true, force: true });
}
