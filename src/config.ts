import { z } from 'zod';

// === Configuration: parsed once from the environment, failing fast with a fix-it message

const optional = z
  .string()
  .trim()
  .transform((v) => (v === '' ? undefined : v))
  .optional();

const schema = z.object({
  DATA_DIR: z.string().trim().min(1).default('./data'),
  DATABASE_URL: optional.pipe(
    z
      .string()
      .regex(/^postgres(ql)?:\/\//, 'must start with postgres:// or postgresql://, e.g. postgres://user:pass@127.0.0.1:5432/lianxin')
      .optional(),
  ),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).optional(),
  CATALOGUE_FILE: optional,
  STATIONS_FILE: optional,
});

export interface Config {
  database: { kind: 'pglite'; dataDir: string } | { kind: 'postgres'; url: string };
  logLevel: z.infer<typeof schema>['LOG_LEVEL'];
  catalogueFile: string | undefined;
  stationsFile: string | undefined;
}

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

/** Reads the configuration from `env`; throws `ConfigError` saying which variable is wrong and how to fix it. */
export function createConfig(env: Record<string, string | undefined>): Config {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}\nFix the variable (see .env.example) and start again.`);
  }
  const e = parsed.data;
  return {
    database: e.DATABASE_URL ? { kind: 'postgres', url: e.DATABASE_URL } : { kind: 'pglite', dataDir: e.DATA_DIR },
    logLevel: e.LOG_LEVEL,
    catalogueFile: e.CATALOGUE_FILE,
    stationsFile: e.STATIONS_FILE,
  };
}
