import { writeFileSync } from 'node:fs';
import { type Database, openDatabase } from '../../db/client.js';
import { createConfig } from '../config.js';
import { attendanceCsv } from '../domain/events/attendance.js';
import { eventView } from '../domain/events/events.js';
import { type Env, EXIT, type Out, runCommandLine, runIfProgram } from './runner.js';

// === `npm run events -- <command>`: operators' commands for events

const USAGE = `usage: npm run events -- export --event <编号> [--out <file.csv>]
  export   writes an event's sign-ups and attendance as CSV (UTF-8 with BOM), to the file or standard output`;

/**
 * Runs one command; resolves with the exit code. Output goes to `out`, errors to `err`. `database`: an
 * open database (tests); otherwise the configured one is opened — on PGlite only while the bot is
 * stopped (one process per data folder).
 */
export function runEventsCli(args: string[], env: Env, out: Out = process.stdout, err: Out = process.stderr, database?: Database): Promise<number> {
  return runCommandLine(
    {
      name: 'events',
      usage: USAGE,
      options: { event: { type: 'string' }, out: { type: 'string' } },
      commands: {
        async export({ values: { event: idText, out: file }, env, out, err, usage }) {
          if (!idText || !/^\d{1,9}$/.test(idText)) return usage();
          const config = createConfig(env);
          const db = database ?? (await openDatabase(config.database));
          try {
            const e = await eventView(db.db, Number(idText));
            if (!e) {
              err.write(`no event ${idText}\n`);
              return EXIT.failed;
            }
            const csv = await attendanceCsv(db.db, e, config.timeZone);
            if (file) {
              writeFileSync(file, csv);
              out.write(`活动 ${e.id} 已导出到 ${file}\n`);
            } else out.write(csv);
            return EXIT.done;
          } finally {
            if (!database) await db.close();
          }
        },
      },
    },
    args,
    env,
    out,
    err,
  );
}

runIfProgram(import.meta.url, 'lianxin events', runEventsCli);
