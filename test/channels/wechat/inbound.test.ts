import { describe, expect, it } from 'vitest';
import { decodeMenuId, encodeChoiceMenuId, encodeMenuId, toIncoming, WECHAT_CHANNEL } from '../../../src/channels/wechat/inbound.js';
import { buildXml, parseCallbackXml } from '../../../src/channels/wechat/xml.js';

const OPENID = 'oTestOpenId000000000000001';
const ACCOUNT = 'gh_10f6c3c3ac5a';

/** The fields of a callback, as they come out of the XML WeChat posts (made-up ids). */
function callback(fields: Record<string, string | number>): Record<string, string> {
  const parsed = parseCallbackXml(buildXml({ ToUserName: ACCOUNT, FromUserName: OPENID, CreateTime: 1730000000, ...fields }));
  if (!parsed) throw new Error('fixture did not parse');
  return parsed;
}
const message = (fields: Record<string, string | number>) => callback({ MsgId: '24810000000000001', ...fields });
const event = (fields: Record<string, string | number>) => callback({ MsgType: 'event', ...fields });

const contentOf = (fields: Record<string, string>) => {
  const result = toIncoming(fields);
  if (!('message' in result)) throw new Error(`ignored: ${result.ignore}`);
  return result.message.content;
};

describe('WeChat callbacks → messages', () => {
  it('reads a text message as a private message from the openid, keyed by MsgId', () => {
    expect(toIncoming(message({ MsgType: 'text', Content: '电视坏了，能来修吗' }))).toEqual({
      message: {
        channel: WECHAT_CHANNEL,
        chatId: OPENID,
        userId: OPENID,
        displayName: '',
        isGroup: false,
        messageId: 'msg:24810000000000001',
        content: { kind: 'text', text: '电视坏了，能来修吗' },
        // Unanswered when it fails, so WeChat calls back again: the apology says it was received.
        redeliveredIfFailed: true,
      },
    });
  });

  it('reads a msgmenu press as the n-th choice of its question', () => {
    const pressed = message({ MsgType: 'text', Content: '家电维修', bizmsgmenuid: encodeMenuId(17, 2) });
    expect(contentOf(pressed)).toEqual({ kind: 'choice', choiceId: '#3', questionId: 17 });
    expect(contentOf(message({ MsgType: 'text', Content: '旧按钮', bizmsgmenuid: 'menu-from-elsewhere' }))).toEqual({
      kind: 'choice',
      choiceId: '',
      questionId: -1,
    });
  });

  it('reads recognised speech as text, and unrecognised voice as a voice message', () => {
    const voice = { MsgType: 'voice', MediaId: 'media_voice_1', Format: 'amr' };
    expect(contentOf(message({ ...voice, Recognition: '我家水管漏水了。' }))).toEqual({ kind: 'text', text: '我家水管漏水了' });
    // The closing full stop of recognised speech would stick to an answer such as a phone number or an address.
    expect(contentOf(message({ ...voice, Recognition: '13812345678。' }))).toEqual({ kind: 'text', text: '13812345678' });
    expect(contentOf(message({ ...voice, Recognition: '文昌小区3幢2单元501！' }))).toEqual({ kind: 'text', text: '文昌小区3幢2单元501' });
    expect(contentOf(message({ ...voice, Recognition: '。' }))).toEqual({ kind: 'media', media: 'voice', ref: 'wechat-voice:media_voice_1' });
    expect(contentOf(message({ ...voice, Recognition: '  ' }))).toEqual({ kind: 'media', media: 'voice', ref: 'wechat-voice:media_voice_1' });
    expect(contentOf(message(voice))).toEqual({ kind: 'media', media: 'voice', ref: 'wechat-voice:media_voice_1' });
  });

  it('reads pictures and videos as media with a reference to fetch them by', () => {
    expect(contentOf(message({ MsgType: 'image', PicUrl: 'http://mmbiz.qpic.cn/x', MediaId: 'media_img_1' }))).toEqual({
      kind: 'media',
      media: 'photo',
      ref: 'wechat-image:media_img_1',
    });
    for (const MsgType of ['video', 'shortvideo']) {
      expect(contentOf(message({ MsgType, MediaId: 'media_vid_1', ThumbMediaId: 'thumb_1' }))).toEqual({
        kind: 'media',
        media: 'video',
        ref: 'wechat-video:media_vid_1',
      });
    }
  });

  it('reads a sent location with its label', () => {
    const location = { MsgType: 'location', Location_X: '39.915119', Location_Y: '116.403963', Scale: '16' };
    expect(contentOf(message({ ...location, Label: '北京市东城区东华门街道' }))).toEqual({
      kind: 'location',
      latitude: 39.915119,
      longitude: 116.403963,
      label: '北京市东城区东华门街道',
    });
    expect(contentOf(message({ ...location, Label: '' }))).toEqual({ kind: 'location', latitude: 39.915119, longitude: 116.403963 });
    expect(contentOf(message({ ...location, Location_X: 'north' }))).toEqual({ kind: 'media', media: 'other' });
    expect(contentOf(message({ ...location, Location_Y: '' }))).toEqual({ kind: 'media', media: 'other' });
  });

  it('reads links, files and unknown types as other media', () => {
    expect(contentOf(message({ MsgType: 'link', Title: '标题', Description: '描述', Url: 'https://example.org' }))).toEqual({
      kind: 'media',
      media: 'other',
    });
    expect(contentOf(message({ MsgType: 'file', Title: '报告.pdf', FileKey: 'k', FileMd5: 'm', FileTotalLen: '1024' }))).toEqual({
      kind: 'media',
      media: 'other',
    });
    expect(contentOf(message({ MsgType: 'hologram' }))).toEqual({ kind: 'media', media: 'other' });
  });

  it('reads following, by search or by a QR code, and unfollowing as lifecycle events', () => {
    expect(toIncoming(event({ Event: 'subscribe', EventKey: '' }))).toMatchObject({
      message: { chatId: OPENID, userId: OPENID, messageId: `event:${OPENID}:1730000000:subscribe`, content: { kind: 'followed' } },
    });
    expect(toIncoming(event({ Event: 'subscribe', EventKey: 'qrscene_station_12', Ticket: 'gQH47joAAAAAAAAAASxod' }))).toMatchObject({
      message: { messageId: `event:${OPENID}:1730000000:subscribe:qrscene_station_12`, content: { kind: 'followed' } },
    });
    expect(toIncoming(event({ Event: 'unsubscribe', EventKey: '' }))).toMatchObject({
      message: { messageId: `event:${OPENID}:1730000000:unsubscribe`, content: { kind: 'unfollowed' } },
    });
  });

  it('ignores a follower scanning a QR code again', () => {
    expect(toIncoming(event({ Event: 'SCAN', EventKey: 'station_12', Ticket: 't' }))).toEqual({ ignore: 'scan_by_follower' });
  });

  it('reads a menu click with a word key as the typed word, and ignores other clicks', () => {
    expect(toIncoming(event({ Event: 'CLICK', EventKey: 'word:我要求助' }))).toMatchObject({
      message: { messageId: `event:${OPENID}:1730000000:CLICK:word:我要求助`, content: { kind: 'text', text: '我要求助' } },
    });
    expect(toIncoming(event({ Event: 'CLICK', EventKey: 'word:' }))).toEqual({ ignore: 'menu_click_without_word' });
    expect(toIncoming(event({ Event: 'CLICK', EventKey: 'V1001_TODAY_MUSIC' }))).toEqual({ ignore: 'menu_click_without_word' });
  });

  it('ignores link clicks, location reports, send reports and unknown events', () => {
    expect(toIncoming(event({ Event: 'VIEW', EventKey: 'https://example.org/' }))).toEqual({ ignore: 'menu_link' });
    expect(toIncoming(event({ Event: 'LOCATION', Latitude: '23.137466', Longitude: '113.352425', Precision: '119.385040' }))).toEqual({
      ignore: 'location_report',
    });
    expect(toIncoming(event({ Event: 'TEMPLATESENDJOBFINISH', MsgID: '200163836', Status: 'success' }))).toEqual({ ignore: 'template_report' });
    expect(toIncoming(event({ Event: 'MASSSENDJOBFINISH', MsgID: '1988', Status: 'sendsuccess' }))).toEqual({ ignore: 'mass_send_report' });
    expect(toIncoming(event({ Event: 'view_miniprogram', EventKey: 'pages/index' }))).toEqual({ ignore: 'unknown_event' });
    expect(toIncoming(event({ Event: '' }))).toEqual({ ignore: 'missing_event' });
  });

  it('ignores callbacks without a sender or a type', () => {
    const fields = message({ MsgType: 'text', Content: '你好' });
    const { FromUserName: _from, ...noSender } = fields;
    const { MsgType: _type, ...noType } = fields;
    expect(toIncoming(noSender)).toEqual({ ignore: 'missing_sender' });
    expect(toIncoming({ ...fields, FromUserName: '  ' })).toEqual({ ignore: 'missing_sender' });
    expect(toIncoming(noType)).toEqual({ ignore: 'missing_type' });
    expect(toIncoming({})).toEqual({ ignore: 'missing_sender' });
  });

  it('keeps the same id for a redelivery and different ids for different events', () => {
    const click = event({ Event: 'CLICK', EventKey: 'word:查询' });
    const id = (f: Record<string, string>) => {
      const result = toIncoming(f);
      return 'message' in result ? result.message.messageId : result.ignore;
    };
    expect(id(click)).toBe(id({ ...click }));
    expect(id({ ...click, CreateTime: '1730000001' })).not.toBe(id(click));
    expect(id({ ...click, EventKey: 'word:取消' })).not.toBe(id(click));
    expect(id({ ...click, FromUserName: 'oAnother' })).not.toBe(id(click));
  });
});

describe('msgmenu ids', () => {
  it('round-trips a question and an option index', () => {
    expect(encodeMenuId(0, 0)).toBe('0_1');
    expect(encodeMenuId(42, 4)).toBe('42_5');
    expect(decodeMenuId('42_5')).toEqual({ kind: 'choice', choiceId: '#5', questionId: 42 });
    for (let q = 0; q < 30; q += 7)
      for (let i = 0; i < 9; i++) expect(decodeMenuId(encodeMenuId(q, i))).toEqual({ kind: 'choice', choiceId: `#${i + 1}`, questionId: q });
  });

  it('carries the choice id of an option that belongs to no question (a task card’s 我来接单)', () => {
    for (const choiceId of ['claim:20261201-0001', 'approve:17', 'depart:20261201-0001', 'alerts:urgent']) {
      expect(encodeChoiceMenuId(choiceId)).toBe(`c:${choiceId}`);
      expect(decodeMenuId(encodeChoiceMenuId(choiceId))).toEqual({ kind: 'choice', choiceId });
    }
    expect(toIncoming(message({ MsgType: 'text', bizmsgmenuid: 'c:claim:20261201-0001', Content: '我来接单' }))).toMatchObject({
      message: { content: { kind: 'choice', choiceId: 'claim:20261201-0001' } },
    });
  });

  it('reads anything else as a stale press', () => {
    for (const id of ['', '42', '42_', '_1', '42_0', 'a_1', '42_1_2', '1.5_1', '-1_1', '99999999999999999999_1', 'c:']) {
      expect(decodeMenuId(id), id).toEqual({ kind: 'choice', choiceId: '', questionId: -1 });
    }
  });

  it('refuses to encode what it could not decode', () => {
    expect(() => encodeMenuId(-1, 0)).toThrow(RangeError);
    expect(() => encodeMenuId(1.5, 0)).toThrow(RangeError);
    expect(() => encodeMenuId(1, -1)).toThrow(RangeError);
    expect(() => encodeMenuId(1, 9999)).toThrow(RangeError);
    expect(decodeMenuId(encodeMenuId(999_999_999_999_999, 9998))).toEqual({ kind: 'choice', choiceId: '#9999', questionId: 999_999_999_999_999 });
  });
});
