import { z } from 'zod';
import { channelConfigSection, type ConfigProblem, optionalOf } from '../../core/config-section.js';
import { NOTICE_KINDS } from '../../core/message.js';
import { WECHAT_CHANNEL } from './inbound.js';

// === The WeChat service account's settings (README "WeChat"), and the outbox's pace on it

/** Notice kinds → a template id and, per template key, which notice field (or `=literal`) fills it. */
const templatesSchema = z.partialRecord(
  z.enum(NOTICE_KINDS),
  z.object({ id: z.string().min(1), fields: z.record(z.string().regex(/^[a-z_]+\d*$/), z.string().min(1)) }),
);

export type WechatTemplates = z.infer<typeof templatesSchema>;

/** The three settings that together run the channel. */
const REQUIRED = ['WECHAT_APP_ID', 'WECHAT_APP_SECRET', 'WECHAT_TOKEN'] as const;

export const wechatConfig = channelConfigSection({
  channel: WECHAT_CHANNEL,
  vars: {
    WECHAT_APP_ID: optionalOf(z.string().regex(/^wx[0-9a-f]{16}$/, 'looks wrong: the AppID (开发者ID) looks like wx1234567890abcdef')),
    WECHAT_APP_SECRET: optionalOf(z.string().regex(/^[0-9a-zA-Z]{32}$/, 'looks wrong: the AppSecret (开发者密码) is 32 letters and digits')),
    WECHAT_TOKEN: optionalOf(z.string().regex(/^[A-Za-z0-9]{3,32}$/, 'must be the Token set under 服务器配置: 3–32 letters and digits')),
    WECHAT_AES_KEY: optionalOf(
      z.string().regex(/^[A-Za-z0-9]{43}$/, 'must be the EncodingAESKey (消息加解密密钥) set under 服务器配置: 43 letters and digits'),
    ),
    WECHAT_API_ROOT: optionalOf(z.url('must be a URL, e.g. http://127.0.0.1:8090 for a local stand-in')),
    WECHAT_PATH: z
      .string()
      .trim()
      .regex(/^\/[A-Za-z0-9/_-]*$/, 'must be a path such as /wechat')
      .default('/wechat'),
    WECHAT_TEMPLATES: optionalOf(z.string()),
    WECHAT_TEMPLATE_URL: optionalOf(z.url('must be a URL; {ticket} is replaced by the ticket')),
    WECHAT_REPLY_WINDOW_HOURS: z.coerce.number().min(1).max(48).default(48),
    WECHAT_REPLIES_PER_MESSAGE: z.coerce.number().int().min(1).max(20).default(5),
    WECHAT_MENU_REPLIES: z.enum(['on', 'off']).default('on'),
    WECHAT_SEND_PER_SECOND: z.coerce.number().int().min(1).max(1000).default(10),
  },
  problems(e) {
    const problems: ConfigProblem[] = [];
    if (REQUIRED.some((k) => e[k]) || e.WECHAT_AES_KEY) {
      for (const k of REQUIRED) {
        if (!e[k]) problems.push({ variable: k, message: `is required for WeChat (set ${REQUIRED.join(', ')} together; see README "WeChat")` });
      }
    }
    if (e.WECHAT_TEMPLATES) {
      const parsed = templatesSchema.safeParse(safeJson(e.WECHAT_TEMPLATES));
      if (!parsed.success) {
        problems.push({
          variable: 'WECHAT_TEMPLATES',
          message: `must be JSON like {"request_claimed":{"id":"模板ID","fields":{"thing1":"service","character_string2":"ticket"}}} — ${parsed.error.issues[0]?.message ?? ''}`,
        });
      }
    }
    return problems;
  },
  read: (e) => ({
    /** Set when the WeChat service account channel should run. */
    wechat:
      e.WECHAT_APP_ID && e.WECHAT_APP_SECRET && e.WECHAT_TOKEN
        ? {
            appId: e.WECHAT_APP_ID,
            appSecret: e.WECHAT_APP_SECRET,
            token: e.WECHAT_TOKEN,
            /** Safe mode (安全模式) when set. */
            aesKey: e.WECHAT_AES_KEY,
            apiRoot: (e.WECHAT_API_ROOT ?? 'https://api.weixin.qq.com').replace(/\/+$/, ''),
            /** Where the platform posts callbacks, e.g. `/wechat`. */
            path: e.WECHAT_PATH,
            /** Notice kind → template id and, per template key, the notice field (or `=literal`) that fills it. */
            templates: e.WECHAT_TEMPLATES ? templatesSchema.parse(JSON.parse(e.WECHAT_TEMPLATES)) : {},
            /** Where a tapped template message leads; `{ticket}` is replaced. */
            templateUrl: e.WECHAT_TEMPLATE_URL,
            /** The customer-service rules: how long after a person's message, and how many messages per message of theirs. */
            replyWindow: { ms: e.WECHAT_REPLY_WINDOW_HOURS * 3_600_000, perMessage: e.WECHAT_REPLIES_PER_MESSAGE },
            /** Choices also as clickable menu replies (msgmenu). */
            menuReplies: e.WECHAT_MENU_REPLIES === 'on',
          }
        : undefined,
  }),
  pacing: (e) => ({ perSecond: e.WECHAT_SEND_PER_SECOND }),
});

/** The service account's settings, as the channel, its sender and its API client take them. */
export type WechatConfig = NonNullable<ReturnType<typeof wechatConfig.read>['wechat']>;

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
