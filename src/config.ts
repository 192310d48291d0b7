import { z } from 'zod';
import { SetupError } from './core/errors.js';
import { NOTICE_KINDS } from './core/message.js';
import type { ChannelPacing } from './core/pacer.js';
import { DEFAULT_TIME_ZONE, isTimeZone } from './core/time-zone.js';

// === Configuration: parsed once from the environment, failing fast with a fix-it message

const optional = z
  .string()
  .trim()
  .transform((v) => (v === '' ? undefined : v))
  .optional();

/** The hotline's own number and its city's area code, unless configured (Jiaxing's 96345, 0573). */
export const DEFAULT_HOTLINE: HotlineConfig = { phone: '96345', localAreaCode: '0573' };

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
    PRIVATE_OFFERS_PER_REQUEST: z.coerce.number().int().min(0).max(200).default(5),
    EVENT_REMIND_HOURS_BEFORE: z.coerce.number().int().min(1).max(168).default(24),
    EVENT_CHECKIN_EARLY_MINUTES: z.coerce.number().int().min(0).max(720).default(60),
    EVENT_CHECKIN_RADIUS_METERS: z.coerce.number().int().min(10).max(50000).default(500),
    TELEGRAM_SEND_PER_SECOND: z.coerce.number().int().min(1).max(1000).default(25),
    TELEGRAM_GROUP_SENDS_PER_MINUTE: z.coerce.number().int().min(1).max(1000).default(20),
    WECHAT_SEND_PER_SECOND: z.coerce.number().int().min(1).max(1000).default(10),
    FLOOD_BURST: z.coerce.number().int().min(1).max(1000).default(5),
    FLOOD_PER_MINUTE: z.coerce.number().int().min(1).max(6000).default(30),
    REQUESTS_PER_DAY: z.coerce.number().int().min(1).max(1000).default(5),
    WECHAT_APP_ID: optional.pipe(
      z
        .string()
        .regex(/^wx[0-9a-f]{16}$/, 'looks wrong: the AppID (开发者ID) looks like wx1234567890abcdef')
        .optional(),
    ),
    WECHAT_APP_SECRET: optional.pipe(
      z
        .string()
        .regex(/^[0-9a-zA-Z]{32}$/, 'looks wrong: the AppSecret (开发者密码) is 32 letters and digits')
        .optional(),
    ),
    WECHAT_TOKEN: optional.pipe(
      z
        .string()
        .regex(/^[A-Za-z0-9]{3,32}$/, 'must be the Token set under 服务器配置: 3–32 letters and digits')
        .optional(),
    ),
    WECHAT_AES_KEY: optional.pipe(
      z
        .string()
        .regex(/^[A-Za-z0-9]{43}$/, 'must be the EncodingAESKey (消息加解密密钥) set under 服务器配置: 43 letters and digits')
        .optional(),
    ),
    WECHAT_API_ROOT: optional.pipe(z.url('must be a URL, e.g. http://127.0.0.1:8090 for a local stand-in').optional()),
    WECHAT_PATH: z
      .string()
      .trim()
      .regex(/^\/[A-Za-z0-9/_-]*$/, 'must be a path such as /wechat')
      .default('/wechat'),
    WECHAT_TEMPLATES: optional.pipe(z.string().optional()),
    WECHAT_TEMPLATE_URL: optional.pipe(z.url('must be a URL; {ticket} is replaced by the ticket').optional()),
    WECHAT_REPLY_WINDOW_HOURS: z.coerce.number().min(1).max(48).default(48),
    WECHAT_REPLIES_PER_MESSAGE: z.coerce.number().int().min(1).max(20).default(5),
    WECHAT_MENU_REPLIES: z.enum(['on', 'off']).default('on'),
    LLM_BASE_URL: optional.pipe(
      z
        .url({ protocol: /^https?$/, error: 'must be the http(s) API root of an OpenAI-compatible endpoint, e.g. http://127.0.0.1:11434/v1 (Ollama)' })
        .optional(),
    ),
    LLM_MODEL: optional,
    LLM_API_KEY: optional,
    LLM_TIMEOUT_MS: z.coerce.number().int().min(100).max(30_000).default(3000),
    HOTLINE_PHONE: z
      .string()
      .trim()
      .regex(/^[0-9][0-9-]{2,19}$/, 'must be the number residents can call, digits and dashes, e.g. 96345 or 0573-96345')
      .default(DEFAULT_HOTLINE.phone),
    LOCAL_AREA_CODE: z
      .string()
      .trim()
      .regex(/^0[1-9]\d{1,2}$/, "must be the city's area code with its 0, e.g. 0573 (Jiaxing) or 010 (Beijing)")
      .default(DEFAULT_HOTLINE.localAreaCode),
    TIME_ZONE: z.string().trim().refine(isTimeZone, 'must be an IANA time zone, e.g. Asia/Shanghai').default(DEFAULT_TIME_ZONE),
    CALENDAR_FILE: optional,
    REMINDER_GRACE_MINUTES: z.coerce.number().int().min(1).max(1440).default(60),
    CALENDAR_FEED: z.enum(['on', 'off']).default('off'),
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
    const wechat = ['WECHAT_APP_ID', 'WECHAT_APP_SECRET', 'WECHAT_TOKEN'] as const;
    if (wechat.some((k) => e[k]) || e.WECHAT_AES_KEY) {
      for (const k of wechat) {
        if (!e[k]) ctx.addIssue({ code: 'custom', path: [k], message: `is required for WeChat (set ${wechat.join(', ')} together; see README "WeChat")` });
      }
    }
    if (e.WECHAT_TEMPLATES) {
      const parsed = templatesSchema.safeParse(safeJson(e.WECHAT_TEMPLATES));
      if (!parsed.success) {
        ctx.addIssue({
          code: 'custom',
          path: ['WECHAT_TEMPLATES'],
          message: `must be JSON like {"request_claimed":{"id":"模板ID","fields":{"thing1":"service","character_string2":"ticket"}}} — ${parsed.error.issues[0]?.message ?? ''}`,
        });
      }
    }
    if (Boolean(e.LLM_BASE_URL) !== Boolean(e.LLM_MODEL) || (e.LLM_API_KEY && !e.LLM_BASE_URL)) {
      const missing = e.LLM_BASE_URL ? 'LLM_MODEL' : 'LLM_BASE_URL';
      ctx.addIssue({
        code: 'custom',
        path: [missing],
        message: 'is required for the language model (set LLM_BASE_URL and LLM_MODEL together, or neither; see README "Optional language model")',
      });
    }
    if (e.TELEGRAM_WEBHOOK_URL && !e.TELEGRAM_BOT_TOKEN) {
      ctx.addIssue({ code: 'custom', path: ['TELEGRAM_BOT_TOKEN'], message: 'is required with TELEGRAM_WEBHOOK_URL' });
    }
  });

/** Notice kinds → a template id and, per template key, which notice field (or `=literal`) fills it. */
const templatesSchema = z.partialRecord(
  z.enum(NOTICE_KINDS),
  z.object({ id: z.string().min(1), fields: z.record(z.string().regex(/^[a-z_]+\d*$/), z.string().min(1)) }),
);

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

export type WechatTemplates = z.infer<typeof templatesSchema>;

export interface WechatConfig {
  appId: string;
  appSecret: string;
  token: string;
  /** Safe mode (安全模式) when set. */
  aesKey: string | undefined;
  apiRoot: string;
  path: string;
  templates: WechatTemplates;
  /** Where a template message leads when tapped; `{ticket}` is replaced. */
  templateUrl: string | undefined;
  replyWindow: { ms: number; perMessage: number };
  /** Choices also as clickable menu replies (msgmenu). */
  menuReplies: boolean;
}

/** What the bot tells residents to call, and how it reads a local number typed without its area code. */
export interface HotlineConfig {
  phone: string;
  localAreaCode: string;
}

export interface Config {
  database: { kind: 'pglite'; dataDir: string } | { kind: 'postgres'; url: string };
  logLevel: z.infer<typeof schema>['LOG_LEVEL'];
  catalogueFile: string | undefined;
  stationsFile: string | undefined;
  /** Accounts that are organizers of the root station from the start. */
  organizers: { channel: string; externalId: string }[];
  dispatch: { remindMinutes: number; escalateMinutes: number; privateOffersPerRequest: number };
  /** Events: the private reminder's lead time, how early check-in opens, the check-in radius around a shared place. */
  events: { remindHoursBefore: number; checkInEarlyMinutes: number; checkInRadiusMeters: number };
  /** This instance's stable name (kept across restarts); the host name when unset. */
  instanceName: string | undefined;
  /** Set when the Telegram channel should run. */
  telegram: { token: string; apiRoot: string | undefined; webhook: { url: string; secret: string } | undefined } | undefined;
  /** Set when the WeChat service account channel should run. */
  wechat: WechatConfig | undefined;
  /** The HTTP server (webhooks, callbacks), when a channel needs one. */
  http: { port: number; host: string };
  /** Set when a language model gives a second opinion on requests the rules are unsure of. */
  llm: { baseUrl: string; model: string; apiKey: string | undefined; timeoutMs: number } | undefined;
  hotline: HotlineConfig;
  /** The zone every date is typed and read in: events, service days, reminder times, ICS feeds (IANA name). */
  timeZone: string;
  /** Service days and reminders: the calendar file, how late a reminder may still go out, and whether the HTTP server serves `.ics` feeds. */
  calendar: { file: string | undefined; graceMinutes: number; feed: boolean };
  /** The outbox's pacing per channel, the only one: sends per second overall, per group per minute, a private chat's burst. */
  pacing: Record<string, ChannelPacing>;
  /** Under load: one person's allowance of messages (src/core/flood-control.ts), and the new requests a resident may make a day in `timeZone`. */
  limits: { flood: { burst: number; perMinute: number }; requestsPerDay: number };
}

export class ConfigError extends SetupError {
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
    dispatch: { remindMinutes: e.CLAIM_REMIND_MINUTES, escalateMinutes: e.ESCALATE_MINUTES, privateOffersPerRequest: e.PRIVATE_OFFERS_PER_REQUEST },
    events: {
      remindHoursBefore: e.EVENT_REMIND_HOURS_BEFORE,
      checkInEarlyMinutes: e.EVENT_CHECKIN_EARLY_MINUTES,
      checkInRadiusMeters: e.EVENT_CHECKIN_RADIUS_METERS,
    },
    instanceName: e.INSTANCE_NAME,
    telegram: e.TELEGRAM_BOT_TOKEN
      ? {
          token: e.TELEGRAM_BOT_TOKEN,
          apiRoot: e.TELEGRAM_API_ROOT,
          webhook: e.TELEGRAM_WEBHOOK_URL && e.TELEGRAM_WEBHOOK_SECRET ? { url: e.TELEGRAM_WEBHOOK_URL, secret: e.TELEGRAM_WEBHOOK_SECRET } : undefined,
        }
      : undefined,
    wechat:
      e.WECHAT_APP_ID && e.WECHAT_APP_SECRET && e.WECHAT_TOKEN
        ? {
            appId: e.WECHAT_APP_ID,
            appSecret: e.WECHAT_APP_SECRET,
            token: e.WECHAT_TOKEN,
            aesKey: e.WECHAT_AES_KEY,
            apiRoot: (e.WECHAT_API_ROOT ?? 'https://api.weixin.qq.com').replace(/\/+$/, ''),
            path: e.WECHAT_PATH,
            templates: e.WECHAT_TEMPLATES ? templatesSchema.parse(JSON.parse(e.WECHAT_TEMPLATES)) : {},
            templateUrl: e.WECHAT_TEMPLATE_URL,
            replyWindow: { ms: e.WECHAT_REPLY_WINDOW_HOURS * 3_600_000, perMessage: e.WECHAT_REPLIES_PER_MESSAGE },
            menuReplies: e.WECHAT_MENU_REPLIES === 'on',
          }
        : undefined,
    http: { port: e.PORT, host: e.HOST },
    llm: e.LLM_BASE_URL && e.LLM_MODEL ? { baseUrl: e.LLM_BASE_URL, model: e.LLM_MODEL, apiKey: e.LLM_API_KEY, timeoutMs: e.LLM_TIMEOUT_MS } : undefined,
    hotline: { phone: e.HOTLINE_PHONE, localAreaCode: e.LOCAL_AREA_CODE },
    timeZone: e.TIME_ZONE,
    calendar: { file: e.CALENDAR_FILE, graceMinutes: e.REMINDER_GRACE_MINUTES, feed: e.CALENDAR_FEED === 'on' },
    pacing: {
      // Telegram: about 30/s overall, 20 a minute in a group, a person's chat about 1/s after a short burst.
      telegram: { perSecond: e.TELEGRAM_SEND_PER_SECOND, perGroupPerMinute: e.TELEGRAM_GROUP_SENDS_PER_MINUTE, privateChat: { burst: 5, perSecond: 1 } },
      wechat: { perSecond: e.WECHAT_SEND_PER_SECOND },
    },
    limits: { flood: { burst: e.FLOOD_BURST, perMinute: e.FLOOD_PER_MINUTE }, requestsPerDay: e.REQUESTS_PER_DAY },
  };
}
