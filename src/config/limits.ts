import { z } from 'zod';
import { configSection } from '../core/config-section.js';

// === Under load: one person's allowance of messages (src/core/flood-control.ts), and the new requests a
// resident may make a day (a day in TIME_ZONE)

export const limitsConfig = configSection({
  vars: {
    FLOOD_BURST: z.coerce.number().int().min(1).max(1000).default(5),
    FLOOD_PER_MINUTE: z.coerce.number().int().min(1).max(6000).default(30),
    REQUESTS_PER_DAY: z.coerce.number().int().min(1).max(1000).default(5),
  },
  read: (e) => ({ limits: { flood: { burst: e.FLOOD_BURST, perMinute: e.FLOOD_PER_MINUTE }, requestsPerDay: e.REQUESTS_PER_DAY } }),
});
