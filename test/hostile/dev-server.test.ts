/**
 * `npm start` serves drafts and embargoed releases; an address that tries to leave the preview
 * folder (`/..%2f..%2fpackage.json`) must get a 404, not stop the server (Eleventy's dev server
 * throws on it, and the throw ended the process). Started for real in a child process.
 */
import { afterEach, expect, it } from "vitest";
import { freePort } from "../helpers/ports.ts";
import { makeProject, samples } from "../helpers/project.ts";
import { startTs } from "../helpers/cli.ts";

const children: Array<ReturnType<typeof startTs>> = [];
afterEach(() => children.splice(0).forEach((child) => child.kill("SIGKILL")));

it("answers an address outside the preview with 404 and keeps serving", async () => {
  const project = makeProject(samples(["seed-release.txt", "draft-note.txt"]));
  const child = startTs("src/cli/build.ts", ["--serve", `--port=${await freePort()}`, "--now=2026-11-29T12:00:00+03:00"], {
    cwd: project.root,
    stdio: ["ignore", "pipe", "pipe"],
  });
  children.push(child);
  let stderr = "";
  child.stderr!.on("data", (chunk) => (stderr += chunk));
  const base = await new Promise<string>((resolve, reject) => {
    let stdout = "";
    child.stdout!.on("data", (chunk) => {
      stdout += chunk;
      const url = /Preview with drafts and embargoed releases: (http:\/\/\S+\/)/.exec(stdout)?.[1];
      if (url) resolve(url);
    });
    child.once("exit", (code) => reject(new Error(`npm start stopped (${code}): ${stderr}`)));
  });

  for (const address of ["..%2f..%2fpackage.json", "%2e%2e%2f%2e%2e%2freleases%2fdraft-note.txt"]) {
    const response = await fetch(base + address);
    expect(response.status).toBe(404);
    expect(await response.text()).not.toContain("draft");
  }
  expect((await fetch(base)).status).toBe(200);
  expect(child.exitCode).toBeNull();
}, 60_000);
