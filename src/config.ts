import { z } from 'zod';

// === Configuration: parsed once from the environment, failing fast with a fix-it message

const optional = z
  .string()
  .trim()
  .transform((v) => (v === '' ? undefined : v))
  .optional();

const schema = z
  .object({
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
    TELEGRAM_BOT_TOKEN: optional.pipe(
      z
        .string()
        .regex(/^\d+:[A-Za-z0-9_-]+$/, 'looks wrong: a token from @BotFather looks like 123456789:AAE…')
        .optional(),
    ),
    TELEGRAM_API_ROOT: optional.pipe(z.url('must be a URL, e.g. http://127.0.0.1:8081 for a self-hosted Bot API server').optional()),
    TELEGRAM_WEBHOOK_URL: optional.pipe(z.url('must be the public https URL Telegram posts to, e.g. https://bot.example.org/telegram').optional()),
    TELEGRAM_WEBHOOK_SECRET: optional.pipe(
      z
        .string()
        .regex(/^[A-Za-z0-9_-]{32,256}$/, 'must be 32–256 characters of A-Z a-z 0-9 _ - (e.g. `openssl rand -hex 32`)')
        .optional(),
    ),
    ORGANIZERS: optional.pipe(
      z
        .string()
        .regex(/^[a-z]+:[^,\s]+(,[a-z]+:[^,\s]+)*$/, 'must be channel:id pairs separated by commas, e.g. telegram:123456,wechat:wxid_abc')
        .optional(),
    ),
    CLAIM_REMIND_MINUTES: z.coerce.number().int().min(1).max(1440).default(10),
    ESCALATE_MINUTES: z.coerce.number().int().min(1).max(1440).default(30),
    INSTANCE_NAME: optional.pipe(
      z
        .string()
        .regex(/^[^/\s]{1,100}$/, 'must be 1–100 characters without spaces or /, e.g. bot-1')
        .optional(),
    ),
    PORT: z.coerce.number().int().min(0).max(65535).default(8080),
    HOST: z.string().trim().min(1).default('0.0.0.0'),
  })
  .superRefine((e, ctx) => {
    if (e.TELEGRAM_WEBHOOK_URL && !e.TELEGRAM_WEBHOOK_SECRET) {
      ctx.addIssue({
        code: 'custom',
        path: ['TELEGRAM_WEBHOOK_SECRET'],
        message: 'is required with TELEGRAM_WEBHOOK_URL (32+ characters, e.g. `openssl rand -hex 32`)',
      });
    }
    if (e.TELEGRAM_WEBHOOK_URL && !e.TELEGRAM_BOT_TOKEN) {
      ctx.addIssue({ code: 'custom', path: ['TELEGRAM_BOT_TOKEN'], message: 'is required with TELEGRAM_WEBHOOK_URL' });
    }
  });

export interface Config {
  database: { kind: 'pglite'; dataDir: string } | { kind: 'postgres'; url: string };
  logLevel: z.infer<typeof schema>['LOG_LEVEL'];
  catalogueFile: string | undefined;
  stationsFile: string | undefined;
  /** Accounts that are organizers of the root station from the start. */
  organizers: { channel: string; externalId: string }[];
  dispatch: { remindMinutes: number; escalateMinutes: number };
  /** This instance's stable name (kept across restarts); the host name when unset. */
  instanceName: string | undefined;
  /** Set when the Telegram channel should run. */
  telegram: { token: string; apiRoot: string | undefined; webhook: { url: string; secret: string; port: number; host: string } | undefined } | undefined;
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
    organizers: (e.ORGANIZERS ?? '')
      .split(',')
      .filter(Boolean)
      .map((pair) => {
        const [channel = '', ...rest] = pair.split(':');
        return { channel, externalId: rest.join(':') };
      }),
    dispatch: { remindMinutes: e.CLAIM_REMIND_MINUTES, escalateMinutes: e.ESCALATE_MINUTES },
    instanceName: e.INSTANCE_NAME,
    telegram: e.TELEGRAM_BOT_TOKEN
      ? {
          token: e.TELEGRAM_BOT_TOKEN,
          apiRoot: e.TELEGRAM_API_ROOT,
          webhook:
            e.TELEGRAM_WEBHOOK_URL && e.TELEGRAM_WEBHOOK_SECRET
              ? { url: e.TELEGRAM_WEBHOOK_URL, secret: e.TELEGRAM_WEBHOOK_SECRET, port: e.PORT, host: e.HOST }
              : undefined,
        }
      : undefined,
  };
}
