import { z } from 'zod';
import { configSection } from '../core/config-section.js';

// === The log: pino's level (src/logger.ts); unset, src/main.ts chooses by the channels that run

export const loggingConfig = configSection({
  vars: {
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).optional(),
  },
  read: (e) => ({ logLevel: e.LOG_LEVEL }),
});
