import { z } from 'zod';
import { configSection, optional } from '../core/config-section.js';
import { DEFAULT_TIME_ZONE, isTimeZone } from '../core/time-zone.js';

// === The time zone every date is read in, and the service days' calendar

export const calendarConfig = configSection({
  vars: {
    TIME_ZONE: z.string().trim().refine(isTimeZone, 'must be an IANA time zone, e.g. Asia/Shanghai').default(DEFAULT_TIME_ZONE),
    CALENDAR_FILE: optional,
    REMINDER_GRACE_MINUTES: z.coerce.number().int().min(1).max(1440).default(60),
    CALENDAR_FEED: z.enum(['on', 'off']).default('off'),
  },
  read: (e) => ({
    /** The zone every date is typed and read in: events, service days, reminder times, ICS feeds (IANA name). */
    timeZone: e.TIME_ZONE,
    /** Service days and reminders: the calendar file, how late a reminder may still go out, and whether the HTTP server serves `.ics` feeds. */
    calendar: { file: e.CALENDAR_FILE, graceMinutes: e.REMINDER_GRACE_MINUTES, feed: e.CALENDAR_FEED === 'on' },
  }),
});
