/**
 * The command line of every Bayan command, read the same way: `--help` (`-h`) prints the usage
 * and ends the command with 0; an unknown option, an option without its value or an argument the
 * command does not take prints one line saying which, then the usage, and ends it with 2.
 * `--debug` is known to every command: errors then come with their stack trace.
 *
 * @example
 * const args = readArgs({ usage: "Usage: npm run check [-- --now=<date-time>]", options: { now: { type: "string" } } }, argv, io);
 * if (typeof args === "number") return args; // the exit code
 */
import { parseArgs, type ParseArgsConfig } from "node:util";
import { OptionError } from "../options.ts";
import { formatDiagnostic } from "../diagnostics.ts";
import { type CommandIo, writeLine } from "./io.ts";

type Options = NonNullable<ParseArgsConfig["options"]>;

const COMMON = {
  help: { type: "boolean", short: "h" },
  debug: { type: "boolean", default: false },
} as const;

/** The `parseArgs` config of a command (named, so the compiled `.d.ts` can name what `readArgs` returns). */
type Config<O extends Options> = { args: string[]; options: O & typeof COMMON; allowPositionals: boolean; strict: true };

/** What a command takes: its usage text (ends with the option list) and its options. */
export interface CommandLine<O extends Options> {
  usage: string;
  options: O;
  /** Whether the command takes arguments that are not options (a title, a query). */
  positionals?: boolean;
}

/**
 * Reads `argv` for `command`: the options, or, after printing the usage on `--help` or a mistake
 * (see above), the exit code the command ends with.
 */
export function readArgs<O extends Options>(
  command: CommandLine<O>,
  argv: string[],
  io: Pick<CommandIo, "stdout" | "stderr">,
): ReturnType<typeof parseArgs<Config<O>>> | number {
  const config: Config<O> = { args: argv, options: { ...command.options, ...COMMON }, allowPositionals: command.positionals ?? false, strict: true };
  let parsed;
  try {
    parsed = parseArgs(config);
  } catch (error) {
    writeLine(io.stderr, `error: ${optionProblem(error as NodeJS.ErrnoException)}\n\n${usageText(command.usage)}`);
    return 2;
  }
  if ((parsed.values as { help?: boolean }).help) {
    writeLine(io.stdout, usageText(command.usage));
    return 0;
  }
  return parsed;
}

function usageText(usage: string): string {
  return `${usage.trimEnd()}\n  --debug             show the stack trace of an error\n  -h, --help          show this help\n`;
}

/** One line for a `parseArgs` error: Node's own messages run to several sentences and lines. */
function optionProblem(error: NodeJS.ErrnoException): string {
  const option = /'(--?[\w-]+)/.exec(error.message)?.[1];
  if (error.code === "ERR_PARSE_ARGS_INVALID_OPTION_VALUE" && option) return `option ${option} needs a value, e.g. ${option}=…`;
  if (error.code === "ERR_PARSE_ARGS_UNKNOWN_OPTION" && option) return `unknown option ${option}`;
  if (error.code === "ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL")
    return `unexpected argument ${/'([^']*)'/.exec(error.message)?.[1] ?? ""}; options are written --name=value`;
  return error.message.split("\n")[0];
}

/** Prints an option the user got wrong as `--now: error: …` with its hint; returns its exit code, 2. */
export function printOptionError(error: OptionError, io: Pick<CommandIo, "stderr">): number {
  writeLine(io.stderr, formatDiagnostic({ file: error.option, severity: "error", message: error.detail, hint: error.hint }));
  return 2;
}

/** Reads a `--port` value; anything but a port number is an `OptionError`. */
export function parsePort(value: string): number {
  const port = Number(value);
  if (!/^\d+$/.test(value) || port > 65535)
    throw new OptionError("--port", `"${value}" is not a port number`, "give a whole number from 1 to 65535, e.g. --port=8080");
  return port;
}
