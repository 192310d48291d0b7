import type { Db } from '../../../db/client.js';

// === What the calendar needs from others: the events organizers plan (the events module implements it)

/** An event an organizer planned at a station (报名, 签到 … live in the events module). */
export interface PlannedEvent {
  id: number;
  stationCode: string;
  title: string;
  startsAt: Date;
  endsAt: Date | null;
  place: string;
}

/** The events planned at some stations (or all) between two instants. */
export interface EventSource {
  /** Events starting in [from, to) at these stations, earliest first. */
  eventsBetween(db: Db, stationCodes: string[] | 'all', from: Date, to: Date): Promise<PlannedEvent[]>;
}

/** No events: the source until the events module is wired in. */
export const noEvents: EventSource = {
  eventsBetween: async () => [],
};
