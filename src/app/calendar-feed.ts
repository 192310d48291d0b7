import { Hono } from 'hono';
import type { App } from '../app.js';
import type { Clock } from '../core/ports.js';
import { currentStationFeed } from '../domain/calendar/feed.js';
import type { HttpEnv, HttpServer } from '../http/server.js';

// === GET /calendar/<station code>.ics: each station's feed, Hono routes on the process's HTTP server (CALENDAR_FEED=on)

const FEEDS = '/calendar';

/** The path of a station's feed. */
export const feedPath = (code: string) => `${FEEDS}/${code}.ics`;

/** Adds a feed route for every station still in the stations file. */
export function addCalendarFeedRoutes(http: HttpServer, app: Pick<App, 'db' | 'tree' | 'calendar' | 'events'>, clock: Clock = () => new Date()) {
  const feeds = new Hono<HttpEnv>();
  for (const station of app.tree.all()) {
    if (station.retired) continue;
    feeds.get(`/${station.code}.ics`, async (c) =>
      c.body(await currentStationFeed(app.db, app, station, clock()), 200, {
        'content-type': 'text/calendar; charset=utf-8',
        'cache-control': 'max-age=3600',
      }),
    );
  }
  http.mount(FEEDS, feeds);
}
