import { z } from 'zod';
import { configSection, optionalOf } from '../core/config-section.js';

// === This process: its stable name among instances on one database, and where its HTTP server listens

export const processConfig = configSection({
  vars: {
    INSTANCE_NAME: optionalOf(z.string().regex(/^[^/\s]{1,100}$/, 'must be 1–100 characters without spaces or /, e.g. bot-1')),
    PORT: z.coerce.number().int().min(0).max(65535).default(8080),
    HOST: z.string().trim().min(1).default('0.0.0.0'),
  },
  read: (e) => ({
    /** This instance's stable name (kept across restarts); the host name when unset. */
    instanceName: e.INSTANCE_NAME,
    /** The HTTP server (webhooks, callbacks, calendar feeds), when something needs one. */
    http: { port: e.PORT, host: e.HOST },
  }),
});
