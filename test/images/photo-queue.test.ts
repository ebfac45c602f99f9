import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { validateSite } from "../../src/config.ts";
import { buildImages } from "../../src/images/build.ts";
import { atMost, oneAtATime } from "../../src/images/limit.ts";
import type { Release } from "../../src/release/model.ts";
import { REPO } from "../helpers/project.ts";

const temp = () => mkdtempSync(path.join(os.tmpdir(), "bayan-photos-"));

describe("oneAtATime", () => {
  it("runs the work handed to it one piece at a time, in order, and goes on after a failure", async () => {
    const queue = oneAtATime();
    const order: string[] = [];
    let running = 0;
    const task = (name: string, fail = false) =>
      queue(async () => {
        expect(++running).toBe(1);
        order.push(`start ${name}`);
        await new Promise((resolve) => setTimeout(resolve, 5));
        order.push(`end ${name}`);
        running--;
        if (fail) throw new Error(`${name} failed`);
        return name;
      });
    const results = await Promise.allSettled([task("a"), task("b", true), task("c")]);
    expect(results.map((result) => (result.status === "fulfilled" ? result.value : (result.reason as Error).message))).toEqual(["a", "b failed", "c"]);
    expect(order).toEqual(["start a", "end a", "start b", "end b", "start c", "end c"]);
  });
});

describe("atMost", () => {
  it("runs at most that many pieces of work at once, starting them in the order handed over, and goes on after a failure", async () => {
    const queue = atMost(2);
    const started: string[] = [];
    let running = 0;
    let most = 0;
    const task = (name: string, fail = false) =>
      queue(async () => {
        most = Math.max(most, ++running);
        started.push(name);
        await new Promise((resolve) => setTimeout(resolve, 5));
        running--;
        if (fail) throw new Error(`${name} failed`);
        return name;
      });
    const results = await Promise.allSettled(["a", "b", "c", "d", "e"].map((name) => task(name, name === "b")));
    expect(results.map((result) => (result.status === "fulfilled" ? result.value : (result.reason as Error).message))).toEqual([
      "a",
      "b failed",
      "c",
      "d",
      "e",
    ]);
    expect(started).toEqual(["a", "b", "c", "d", "e"]);
    expect(most).toBe(2);
  });
});

describe("release photos, made one per core", () => {
  const site = { ...validateSite(JSON.parse(readFileSync(path.join(REPO, "templates/site.json"), "utf8")), "site.json"), logo: undefined };
  const sections = [{ lang: "ar", dir: "rtl", root: "/" }] as Parameters<typeof buildImages>[1];
  const base = "https://news.example.org/";
  const release = (slug: string) =>
    ({
      file: `releases/${slug}.txt`,
      url: `/releases/2026/11/${slug}/`,
      title: slug,
      lang: "ar",
      dir: "rtl",
      image: `photos/${slug}.jpg`,
      imageAlt: slug,
    }) as Release;
  /** A project folder with these photos under releases/photos/ (`broken` ones are not images). */
  const project = (good: string[], broken: string[] = []) => {
    const root = temp();
    mkdirSync(path.join(root, "releases/photos"), { recursive: true });
    for (const slug of good) copyFileSync(path.join(REPO, "test/fixtures/images/jubail-plant.jpg"), path.join(root, `releases/photos/${slug}.jpg`));
    for (const slug of broken) writeFileSync(path.join(root, `releases/photos/${slug}.jpg`), "not a photo");
    return root;
  };

  it("still makes every release's pictures and crop", async () => {
    const slugs = ["a", "b", "c", "d", "e"];
    const set = await buildImages(slugs.map(release), sections, { site, root: project(slugs), base, cacheDir: temp(), cards: false });
    expect([...set.pictures.keys()]).toEqual(expect.arrayContaining(slugs.map((slug) => `/releases/2026/11/${slug}/`)));
    expect(set.pictures.size).toBe(slugs.length);
    for (const slug of slugs) expect(set.releaseCards.get(`/releases/2026/11/${slug}/`)?.type).toBe("image/jpeg");
  });

  it("leaves nothing in libvips' operation cache once the photos and cards are made", async () => {
    const set = await buildImages([release("a"), { ...release("b"), image: undefined }], sections, { site, root: project(["a"]), base, cacheDir: temp() });
    expect(set.cardsDrawn).toBe(2);
    expect(sharp.cache()).toMatchObject({ memory: { current: 0 }, items: { current: 0 } });
  });

  it("names the release whose photo cannot be read, and the next build's photos are made all the same", async () => {
    const root = project(["good"], ["bad"]);
    await expect(buildImages([release("bad"), release("good")], sections, { site, root, base, cacheDir: temp(), cards: false })).rejects.toThrow(
      /releases\/bad\.txt: error: image "photos\/bad\.jpg" could not be read as a picture/,
    );
    const set = await buildImages([release("good")], sections, { site, root, base, cacheDir: temp(), cards: false });
    expect(set.pictures.get("/releases/2026/11/good/")?.sources).toHaveLength(2);
  });
});
