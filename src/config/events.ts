import { z } from 'zod';
import { configSection } from '../core/config-section.js';

// === Events: the private reminder's lead time, how early check-in opens, the check-in radius around a shared place

export const eventsConfig = configSection({
  vars: {
    EVENT_REMIND_HOURS_BEFORE: z.coerce.number().int().min(1).max(168).default(24),
    EVENT_CHECKIN_EARLY_MINUTES: z.coerce.number().int().min(0).max(720).default(60),
    EVENT_CHECKIN_RADIUS_METERS: z.coerce.number().int().min(10).max(50000).default(500),
  },
  read: (e) => ({
    events: {
      remindHoursBefore: e.EVENT_REMIND_HOURS_BEFORE,
      checkInEarlyMinutes: e.EVENT_CHECKIN_EARLY_MINUTES,
      checkInRadiusMeters: e.EVENT_CHECKIN_RADIUS_METERS,
    },
  }),
});
