import type { OutgoingPayload } from '../../core/message.js';
import { DeliveryError, type DeliveryErrorCode, type Sender } from '../../core/ports.js';
import { wechatTexts as t } from '../../texts/wechat.js';
import { TOKEN_ERRORS, type WechatApi, WechatApiError } from './api.js';
import type { WechatConfig } from './config.js';
import { encodeChoiceMenuId, encodeMenuId } from './inbound.js';

// === The core's outgoing messages → WeChat customer-service messages, and template messages for
// notices outside the 48 h reply window

/** Longest customer-service text the platform takes (bytes of UTF-8). */
const MAX_TEXT_BYTES = 2048;
/** More choices than this are listed as lines only. */
const MAX_MENU_ITEMS = 10;

/** The settings the sender uses (`templateUrl` may be left out), and the API client. */
export interface WechatSenderOptions extends Pick<WechatConfig, 'templates' | 'replyWindow' | 'menuReplies'>, Partial<Pick<WechatConfig, 'templateUrl'>> {
  api: WechatApi;
}

/** Cuts text to a number of UTF-8 bytes without splitting a character. */
export function cutBytes(text: string, max: number): string {
  if (Buffer.byteLength(text) <= max) return text;
  let out = '';
  for (const ch of text) {
    if (Buffer.byteLength(`${out}${ch}…`) > max) break;
    out += ch;
  }
  return `${out}…`;
}

/** The question's words without a closing "请回复数字：", which the channel says itself. */
const withoutNumberHint = (text: string) => text.replace(/[，,\s]*请?回复数字(选择)?[：:]\s*$/u, '').trimEnd() || text;
/** The line above the options, unless the question already says to reply with a number. */
const hint = (text: string, tap: boolean) => (text.includes('回复数字') ? (tap ? t.tapAlso : '') : tap ? t.tapOrReply : t.replyWithNumber);
const withHint = (text: string, tap: boolean) => {
  const bare = withoutNumberHint(text);
  const line = hint(bare, tap);
  return line ? `${bare}\n${line}` : bare;
};

/**
 * The text of a message: a question's choices as numbered lines (typing the number works everywhere);
 * the options of a message that asks no question (a task card's buttons) are not listed — its text says
 * what to type, and typed numbers would not reach it.
 */
export function textOf(payload: OutgoingPayload): string {
  if (!payload.choices?.length || payload.questionId === undefined) return cutBytes(payload.text, MAX_TEXT_BYTES);
  const lines = payload.choices.map((c, i) => `${i + 1}. ${c.label}`);
  return cutBytes(`${withHint(payload.text, false)}\n${lines.join('\n')}`, MAX_TEXT_BYTES);
}

/**
 * The body of a customer-service message: a msgmenu when the choices can be clicked, else text. An
 * option of a question is `<questionId>_<n>` (read back as the n-th choice, or stale); an option of a
 * message that asks no question carries its choice id (`c:claim:<ticket>`).
 */
export function customMessage(openid: string, payload: OutgoingPayload, menuReplies: boolean) {
  const choices = payload.choices ?? [];
  if (menuReplies && choices.length > 0 && choices.length <= MAX_MENU_ITEMS) {
    const question = payload.questionId;
    return {
      touser: openid,
      msgtype: 'msgmenu',
      msgmenu: {
        head_content: cutBytes(question === undefined ? payload.text : withHint(payload.text, true), 1024),
        list: choices.map((c, i) =>
          question === undefined
            ? { id: encodeChoiceMenuId(c.id), content: cutBytes(c.label, 120) }
            : { id: encodeMenuId(question, i), content: cutBytes(`${i + 1}. ${c.label}`, 120) },
        ),
        tail_content: '',
      },
    };
  }
  return { touser: openid, msgtype: 'text', text: { content: textOf(payload) } };
}

/** How long a template value may be, by the kind its key names (thing1, character_string2 …). */
const FIELD_LIMITS: Record<string, number> = { thing: 20, character_string: 32, phrase: 5, name: 10, number: 32, letter: 32, symbol: 5, const: 20 };

export function templateValue(key: string, value: string): string {
  const limit = FIELD_LIMITS[key.replace(/\d+$/, '')];
  if (key.startsWith('character_string')) value = value.replace(/[^0-9A-Za-z_\-.:]/g, '');
  if (!limit || [...value].length <= limit) return value;
  return `${[...value].slice(0, limit - 1).join('')}${t.cut}`;
}

/** The body of a template message for a payload's notice; null when no template is configured for its kind. */
export function templateMessage(openid: string, payload: OutgoingPayload, o: Pick<WechatSenderOptions, 'templates' | 'templateUrl'>) {
  const notice = payload.notice;
  const template = notice && o.templates[notice.kind];
  if (!notice || !template) return null;
  const fields = notice.fields as unknown as Record<string, string | undefined>;
  const data = Object.fromEntries(
    Object.entries(template.fields).map(([key, from]) => [key, { value: templateValue(key, from.startsWith('=') ? from.slice(1) : (fields[from] ?? '')) }]),
  );
  return {
    touser: openid,
    template_id: template.id,
    ...(o.templateUrl ? { url: o.templateUrl.replace('{ticket}', encodeURIComponent(notice.fields.ticket)) } : {}),
    data,
  };
}

/** The platform's refusal → a `DeliveryError` saying whether trying again can help. */
export function toDeliveryError(err: unknown): DeliveryError {
  if (!(err instanceof WechatApiError)) return new DeliveryError('network', err instanceof Error ? err.name : 'error', { permanent: false, cause: err });
  const o = (code: DeliveryErrorCode, permanent: boolean, retryAfterMs?: number) =>
    new DeliveryError(code, `wechat errcode ${err.errcode}`, { permanent, ...(retryAfterMs ? { retryAfterMs } : {}), cause: err });
  switch (err.errcode) {
    case 45015: // out of the 48 h window, or unfollowed
    case 45047: // more messages than allowed since the person's last
      return o('window_closed', false);
    case 43004: // not (any more) a follower
    case 43101: // the person refused messages
      return o('blocked', true);
    case 40003: // not an openid of this account
      return o('chat_not_found', true);
    case 45009: // daily quota used up: not before it resets, never retried into a ban
      return o('rate_limited', false, 3_600_000);
    case 45011: // per-minute quota
    case 45033:
      return o('rate_limited', false, 60_000);
    case -1: // system busy
      return o('network', false);
    default:
      return TOKEN_ERRORS.has(err.errcode) ? o('network', false) : o('rejected', true);
  }
}

export function createWechatSender(options: WechatSenderOptions): Sender {
  return {
    replyWindow: options.replyWindow,
    async send(chatId, payload) {
      try {
        await options.api.sendCustom(customMessage(chatId, payload, options.menuReplies));
        return {};
      } catch (err) {
        throw toDeliveryError(err);
      }
    },
    async sendNotice(chatId, payload) {
      const body = templateMessage(chatId, payload, options);
      if (!body) throw new DeliveryError('window_closed', `no template for ${payload.notice?.kind ?? 'this message'}`, { permanent: false });
      try {
        const sent = await options.api.sendTemplate(body);
        return sent.msgid === undefined ? {} : { externalId: String(sent.msgid) };
      } catch (err) {
        throw toDeliveryError(err);
      }
    },
  };
}
