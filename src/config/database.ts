import { z } from 'zod';
import { configSection, optionalOf } from '../core/config-section.js';

// === The database: the embedded PGlite in a folder, or a PostgreSQL server

export const databaseConfig = configSection({
  vars: {
    DATA_DIR: z.string().trim().min(1).default('./data'),
    DATABASE_URL: optionalOf(
      z.string().regex(/^postgres(ql)?:\/\//, 'must start with postgres:// or postgresql://, e.g. postgres://user:pass@127.0.0.1:5432/lianxin'),
    ),
  },
  read: (e) => ({
    database: e.DATABASE_URL ? ({ kind: 'postgres', url: e.DATABASE_URL } as const) : ({ kind: 'pglite', dataDir: e.DATA_DIR } as const),
  }),
});
