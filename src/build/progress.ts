/**
 * Progress of a long build on one terminal line (`\r`-rewritten), shown only when the output is a
 * terminal: CI logs and piped output stay quiet.
 *
 * @example
 * progress.step("Reading releases", 500, 10_000); // "Reading releases 500/10,000 (5%)"
 * progress.done("Built dist/ in 41.2 s: 10,000 releases, 15,233 pages."); // always printed
 */
export interface Progress {
  /** Reports `done` of `total` steps of one stage; redraws at most every `intervalMs`, and always at the end of the stage. */
  step(label: string, done: number, total?: number): void;
  /** Erases the progress line (before printing something else). */
  clear(): void;
  /** Erases the progress line and prints a one-line summary, terminal or not. */
  done(summary?: string): void;
}

/** Where progress goes: a stream with `isTTY`, like `process.stdout`. */
export interface ProgressStream {
  isTTY?: boolean;
  columns?: number;
  write(text: string): unknown;
}

const ERASE_LINE = "\x1b[K";

/** A progress line on `stream`; silent (apart from `done`'s summary) when the stream is not a terminal. */
export function createProgress(stream: ProgressStream = process.stdout, { intervalMs = 100 } = {}): Progress {
  let shown = false;
  let lastDraw = 0;
  const clear = () => {
    if (shown) stream.write(`\r${ERASE_LINE}`);
    shown = false;
  };
  return {
    step(label, done, total) {
      if (!stream.isTTY) return;
      const now = Date.now();
      if (now - lastDraw < intervalMs && done !== total) return;
      lastDraw = now;
      const count = total
        ? `${done.toLocaleString("en-US")}/${total.toLocaleString("en-US")} (${Math.floor((100 * done) / total)}%)`
        : done.toLocaleString("en-US");
      const line = `${label} ${count}`;
      stream.write(`\r${line.slice(0, (stream.columns ?? 80) - 1)}${ERASE_LINE}`);
      shown = true;
    },
    clear,
    done(summary) {
      clear();
      if (summary) stream.write(`${summary}\n`);
    },
  };
}

/** The build's progress line on standard output. */
export const progress: Progress = createProgress();

/** `loadReleases`' `onProgress` on the build's progress line. */
export const readingReleases = (done: number, total: number) => progress.step("Reading releases", done, total);
