import { and, asc, eq, gte, inArray, lt } from 'drizzle-orm';
import type { Db } from '../../../db/client.js';
import { events, stations } from '../../../db/schema.js';

// === Events as the calendar sees them (its reminders and .ics feed)

// Copied from src/domain/calendar/types.ts (the calendar branch), which is the source of truth once merged.
/** An event the calendar shows. */
export interface PlannedEvent {
  id: number;
  stationCode: string;
  title: string;
  startsAt: Date;
  endsAt: Date | null;
  place: string;
}

/** Where the calendar finds events. */
export interface EventSource {
  eventsBetween(db: Db, stationCodes: string[] | 'all', from: Date, to: Date): Promise<PlannedEvent[]>;
}

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
