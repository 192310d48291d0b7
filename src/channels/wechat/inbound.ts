import type { IncomingContent, IncomingMessage, LifecycleContent, MediaKind } from '../../core/message.js';

// === WeChat service-account callbacks (messages and events) → the channel-neutral message model

export const WECHAT_CHANNEL = 'wechat';

/** What a callback becomes: a message for the app, or the reason it is none of the app's business. */
export type WechatInbound = { message: IncomingMessage } | { ignore: string };

type ChoiceContent = Extract<IncomingContent, { kind: 'choice' }>;

const CLICK_WORD_PREFIX = 'word:';
const MENU_ID = /^(\d{1,15})_(\d{1,4})$/;
const MAX_QUESTION_ID = 999_999_999_999_999;
const MAX_OPTIONS = 9999;

/**
 * The id of one option of a msgmenu reply: `<questionId>_<n>` with n counted from 1. WeChat sends it
 * back as `<bizmsgmenuid>` when the option is pressed.
 */
export function encodeMenuId(questionId: number, index: number): string {
  const fits = (n: number, max: number) => Number.isSafeInteger(n) && n >= 0 && n <= max;
  if (!fits(questionId, MAX_QUESTION_ID) || !fits(index, MAX_OPTIONS - 1)) {
    throw new RangeError('menu ids take a non-negative integer question id and index');
  }
  return `${questionId}_${index + 1}`;
}

/** Prefix of the id of an option that belongs to no question (a task card's 我来接单, 出发…): the choice id follows. */
const CHOICE_PREFIX = 'c:';

/** The id of an option of a message that asks no question: the choice id itself, sent back as it is. */
export function encodeChoiceMenuId(choiceId: string): string {
  return `${CHOICE_PREFIX}${choiceId}`;
}

/**
 * A pressed msgmenu option as a choice: `#n`, which the flow kit reads as the n-th choice of the
 * question (`flows/common/input.ts`), or the choice id of an option that belongs to no question
 * (commands read it as a button). An id we did not make is a stale press (`questionId` -1).
 */
export function decodeMenuId(id: string): ChoiceContent {
  if (id.startsWith(CHOICE_PREFIX) && id.length > CHOICE_PREFIX.length) return { kind: 'choice', choiceId: id.slice(CHOICE_PREFIX.length) };
  const m = MENU_ID.exec(id.trim());
  const questionId = m ? Number(m[1]) : Number.NaN;
  const n = m ? Number(m[2]) : 0;
  if (!Number.isSafeInteger(questionId) || n < 1) return { kind: 'choice', choiceId: '', questionId: -1 };
  return { kind: 'choice', choiceId: `#${n}`, questionId };
}

function media(kind: MediaKind, ref?: string): IncomingContent {
  return ref ? { kind: 'media', media: kind, ref } : { kind: 'media', media: kind };
}

/** A coordinate WeChat sent as text; null when it is missing or not a number in range. */
function coordinate(text: string | undefined, limit: number): number | null {
  if (text === undefined || text.trim() === '') return null;
  const value = Number(text);
  return Number.isFinite(value) && Math.abs(value) <= limit ? value : null;
}

/** The content of an ordinary message (`MsgType` other than `event`). */
function messageContent(type: string, f: Record<string, string>): IncomingContent {
  const mediaId = f.MediaId ?? '';
  switch (type) {
    case 'text':
      return f.bizmsgmenuid !== undefined ? decodeMenuId(f.bizmsgmenuid) : { kind: 'text', text: f.Content ?? '' };
    case 'voice': {
      // With voice recognition switched on, WeChat sends what was said: people who find typing hard can speak.
      // Recognition ends what was said with a full stop, which would stick to an address or a number.
      const said = (f.Recognition ?? '').trim().replace(/[。．.！!？?，,、\s]+$/u, '');
      return said ? { kind: 'text', text: said } : media('voice', mediaId && `wechat-voice:${mediaId}`);
    }
    case 'image':
      return media('photo', mediaId && `wechat-image:${mediaId}`);
    case 'video':
    case 'shortvideo':
      return media('video', mediaId && `wechat-video:${mediaId}`);
    case 'location': {
      const latitude = coordinate(f.Location_X, 90);
      const longitude = coordinate(f.Location_Y, 180);
      if (latitude === null || longitude === null) return media('other');
      const label = (f.Label ?? '').trim();
      return label ? { kind: 'location', latitude, longitude, label } : { kind: 'location', latitude, longitude };
    }
    default:
      // link, file and whatever WeChat adds later
      return media('other');
  }
}

/** Events the app does not act on, by their lower-cased name, with the reason logged. */
const IGNORED_EVENTS: Record<string, string> = {
  scan: 'scan_by_follower',
  view: 'menu_link',
  location: 'location_report',
  templatesendjobfinish: 'template_report',
  masssendjobfinish: 'mass_send_report',
};

/** The content of an event; a string is the reason to ignore it. */
function eventContent(event: string, key: string): IncomingContent | LifecycleContent | string {
  switch (event.toLowerCase()) {
    case 'subscribe':
      // Also with EventKey `qrscene_…` when a new follower came by a QR code.
      return { kind: 'followed' };
    case 'unsubscribe':
      return { kind: 'unfollowed' };
    case 'click': {
      // Custom-menu buttons with key `word:<文字>` reach the flows as if the word was typed.
      if (!key.startsWith(CLICK_WORD_PREFIX)) return 'menu_click_without_word';
      const word = key.slice(CLICK_WORD_PREFIX.length).trim();
      return word ? { kind: 'text', text: word } : 'menu_click_without_word';
    }
    default:
      return IGNORED_EVENTS[event.toLowerCase()] ?? 'unknown_event';
  }
}

/**
 * Maps the fields of a callback (see `parseCallbackXml`) to a message. The sender's openid is both
 * chat and user; the message id is the de-duplication key WeChat's redeliveries repeat:
 * `msg:<MsgId>` for messages, `event:<openid>:<CreateTime>:<Event>[:<EventKey>]` for events.
 */
export function toIncoming(fields: Record<string, string>): WechatInbound {
  const from = (fields.FromUserName ?? '').trim();
  const type = (fields.MsgType ?? '').trim();
  if (!from) return { ignore: 'missing_sender' };
  if (!type) return { ignore: 'missing_type' };
  const createTime = (fields.CreateTime ?? '').trim();
  // A failed message gets no answer, so WeChat calls back again (callback.ts).
  const base = { channel: WECHAT_CHANNEL, chatId: from, userId: from, displayName: '', isGroup: false, redeliveredIfFailed: true };

  if (type === 'event') {
    const event = (fields.Event ?? '').trim();
    if (!event) return { ignore: 'missing_event' };
    const key = (fields.EventKey ?? '').trim();
    const content = eventContent(event, key);
    if (typeof content === 'string') return { ignore: content };
    if (!createTime) return { ignore: 'missing_time' };
    const messageId = `event:${from}:${createTime}:${event}${key ? `:${key}` : ''}`;
    return { message: { ...base, messageId, content } };
  }

  const msgId = (fields.MsgId ?? '').trim();
  if (!msgId && !createTime) return { ignore: 'missing_id' };
  // Every message WeChat sends has a MsgId; the fallback keeps redeliveries of an odd one de-duplicated.
  const messageId = msgId ? `msg:${msgId}` : `msg:${from}:${createTime}`;
  return { message: { ...base, messageId, content: messageContent(type, fields) } };
}
