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

  it('reads organizers and dispatch timing', () => {
    const c = createConfig({ ORGANIZERS: 'telegram:123456,wechat:wxid_abc', CLAIM_REMIND_MINUTES: '5', ESCALATE_MINUTES: '20' });
    expect(c.organizers).toEqual([
      { channel: 'telegram', externalId: '123456' },
      { channel: 'wechat', externalId: 'wxid_abc' },
    ]);
    expect(c.dispatch).toEqual({ remindMinutes: 5, escalateMinutes: 20 });
    expect(createConfig({}).dispatch).toEqual({ remindMinutes: 10, escalateMinutes: 30 });
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
      webhook: { url: 'https://x.org/tg', secret: 'a'.repeat(32), port: 8443, host: '0.0.0.0' },
    });
  });

  it('reads an instance name without spaces or slashes', () => {
    expect(createConfig({ INSTANCE_NAME: 'bot-1' }).instanceName).toBe('bot-1');
    expect(createConfig({}).instanceName).toBeUndefined();
    expect(() => createConfig({ INSTANCE_NAME: 'bot 1' })).toThrow(/INSTANCE_NAME/);
    expect(() => createConfig({ INSTANCE_NAME: 'a/b' })).toThrow(/INSTANCE_NAME/);
  });

  it('names the wrong variable and how to fix it', () => {
    expect(() => createConfig({ DATABASE_URL: 'mysql://x' })).toThrow(ConfigError);
    expect(() => createConfig({ LOG_LEVEL: 'loud' })).toThrow(/LOG_LEVEL/);
    expect(() => createConfig({ DATABASE_URL: 'mysql://x' })).toThrow(/\.env\.example/);
  });
});
