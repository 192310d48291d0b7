import { type Env, EXIT, type Out, runProcess } from './runner.js';

// === The operators' command lines by name, for `npm run <name>` (scripts/cli.mjs runs them from the
// start bundle, so a command does not transpile the sources first). Each is loaded when asked for.

type Program = (args: string[], env: Env, out: Out, err: Out) => Promise<number>;

const programs: Record<string, () => Promise<Program>> = {
  calendar: async () => (await import('./calendar.js')).runCalendarCli,
  events: async () => (await import('./events.js')).runEventsCli,
  stations: async () => (await import('./stations.js')).runStationsCli,
  wechat: async () => (await import('./wechat.js')).runWechatCli,
};

/** Runs the command line `name` as this process with `args` (what follows `npm run <name> --`). */
export function runProgram(name: string, args: string[]): void {
  const load = Object.hasOwn(programs, name) ? programs[name] : undefined;
  runProcess(`lianxin ${name}`, async ({ env, out, err }) => {
    if (!load) {
      err.write(`lianxin: no command line named "${name}" (one of: ${Object.keys(programs).join(', ')})\n`);
      return EXIT.usage;
    }
    return (await load())(args, env, out, err);
  });
}
