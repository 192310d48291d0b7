import { and, asc, eq, gte, inArray, lt } from 'drizzle-orm';
import { events, stations } from '../../../db/schema.js';
import type { EventSource } from '../calendar/types.js';

// === Events as the calendar sees them (its reminders and .ics feed)

/** Open (not cancelled) events starting in [from, to) of the given stations (their own, not those below), by start. */
export const eventSource: EventSource = {
  async eventsBetween(db, stationCodes, from, to) {
    if (stationCodes !== 'all' && stationCodes.length === 0) return [];
    const rows = await db
      .select({ id: events.id, stationCode: stations.code, title: events.title, startsAt: events.startsAt, endsAt: events.endsAt, place: events.place })
      .from(events)
      .innerJoin(stations, eq(stations.id, events.stationId))
      .where(
        and(
          eq(events.status, 'open'),
          gte(events.startsAt, from),
          lt(events.startsAt, to),
          stationCodes === 'all' ? undefined : inArray(stations.code, stationCodes),
        ),
      )
      .orderBy(asc(events.startsAt), asc(events.id));
    return rows;
  },
};
