import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";

const repo = join(import.meta.dirname, "..", "..");
const read = (file: string) => readFileSync(join(repo, file), "utf8");

interface Step {
  uses?: string;
  run?: string;
  with?: Record<string, unknown>;
}
interface Workflow {
  on: {
    push?: { branches?: string[] } | null;
    pull_request?: unknown;
    workflow_run?: { workflows: string[]; types: string[]; branches: string[] };
    workflow_dispatch?: unknown;
    schedule?: { cron: string }[];
  };
  permissions: Record<string, string>;
  concurrency?: { group?: string };
  name: string;
  jobs: Record<string, { steps: Step[]; needs?: string | string[]; if?: string }>;
}

const workflow = parse(read(".github/workflows/deploy.yml")) as Workflow;
const steps = Object.values(workflow.jobs).flatMap((job) => job.steps);
const action = (name: string) => steps.find((step) => step.uses?.startsWith(`actions/${name}@`));
const runs = steps.flatMap((step) => (step.run ? [step.run] : []));

/** Minutes of the hour a cron minute field fires at: `*\/15`, `7-59/15`, `7,22,37,52`. */
function minutes(field: string): number[] {
  return field.split(",").flatMap((part) => {
    const [range, step = "1"] = part.split("/");
    const [from, to] = range === "*" ? [0, 59] : range.split("-").map(Number);
    const last = to ?? (part.includes("/") ? 59 : from);
    return Array.from({ length: Math.floor((last - from) / Number(step)) + 1 }, (_, i) => from + i * Number(step));
  });
}

const tests = parse(read(".github/workflows/test.yml")) as Workflow;

describe("Test workflow", () => {
  it("runs npm test on every push and pull request, after npm ci and Chromium", () => {
    expect(tests.on).toHaveProperty("push");
    expect(tests.on).toHaveProperty("pull_request");
    const testRuns = Object.values(tests.jobs)
      .flatMap((job) => job.steps)
      .flatMap((step) => (step.run ? [step.run] : []));
    const at = (pattern: RegExp) => testRuns.findIndex((run) => pattern.test(run));
    expect(at(/^npm test$/)).toBeGreaterThan(at(/^npm ci\b/));
    expect(at(/chromium/)).toBeGreaterThanOrEqual(0);
  });
});

describe("GitHub Pages workflow", () => {
  it("deploys main after its Test run passed, by hand, and on a schedule; never on a bare push", () => {
    expect(workflow.on.push).toBeUndefined();
    expect(workflow.on.workflow_run).toMatchObject({ workflows: [tests.name], types: ["completed"], branches: ["main"] });
    expect(workflow.on).toHaveProperty("workflow_dispatch");
    expect(workflow.on.schedule).toHaveLength(1);
  });

  it("deploys only a tested commit: a failed Test run skips it, other triggers look the commit's Test run up first", () => {
    const build = workflow.jobs.build;
    expect(build.if).toMatch(/workflow_run\.conclusion == 'success'/);
    expect(build.steps[0].run).toMatch(/gh run list .*--workflow test\.yml --commit "\$GITHUB_SHA" --status success/);
    expect(build.steps[0].run).toMatch(/exit 1/);
    expect(action("checkout")?.with?.ref).toMatch(/workflow_run\.head_sha/);
  });

  it("rebuilds every 15 minutes, so embargoed releases go live soon after their embargo", () => {
    const [minute, ...rest] = workflow.on.schedule![0].cron.split(/\s+/);
    expect(rest).toEqual(["*", "*", "*", "*"]);
    const fires = minutes(minute);
    expect(fires).toHaveLength(4);
    expect(fires.slice(1).map((m, i) => m - fires[i])).toEqual([15, 15, 15]);
  });

  it("has exactly the permissions a Pages deployment needs", () => {
    // actions: read lets the build job look up the commit's Test runs.
    expect(workflow.permissions).toEqual({ contents: "read", actions: "read", pages: "write", "id-token": "write" });
    expect(workflow.concurrency?.group).toBeTruthy();
  });

  it("checks out the full history, for release dates taken from git", () => {
    expect(action("checkout")?.with?.["fetch-depth"]).toBe(0);
  });

  it("installs Node 20 with the npm cache, then runs npm ci", () => {
    expect(action("setup-node")?.with).toMatchObject({ "node-version": 20, cache: "npm" });
    expect(runs).toContain("npm ci");
  });

  it("keeps .cache/ between runs, restored before the build", () => {
    const cache = action("cache");
    expect(cache?.with).toMatchObject({ path: ".cache", "restore-keys": expect.stringMatching(/^bayan-/) });
    expect(steps.indexOf(cache!)).toBeLessThan(steps.findIndex((step) => step.run?.startsWith("npm run build")));
  });

  it("builds with the path prefix taken from the repository name on every trigger", () => {
    const build = runs.find((run) => run.startsWith("npm run build"));
    // github.event.repository is empty on scheduled runs; GITHUB_REPOSITORY (owner/name) never is.
    expect(build).toMatch(/--pathprefix="?\/\$\{GITHUB_REPOSITORY#\*\/\}\/"?/);
    expect(build).not.toMatch(/--drafts/);
  });

  it("configures Pages, uploads dist and deploys it", () => {
    expect(action("configure-pages")).toBeDefined();
    expect(action("upload-pages-artifact")?.with?.path).toBe("dist");
    expect(action("deploy-pages")).toBeDefined();
  });

  it("runs the steps in order", () => {
    const order = ["checkout", "setup-node", "configure-pages", "upload-pages-artifact", "deploy-pages"].map((name) => steps.indexOf(action(name)!));
    expect(order).toEqual([...order].sort((a, b) => a - b));
    const build = steps.findIndex((step) => step.run?.startsWith("npm run build"));
    expect(build).toBeGreaterThan(steps.findIndex((step) => step.run === "npm ci"));
    expect(build).toBeLessThan(order[3]);
  });
});

describe("netlify.toml", () => {
  const toml = read("netlify.toml");

  it("builds with npm run build and publishes dist on Node 20", () => {
    expect(toml).toMatch(/^\s*command\s*=\s*"npm run build"/m);
    expect(toml).toMatch(/^\s*publish\s*=\s*"dist\/?"/m);
    expect(toml).toMatch(/^\s*NODE_VERSION\s*=\s*"20"/m);
  });
});
