import { afterEach, describe, expect, it, vi } from "vitest";
import { makeProject, samples } from "../helpers/project.ts";

describe("a build's context", () => {
  afterEach(() => vi.restoreAllMocks());

  it("builds a project by its path, without changing the process's working folder", async () => {
    const project = makeProject(samples(["2026-11-24-desalination-plant.txt"]));
    const chdir = vi.spyOn(process, "chdir");
    const result = await project.build();
    expect(result.ok).toBe(true);
    expect(project.page("/releases/2026/11/desalination-plant/").querySelector("h1")?.textContent).toContain("تدشين");
    expect(chdir).not.toHaveBeenCalled();
  });
});
