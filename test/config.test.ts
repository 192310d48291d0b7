import { describe, expect, it } from 'vitest';
import { ConfigError, createConfig } from '../src/config.js';

describe('configuration', () => {
  it('defaults to PGlite in ./data', () => {
    expect(createConfig({}).database).toEqual({ kind: 'pglite', dataDir: './data' });
  });

  it('uses PostgreSQL when DATABASE_URL is set, and treats an empty value as unset', () => {
    expect(createConfig({ DATABASE_URL: 'postgres://u:p@127.0.0.1/db' }).database).toEqual({ kind: 'postgres', url: 'postgres://u:p@127.0.0.1/db' });
    expect(createConfig({ DATABASE_URL: '', DATA_DIR: '/srv/lx' }).database).toEqual({ kind: 'pglite', dataDir: '/srv/lx' });
  });

  it("reads the hotline's number and area code (Jiaxing's by default), and says how to fix a wrong one", () => {
    expect(createConfig({}).hotline).toEqual({ phone: '96345', localAreaCode: '0573' });
    expect(createConfig({ HOTLINE_PHONE: '0574-81890', LOCAL_AREA_CODE: '0574' }).hotline).toEqual({ phone: '0574-81890', localAreaCode: '0574' });
    expect(() => createConfig({ LOCAL_AREA_CODE: '573' })).toThrow(/LOCAL_AREA_CODE: .*0573/);
    expect(() => createConfig({ HOTLINE_PHONE: 'call us' })).toThrow(/HOTLINE_PHONE/);
  });

  it('reads organizers and dispatch timing', () => {
    const c = createConfig({ ORGANIZERS: 'telegram:123456,wechat:wxid_abc', CLAIM_REMIND_MINUTES: '5', ESCALATE_MINUTES: '20' });
    expect(c.organizers).toEqual([
      { channel: 'telegram', externalId: '123456' },
      { channel: 'wechat', externalId: 'wxid_abc' },
    ]);
    expect(c.dispatch).toEqual({ remindMinutes: 5, escalateMinutes: 20, privateOffersPerRequest: 5 });
    expect(createConfig({}).dispatch).toEqual({ remindMinutes: 10, escalateMinutes: 30, privateOffersPerRequest: 5 });
    expect(() => createConfig({ ORGANIZERS: '123456' })).toThrow(/ORGANIZERS/);
    expect(() => createConfig({ ESCALATE_MINUTES: '0' })).toThrow(/ESCALATE_MINUTES/);
  });

  it('requires a long secret and a token for webhook mode', () => {
    expect(() => createConfig({ TELEGRAM_BOT_TOKEN: '1:abc', TELEGRAM_WEBHOOK_URL: 'https://x.org/tg' })).toThrow(/TELEGRAM_WEBHOOK_SECRET/);
    expect(() => createConfig({ TELEGRAM_BOT_TOKEN: '1:abc', TELEGRAM_WEBHOOK_URL: 'https://x.org/tg', TELEGRAM_WEBHOOK_SECRET: 'short' })).toThrow(/32/);
    expect(() => createConfig({ TELEGRAM_BOT_TOKEN: 'not-a-token' })).toThrow(/BotFather/);
    const ok = createConfig({ TELEGRAM_BOT_TOKEN: '1:abc', TELEGRAM_WEBHOOK_URL: 'https://x.org/tg', TELEGRAM_WEBHOOK_SECRET: 'a'.repeat(32), PORT: '8443' });
    expect(ok.telegram).toEqual({
      token: '1:abc',
      apiRoot: undefined,
      webhook: { url: 'https://x.org/tg', secret: 'a'.repeat(32) },
    });
    expect(ok.http).toEqual({ port: 8443, host: '0.0.0.0' });
  });

  it('a language model only with both LLM_BASE_URL and LLM_MODEL; a valid http(s) URL; a short default timeout', () => {
    expect(createConfig({}).llm).toBeUndefined();
    expect(createConfig({ LLM_BASE_URL: '', LLM_MODEL: '' }).llm).toBeUndefined();
    expect(createConfig({ LLM_BASE_URL: 'http://127.0.0.1:11434/v1', LLM_MODEL: 'qwen2.5:7b-instruct' }).llm).toEqual({
      baseUrl: 'http://127.0.0.1:11434/v1',
      model: 'qwen2.5:7b-instruct',
      apiKey: undefined,
      timeoutMs: 3000,
    });
    const cloud = createConfig({ LLM_BASE_URL: 'https://api.example.cn/v1', LLM_MODEL: 'm', LLM_API_KEY: 'sk-1', LLM_TIMEOUT_MS: '5000' }).llm;
    expect(cloud).toMatchObject({ apiKey: 'sk-1', timeoutMs: 5000 });
    expect(() => createConfig({ LLM_BASE_URL: 'http://127.0.0.1:8000/v1' })).toThrow(/LLM_MODEL: is required/);
    expect(() => createConfig({ LLM_MODEL: 'qwen' })).toThrow(/LLM_BASE_URL: is required/);
    expect(() => createConfig({ LLM_API_KEY: 'sk-1' })).toThrow(/LLM_BASE_URL/);
    expect(() => createConfig({ LLM_BASE_URL: '127.0.0.1:11434', LLM_MODEL: 'q' })).toThrow(/LLM_BASE_URL: must be the http\(s\) API root/);
    expect(() => createConfig({ LLM_BASE_URL: 'ftp://h/v1', LLM_MODEL: 'q' })).toThrow(/LLM_BASE_URL/);
    expect(() => createConfig({ LLM_BASE_URL: 'http://h/v1', LLM_MODEL: 'q', LLM_TIMEOUT_MS: '50' })).toThrow(/LLM_TIMEOUT_MS/);
  });

  it('reads the time zone (an IANA name) and the event settings, with their defaults', () => {
    const d = createConfig({});
    expect(d.timeZone).toBe('Asia/Shanghai');
    expect(d.events).toEqual({ remindHoursBefore: 24, checkInEarlyMinutes: 60, checkInRadiusMeters: 500 });
    const c = createConfig({
      TIME_ZONE: 'Asia/Urumqi',
      EVENT_REMIND_HOURS_BEFORE: '12',
      EVENT_CHECKIN_EARLY_MINUTES: '30',
      EVENT_CHECKIN_RADIUS_METERS: '200',
    });
    expect(c.timeZone).toBe('Asia/Urumqi');
    expect(c.events).toEqual({ remindHoursBefore: 12, checkInEarlyMinutes: 30, checkInRadiusMeters: 200 });
    expect(() => createConfig({ TIME_ZONE: 'Mars/Olympus' })).toThrow(/TIME_ZONE: must be an IANA time zone/);
    expect(() => createConfig({ EVENT_CHECKIN_RADIUS_METERS: '5' })).toThrow(/EVENT_CHECKIN_RADIUS_METERS/);
  });

  it('reads an instance name without spaces or slashes', () => {
    expect(createConfig({ INSTANCE_NAME: 'bot-1' }).instanceName).toBe('bot-1');
    expect(createConfig({}).instanceName).toBeUndefined();
    expect(() => createConfig({ INSTANCE_NAME: 'bot 1' })).toThrow(/INSTANCE_NAME/);
    expect(() => createConfig({ INSTANCE_NAME: 'a/b' })).toThrow(/INSTANCE_NAME/);
  });

  it('reads the time zone and the service-day settings, with their defaults', () => {
    expect(createConfig({})).toMatchObject({ timeZone: 'Asia/Shanghai', calendar: { file: undefined, graceMinutes: 60, feed: false } });
    expect(createConfig({ TIME_ZONE: 'Asia/Urumqi', CALENDAR_FILE: 'x.json', REMINDER_GRACE_MINUTES: '15', CALENDAR_FEED: 'on' })).toMatchObject({
      timeZone: 'Asia/Urumqi',
      calendar: { file: 'x.json', graceMinutes: 15, feed: true },
    });
    expect(() => createConfig({ TIME_ZONE: 'Beijing' })).toThrow(/TIME_ZONE: must be an IANA time zone/);
    expect(() => createConfig({ REMINDER_GRACE_MINUTES: '0' })).toThrow(/REMINDER_GRACE_MINUTES/);
    expect(() => createConfig({ CALENDAR_FEED: 'yes' })).toThrow(/CALENDAR_FEED/);
  });

  it('names the wrong variable and how to fix it', () => {
    expect(() => createConfig({ DATABASE_URL: 'mysql://x' })).toThrow(ConfigError);
    expect(() => createConfig({ LOG_LEVEL: 'loud' })).toThrow(/LOG_LEVEL/);
    expect(() => createConfig({ DATABASE_URL: 'mysql://x' })).toThrow(/\.env\.example/);
  });

  describe('WeChat', () => {
    const base = { WECHAT_APP_ID: 'wx0123456789abcdef', WECHAT_APP_SECRET: 'a'.repeat(32), WECHAT_TOKEN: 'lianxinToken' };

    it('is off without settings and on with the three required ones, with the platform defaults', () => {
      expect(createConfig({}).wechat).toBeUndefined();
      const c = createConfig(base).wechat!;
      expect(c).toMatchObject({ appId: base.WECHAT_APP_ID, aesKey: undefined, apiRoot: 'https://api.weixin.qq.com', path: '/wechat', templates: {} });
      expect(c.replyWindow).toEqual({ ms: 48 * 3_600_000, perMessage: 5 });
      expect(c.menuReplies).toBe(true);
    });

    it('names the missing companion of a partial setting', () => {
      expect(() => createConfig({ WECHAT_APP_ID: base.WECHAT_APP_ID })).toThrow(/WECHAT_APP_SECRET.*\n.*WECHAT_TOKEN/s);
      expect(() => createConfig({ WECHAT_AES_KEY: 'k'.repeat(43) })).toThrow(/WECHAT_APP_ID/);
    });

    it('checks the shapes the platform gives, saying where they come from', () => {
      expect(() => createConfig({ ...base, WECHAT_APP_ID: 'wx123' })).toThrow(/开发者ID/);
      expect(() => createConfig({ ...base, WECHAT_AES_KEY: 'short' })).toThrow(/EncodingAESKey/);
      expect(() => createConfig({ ...base, WECHAT_API_ROOT: 'not a url' })).toThrow(/WECHAT_API_ROOT/);
      expect(createConfig({ ...base, WECHAT_API_ROOT: 'http://127.0.0.1:9/', WECHAT_AES_KEY: 'k'.repeat(43) }).wechat).toMatchObject({
        apiRoot: 'http://127.0.0.1:9',
        aesKey: 'k'.repeat(43),
      });
    });

    it('reads the template mapping as JSON and refuses unknown notice kinds or broken JSON', () => {
      const templates = { request_claimed: { id: 'T1', fields: { thing1: 'service', character_string2: 'ticket', phrase3: '=已接单' } } };
      expect(createConfig({ ...base, WECHAT_TEMPLATES: JSON.stringify(templates) }).wechat!.templates).toEqual(templates);
      expect(() => createConfig({ ...base, WECHAT_TEMPLATES: '{"nonsense":{"id":"T","fields":{}}}' })).toThrow(/WECHAT_TEMPLATES/);
      expect(() => createConfig({ ...base, WECHAT_TEMPLATES: '{not json' })).toThrow(/WECHAT_TEMPLATES/);
    });

    it('takes the window rules from the settings within the platform limits', () => {
      const c = createConfig({ ...base, WECHAT_REPLY_WINDOW_HOURS: '24', WECHAT_REPLIES_PER_MESSAGE: '3', WECHAT_MENU_REPLIES: 'off' }).wechat!;
      expect(c.replyWindow).toEqual({ ms: 24 * 3_600_000, perMessage: 3 });
      expect(c.menuReplies).toBe(false);
      expect(() => createConfig({ ...base, WECHAT_REPLY_WINDOW_HOURS: '72' })).toThrow(/WECHAT_REPLY_WINDOW_HOURS/);
    });
  });
});
