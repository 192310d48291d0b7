import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { SetupError } from '../core/errors.js';
import { safeError } from '../core/privacy.js';

// === One way to run a program (`npm start` and the operators' commands): .env, arguments, failures, exit codes

export type Env = Record<string, string | undefined>;
export type Out = NodeJS.WritableStream;

/** The exit codes of every program. */
export const EXIT = {
  done: 0,
  /** It could not be done: a setting, a file, the platform or the database (the reason is printed). */
  failed: 1,
  /** The command was used wrongly, or lacks a setting it needs: the usage or the missing setting is printed. */
  usage: 2,
} as const;

/**
 * A failure as the operator reads it: a `SetupError` whole (a setting's or a file's problems, saying
 * how to fix them); anything else as a safe error on one line, since it may carry personal data.
 */
export function failureText(program: string, err: unknown): string {
  return err instanceof SetupError ? `${err.message}\n` : `${program}: ${JSON.stringify(safeError(err))}\n`;
}

/** True when `moduleUrl` is the file node was started with (`tsx src/cli/calendar.ts`), not an import of it. */
export function isProgram(moduleUrl: string): boolean {
  return Boolean(process.argv[1]) && fileURLToPath(moduleUrl) === process.argv[1];
}

/**
 * Runs `program` as this process: `.env` read first (variables already set win), then the process
 * ends with the program's exit code; a failure is printed (`failureText`) and ends it with 1.
 */
export function runProcess(name: string, program: (io: { args: string[]; env: Env; out: Out; err: Out }) => Promise<number>): void {
  if (existsSync('.env')) process.loadEnvFile('.env');
  program({ args: process.argv.slice(2), env: process.env, out: process.stdout, err: process.stderr }).then(
    (code) => process.exit(code),
    (e: unknown) => {
      process.stderr.write(failureText(name, e));
      process.exit(EXIT.failed);
    },
  );
}

/** When `moduleUrl` is the file node was started with, runs the command line `run` as this process. */
export function runIfProgram(moduleUrl: string, name: string, run: (args: string[], env: Env, out: Out, err: Out) => Promise<number>): void {
  if (isProgram(moduleUrl)) runProcess(name, ({ args, env, out, err }) => run(args, env, out, err));
}

// === An operator's command line: `npm run <name> -- <command> [--option value …]`

/** Options as `node:util`'s `parseArgs` reads them: `--name value` or a flag. */
export type Options = Record<string, { type: 'string' } | { type: 'boolean' }>;
type Values<O extends Options> = { [K in keyof O]?: O[K] extends { type: 'boolean' } ? boolean : string };

/** What a command gets: its options' values, the environment, where to write, and the usage. */
export interface Call<O extends Options> {
  values: Values<O>;
  env: Env;
  out: Out;
  err: Out;
  /** Prints the problem (if any) and the usage; returns `EXIT.usage`. */
  usage(problem?: string): number;
}

export interface CommandLine<O extends Options> {
  /** `npm run <name>`; failures are printed as `lianxin <name>: …`. */
  name: string;
  usage: string;
  options: O;
  /** Each command by its word; resolves with the exit code. */
  commands: Record<string, (call: Call<O>) => Promise<number>>;
}

/**
 * Runs one command; resolves with its exit code and never throws. Arguments that do not parse
 * (an unknown option, a missing value, an unknown command or a stray word) print the usage.
 */
export async function runCommandLine<O extends Options>(cli: CommandLine<O>, args: string[], env: Env, out: Out, err: Out): Promise<number> {
  const usage = (problem?: string) => {
    err.write(`${problem ? `${problem}\n` : ''}${cli.usage}\n`);
    return EXIT.usage;
  };
  let parsed: { values: object; positionals: string[] };
  try {
    parsed = parseArgs({ args, options: cli.options, allowPositionals: true, strict: true });
  } catch (e) {
    return usage(e instanceof Error ? e.message : String(e));
  }
  const [word, ...stray] = parsed.positionals;
  const command = word !== undefined && Object.hasOwn(cli.commands, word) ? cli.commands[word] : undefined;
  if (!command || stray.length > 0) return usage();
  try {
    return await command({ values: parsed.values as Values<O>, env, out, err, usage });
  } catch (e) {
    err.write(failureText(`lianxin ${cli.name}`, e));
    return EXIT.failed;
  }
}

/** The command line as a function of its arguments (what tests and `runProcess` call). */
export function commandLine<O extends Options>(cli: CommandLine<O>) {
  return (args: string[], env: Env, out: Out = process.stdout, err: Out = process.stderr): Promise<number> => runCommandLine(cli, args, env, out, err);
}
