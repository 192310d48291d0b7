import { existsSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { type Database, openDatabase } from '../../db/client.js';
import { ConfigError, createConfig } from '../config.js';
import { safeError } from '../core/privacy.js';
import { attendanceCsv } from '../domain/events/attendance.js';
import { eventView } from '../domain/events/events.js';

// === `npm run events -- <command>`: operators' commands for events

const USAGE = `usage: npm run events -- export --event <编号> [--out <file.csv>]
  export   writes an event's sign-ups and attendance as CSV (UTF-8 with BOM), to the file or standard output`;

const flag = (flags: string[], name: string) => {
  const i = flags.indexOf(name);
  return i >= 0 ? flags[i + 1] : undefined;
};

/**
 * Runs one command; returns the exit code. Output goes to `out`, errors to `err`. `database`: an open
 * database (tests); otherwise the configured one is opened — on PGlite only while the bot is stopped
 * (one process per data folder).
 */
export async function runEventsCli(
  args: string[],
  env: Record<string, string | undefined>,
  out: NodeJS.WritableStream = process.stdout,
  err: NodeJS.WritableStream = process.stderr,
  database?: Database,
): Promise<number> {
  const [command, ...flags] = args;
  const idText = flag(flags, '--event');
  if (command !== 'export' || !idText || !/^\d{1,9}$/.test(idText)) {
    err.write(`${USAGE}\n`);
    return 2;
  }
  const config = createConfig(env);
  const db = database ?? (await openDatabase(config.database));
  try {
    const e = await eventView(db.db, Number(idText));
    if (!e) {
      err.write(`no event ${idText}\n`);
      return 1;
    }
    const csv = await attendanceCsv(db.db, e, config.timeZone);
    const file = flag(flags, '--out');
    if (file) {
      writeFileSync(file, csv);
      out.write(`活动 ${e.id} 已导出到 ${file}\n`);
    } else out.write(csv);
    return 0;
  } finally {
    if (!database) await db.close();
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  if (existsSync('.env')) process.loadEnvFile('.env');
  runEventsCli(process.argv.slice(2), process.env).then(
    (code) => process.exit(code),
    (e: unknown) => {
      process.stderr.write(e instanceof ConfigError ? `${e.message}\n` : `lianxin events: ${JSON.stringify(safeError(e))}\n`);
      process.exit(1);
    },
  );
}
