import type { App } from '../app.js';
import type { Clock } from '../core/ports.js';
import type { HttpServer } from '../core/http-server.js';
import { currentStationFeed } from '../domain/calendar/feed.js';

// === GET /calendar/<station code>.ics: each station's feed on the process's HTTP server (CALENDAR_FEED=on)

/** The path of a station's feed. */
export const feedPath = (code: string) => `/calendar/${code}.ics`;

/** Adds a feed route for every station still in the stations file. */
export function addCalendarFeedRoutes(http: HttpServer, app: Pick<App, 'db' | 'tree' | 'calendar' | 'events'>, clock: Clock = () => new Date()) {
  for (const station of app.tree.all()) {
    if (station.retired) continue;
    http.route('GET', feedPath(station.code), async (_req, res) => {
      const body = await currentStationFeed(app.db, app, station, clock());
      res.writeHead(200, { 'content-type': 'text/calendar; charset=utf-8', 'cache-control': 'max-age=3600' }).end(body);
    });
  }
}
