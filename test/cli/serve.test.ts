/**
 * `npm start` (issue 18, item 3): the dev server shows drafts and embargoed releases, so it listens
 * on this machine only unless `--host` opens it, with a warning. Started for real in a child process.
 */
import type { ChildProcess } from "node:child_process";
import { renameSync, writeFileSync } from "node:fs";
import { connect } from "node:net";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { freePort } from "../helpers/ports.ts";
import { makeProject, samples } from "../helpers/project.ts";
import { startTs } from "../helpers/cli.ts";

const running: ChildProcess[] = [];
afterEach(() => {
  for (const child of running.splice(0)) child.kill("SIGKILL");
});

/** Starts `npm start` in `root`; resolves with what it printed once it says where it listens. */
async function start(root: string, args: string[]): Promise<{ stdout: string; stderr: string; port: number }> {
  const child = startTs("src/cli/build.ts", ["--serve", "--now=2026-11-29T12:00:00+03:00", ...args], { cwd: root, stdio: ["ignore", "pipe", "pipe"] });
  running.push(child);
  let stdout = "";
  let stderr = "";
  child.stderr!.on("data", (chunk) => (stderr += chunk));
  return new Promise((resolve, reject) => {
    child.stdout!.on("data", (chunk) => {
      stdout += chunk;
      const port = /Preview with drafts and embargoed releases: http:\/\/[^:]+:(\d+)\//.exec(stdout)?.[1];
      if (port) setTimeout(() => resolve({ stdout, stderr, port: Number(port) }), 100); // the warning follows
    });
    child.once("exit", (code) => reject(new Error(`npm start stopped (${code}): ${stderr}`)));
  });
}

/** Whether a TCP connection to `host:port` is accepted. */
function reachable(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host, port });
    socket.once("connect", () => (socket.destroy(), resolve(true)));
    socket.once("error", () => resolve(false));
  });
}

describe("npm start", () => {
  it("listens on 127.0.0.1 only, and says so", async () => {
    const project = makeProject(samples(["seed-release.txt", "draft-note.txt"]));
    const server = await start(project.root, [`--port=${await freePort()}`]);
    expect(server.stdout).toContain(`http://127.0.0.1:${server.port}/`);
    expect(await reachable("127.0.0.1", server.port)).toBe(true);
    // Another address of this machine (all of 127.0.0.0/8 is this machine on Linux): a server
    // listening on every interface accepts it, one on 127.0.0.1 does not.
    expect(await reachable("127.0.0.2", server.port)).toBe(false);
    expect(server.stderr).not.toMatch(/warning/);
  });

  it("--host opens it on purpose, with a warning that drafts and embargoes are visible", async () => {
    const project = makeProject(samples(["seed-release.txt", "draft-note.txt"]));
    const server = await start(project.root, [`--port=${await freePort()}`, "--host=0.0.0.0"]);
    expect(await reachable("127.0.0.2", server.port)).toBe(true);
    expect(server.stderr).toMatch(/^warning: --host=0\.0\.0\.0: anyone who can reach this machine .* sees every draft and embargoed release/m);
  });
});

describe("npm run preview", () => {
  it("serves the built dist/ under the path prefix, on 127.0.0.1 only", async () => {
    const project = makeProject(samples(["seed-release.txt"]), { pathPrefix: "/newsroom/" });
    expect((await project.build()).ok).toBe(true);
    const child = startTs("src/cli/preview.ts", [`--port=${await freePort()}`], { cwd: project.root, stdio: ["ignore", "pipe", "pipe"] });
    running.push(child);
    const url = await new Promise<string>((resolve) => {
      let stdout = "";
      child.stdout!.on("data", (chunk) => {
        stdout += chunk;
        const found = /at (http:\/\/\S+)/.exec(stdout)?.[1];
        if (found) resolve(found);
      });
    });
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/newsroom\/$/);
    const home = await fetch(url);
    expect(home.status).toBe(200);
    expect(await home.text()).toContain('href="/newsroom/');
    expect((await fetch(new URL("/", url))).status).toBe(404);
    expect(await reachable("127.0.0.2", Number(new URL(url).port))).toBe(false);
  });
});

describe("npm start while a release is edited (issue 19, item 14; issue 23, item 9)", () => {
  /** Fetches `url` until `accept` takes the response (a rebuild takes a moment); the last response. */
  async function poll(url: string, accept: (status: number, text: string) => boolean, ms = 20_000) {
    let last = { status: 0, text: "" };
    for (let waited = 0; waited < ms; waited += 250) {
      const response = await fetch(url);
      last = { status: response.status, text: await response.text() };
      if (accept(last.status, last.text)) break;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    return last;
  }

  it("shows every save by rename, and a front matter error in the page until it is fixed", async () => {
    const file = "releases/2026-11-20-budget.txt";
    const project = makeProject({ "2026-11-20-budget.txt": "الميزانية العامة\n\nنص أول.\n" });
    const server = await start(project.root, [`--port=${await freePort()}`]);
    const page = `http://127.0.0.1:${server.port}/releases/2026/11/budget/`;
    expect((await poll(page, (status) => status === 200)).text).toContain("نص أول");
    const saveByRename = (text: string) => {
      writeFileSync(path.join(project.root, "releases/.budget.txt.swp"), text);
      renameSync(path.join(project.root, "releases/.budget.txt.swp"), path.join(project.root, file));
    };
    for (const words of ["نص ثان", "نص ثالث", "نص رابع"]) {
      saveByRename(`الميزانية العامة\n\n${words}.\n`);
      expect((await poll(page, (_, text) => text.includes(words))).text, words).toContain(words);
    }

    saveByRename("---\ndate: 2026-13-45\n---\nالميزانية العامة\n\nنص خامس.\n");
    const broken = await poll(page, (status) => status === 500);
    expect(broken.status).toBe(500);
    expect(broken.text).toContain(`${file}</bdi>:2`);
    expect(broken.text).toMatch(/2026-13-45/);
    expect((await fetch(`http://127.0.0.1:${server.port}/`)).status).toBe(500);

    saveByRename("الميزانية العامة\n\nنص سادس.\n");
    const fixed = await poll(page, (status, text) => status === 200 && text.includes("نص سادس"));
    expect(fixed.status).toBe(200);
    expect(fixed.text).toContain("نص سادس");
  });
});
