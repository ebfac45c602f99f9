/**
 * What a command is given instead of the process's globals: its folder, where it writes, what it
 * reads and its clock. The command file's entry (`runAsCommand`) hands it the real process; a test
 * calls the command's `main` in its own process with folders and writers of its own.
 */
import { existsSync, realpathSync } from "node:fs";
import { pathToFileURL } from "node:url";
import { DateTime } from "luxon";

/** Where a command writes: `process.stdout`, or a test's collector. */
export interface Writer {
  write(text: string): unknown;
}

/** A command's world: never `process.cwd()`, `process.stdout` or the wall clock directly. */
export interface CommandIo {
  /** The folder the command runs in; relative paths of its options are read from here. */
  cwd: string;
  stdout: Writer;
  stderr: Writer;
  /** Standard input, read by `search --json`. */
  stdin: AsyncIterable<string | Buffer> | Iterable<string | Buffer>;
  /** The clock when no `--now` is given. */
  now: () => DateTime;
}

/** A command: reads `argv` (its options, without its name), does its work, returns the exit code. */
export type Command = (argv: string[], io: CommandIo) => Promise<number>;

/** The process as a command's world. */
export function processIo(): CommandIo {
  return { cwd: process.cwd(), stdout: process.stdout, stderr: process.stderr, stdin: process.stdin, now: () => DateTime.now() };
}

/** Writes `text` and a line end. */
export function writeLine(writer: Writer, text = ""): void {
  writer.write(`${text}\n`);
}

/**
 * Runs `main` on the process's arguments when `moduleUrl` is the file Node was started with
 * (`tsx src/cli/build.ts`, or the installed bin), not when a test or another command imports it.
 * The exit code is set, not forced: a server the command started keeps the process running.
 */
export async function runAsCommand(moduleUrl: string, main: Command): Promise<void> {
  // Real paths, because Node names a module by its real path even when it was started through a link.
  const started = process.argv[1] && existsSync(process.argv[1]) ? realpathSync(process.argv[1]) : undefined;
  if (!started || moduleUrl !== pathToFileURL(started).href) return;
  process.stdout.on("error", quietWhenUnread);
  process.exitCode = await main(process.argv.slice(2), processIo());
}

/**
 * A reader that stops early (`npm run search -- x | head -1`) closes the pipe: what the command
 * writes after that is not wanted, which is no error to report with a stack trace. Any other
 * failure of standard output is.
 */
function quietWhenUnread(error: NodeJS.ErrnoException): void {
  if (error.code !== "EPIPE" && error.code !== "ERR_STREAM_DESTROYED") throw error;
}
