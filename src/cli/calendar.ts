import { writeFileSync } from 'node:fs';
import { type Database, openDatabase } from '../../db/client.js';
import { createConfig } from '../config.js';
import { currentStationFeed, feedRange, stationFeed } from '../domain/calendar/feed.js';
import { eventSource } from '../domain/events/event-source.js';
import { isCivilDate } from '../domain/calendar/civil.js';
import { previewLines } from '../domain/calendar/preview.js';
import { readCalendarFile } from '../domain/calendar/rules.js';
import { createCalendar } from '../domain/calendar/schedule.js';
import { readStationsFile } from '../domain/reference-data.js';
import { stationTreeOf } from '../domain/stations/tree.js';
import { commandLine, EXIT, runIfProgram } from './runner.js';

// === `npm run calendar -- <command>`: operators' commands for service days (no database, no network)

const USAGE = `usage: npm run calendar -- preview --from YYYY-MM-DD --to YYYY-MM-DD
       npm run calendar -- ics --station <code|name> [--out file.ics]
  preview   prints every service day and reminder in the range, one per line:
            date, time, kind, title, holiday note (tab-separated)
  ics       writes a station's calendar feed (last month to a year ahead) to the file, or to standard output`;

/** `npm run calendar -- preview | ics …`; resolves with the exit code. */
export const runCalendarCli = commandLine({
  name: 'calendar',
  usage: USAGE,
  options: { from: { type: 'string' }, to: { type: 'string' }, station: { type: 'string' }, out: { type: 'string' } },
  commands: {
    async preview({ values: { from, to }, env, out, usage }) {
      if (!from || !to || !isCivilDate(from) || !isCivilDate(to) || from > to) return usage('--from and --to must be dates YYYY-MM-DD, --from not after --to');
      const config = createConfig(env);
      const calendar = createCalendar(readCalendarFile(config.calendar.file), config.timeZone);
      out.write(`${previewLines(calendar, from, to).join('\n')}\n`);
      return EXIT.done;
    },
    async ics({ values: { station: wanted, out: file }, env, out, err, usage }) {
      const config = createConfig(env);
      const tree = stationTreeOf(readStationsFile(config.stationsFile));
      const station = wanted ? tree.find(wanted) : undefined;
      if (!station) return usage(wanted ? `no station is called ${wanted} (use its code or name from the stations file)` : '--station is required');
      const calendar = createCalendar(readCalendarFile(config.calendar.file), config.timeZone);
      // Planned events live in the database: read on PostgreSQL; the embedded one belongs to the running bot.
      const database: Database | null = config.database.kind === 'postgres' ? await openDatabase(config.database) : null;
      try {
        const now = new Date();
        const body = database
          ? await currentStationFeed(database.db, { calendar, tree, events: eventSource }, station, now)
          : stationFeed({ calendar, station, events: [], ...feedRange(now, calendar.timeZone), now });
        if (file) {
          writeFileSync(file, body);
          err.write(`${station.name}（${station.code}）的日历已写入 ${file}${database ? '' : '（未含活动：嵌入式数据库只属于运行中的机器人）'}\n`);
        } else out.write(body);
        return EXIT.done;
      } finally {
        await database?.close();
      }
    },
  },
});

runIfProgram(import.meta.url, 'lianxin calendar', runCalendarCli);
