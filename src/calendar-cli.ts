import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { ConfigError, createConfig } from './config.js';
import { isCivilDate } from './domain/calendar/civil.js';
import { previewLines } from './domain/calendar/preview.js';
import { readCalendarFile } from './domain/calendar/rules.js';
import { createCalendar } from './domain/calendar/schedule.js';

// === `npm run calendar -- <command>`: operators' commands for service days (no database, no network)

const USAGE = `usage: npm run calendar -- preview --from YYYY-MM-DD --to YYYY-MM-DD
  preview   prints every service day and reminder in the range, one per line:
            date, time, kind, title, holiday note (tab-separated)`;

function flag(flags: string[], name: string): string | undefined {
  const i = flags.indexOf(name);
  return i >= 0 ? flags[i + 1] : undefined;
}

/** Runs one command; returns the exit code. Output goes to `out`, errors to `err`. */
export async function runCalendarCli(
  args: string[],
  env: Record<string, string | undefined>,
  out: NodeJS.WritableStream = process.stdout,
  err: NodeJS.WritableStream = process.stderr,
): Promise<number> {
  const [command, ...flags] = args;
  const usage = (problem?: string) => {
    err.write(`${problem ? `${problem}\n` : ''}${USAGE}\n`);
    return 2;
  };
  switch (command) {
    case 'preview': {
      const from = flag(flags, '--from');
      const to = flag(flags, '--to');
      if (!from || !to || !isCivilDate(from) || !isCivilDate(to) || from > to) return usage('--from and --to must be dates YYYY-MM-DD, --from not after --to');
      const config = createConfig(env);
      const calendar = createCalendar(readCalendarFile(config.calendar.file), config.timeZone);
      out.write(`${previewLines(calendar, from, to).join('\n')}\n`);
      return 0;
    }
    default:
      return usage();
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  if (existsSync('.env')) process.loadEnvFile('.env');
  runCalendarCli(process.argv.slice(2), process.env).then(
    (code) => process.exit(code),
    (e) => {
      process.stderr.write(`${e instanceof ConfigError || e instanceof Error ? e.message : String(e)}\n`);
      process.exit(1);
    },
  );
}
