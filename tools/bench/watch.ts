import { spawn } from "node:child_process";
import { writeFileSync } from "node:fs";
import path from "node:path";
import { createInterface } from "node:readline";
import { setTimeout as sleep } from "node:timers/promises";

/** A rebuild of the watch build: what Eleventy reported changed, and the URLs it wrote. */
export interface Rebuild {
  /** Files Eleventy saw change before this rebuild. */
  changed: string[];
  urls: string[];
  /** Epoch milliseconds when Eleventy finished. */
  at: number;
}

/** A running `npm start` build (tools/bench/serve.ts) in a project. */
export interface WatchSession {
  /** Resolves when the first, full build is done. */
  ready: Promise<void>;
  /**
   * Writes `text` to `file` (project-relative) and resolves with the rebuild it causes. `poll`,
   * if given, runs every 20 ms from the save until it returns true or a second after the rebuild;
   * `polledAt` is when it first returned true.
   */
  save(file: string, text: string, poll?: () => boolean): Promise<{ rebuild: Rebuild; saved: number; polledAt?: number }>;
  stop(): void;
}

type ServeEvent = { event: "ready" | "change" | "built"; at: number; urls?: string[]; files?: string[] };

const POLL_MS = 20;

/** Starts the watch build in `root` (a project with its own `src`, copied or linked) with the build clock `now`. */
export function startWatch(root: string, now: string, timeoutMs = 30 * 60_000): WatchSession {
  const serve = path.join(import.meta.dirname, "serve.ts");
  const child = spawn(process.execPath, ["--import", "tsx", serve, now], { cwd: root, stdio: ["ignore", "pipe", "pipe"] });
  const events: ServeEvent[] = [];
  let exited = false;
  let output = "";
  createInterface({ input: child.stdout }).on("line", (line) => {
    if (line.startsWith("bench:")) events.push(JSON.parse(line.slice("bench:".length)) as ServeEvent);
    else output += `${line}\n`;
  });
  child.stderr.on("data", (chunk) => (output += chunk));
  child.on("exit", () => (exited = true));

  /** The first event after `since` that matches, waiting for it. */
  const next = async (since: number, match: (event: ServeEvent) => boolean): Promise<ServeEvent> => {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const event = events.find((e) => e.at >= since && match(e));
      if (event) return event;
      if (exited) throw new Error(`bench: the watch build exited\n${output.slice(-4000)}`);
      if (Date.now() > deadline) throw new Error(`bench: no answer from the watch build in ${timeoutMs / 1000} s\n${output.slice(-4000)}`);
      await sleep(POLL_MS);
    }
  };

  return {
    ready: next(0, (e) => e.event === "ready").then(() => undefined),
    async save(file, text, poll) {
      const saved = Date.now();
      writeFileSync(path.join(root, file), text);
      let built: ServeEvent | undefined;
      let failure: unknown;
      void next(saved, (e) => e.event === "built").then(
        (event) => (built = event),
        (error) => (failure = error),
      );
      let polledAt: number | undefined;
      while (!built || (poll && polledAt === undefined && Date.now() - built.at < 1000)) {
        if (failure) throw failure;
        if (poll && polledAt === undefined && poll()) polledAt = Date.now();
        await sleep(POLL_MS);
      }
      const changed = events.filter((e) => e.event === "change" && e.at >= saved && e.at <= built!.at).flatMap((e) => e.files ?? []);
      return { rebuild: { changed: [...new Set(changed)], urls: built.urls ?? [], at: built.at }, saved, polledAt };
    },
    stop: () => void child.kill(),
  };
}
