import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger, redactLogValue } from '../src/logger.js';

function sink() {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk, _enc, cb) {
      lines.push(String(chunk));
      cb();
    },
  });
  return { lines, stream };
}

function capture() {
  const { lines, stream } = sink();
  return { log: createLogger('debug', stream), lines };
}

describe('the logger redaction step', () => {
  it('redacts phones and addresses in any field and in the message, and keeps ids', () => {
    const { log, lines } = capture();
    log.warn(
      {
        key: 'telegram:123456789:123456789',
        chatId: '-1001234567890',
        nested: { note: '住文昌小区3幢2单元501，电话138 1234 5678' },
        list: ['幺三八一二三四五六七八'],
      },
      '打给13812345678',
    );
    const line = lines.join('');
    expect(line).toContain('telegram:123456789:123456789');
    expect(line).toContain('-1001234567890');
    expect(line).not.toMatch(/文昌小区|138 1234|幺三八/);
    expect(JSON.parse(line)).toMatchObject({ msg: '打给***', nested: { note: '[地址已隐去]，电话***' }, list: ['***'] });
  });

  it('redacts accounts, e-mail, links with tokens, plates and ID cards too, and keeps the words of the line', () => {
    const { log, lines } = capture();
    log.warn(
      {
        key: 'wechat:o6_bmjrPTlm6_2sgVt7hMZOPfL2M:o6_bmjrPTlm6_2sgVt7hMZOPfL2M',
        code: 'chat_not_found',
        note: '加我微信wxid_abc123xyz 或 QQ 12345678，邮箱 wang.xy1950@163.com',
        link: 'https://u.wechat.com/EMj8xyzAbC?from=1',
        more: ['车牌浙F·12345', '身份证33040219500101123X'],
      },
      '微信号wang_xiuying1950 wechat callback refused',
    );
    const line = lines.join('');
    expect(line).not.toMatch(/wxid_|12345678|wang|EMj8|浙F|123X/);
    expect(JSON.parse(line)).toMatchObject({
      key: 'wechat:o6_bmjrPTlm6_2sgVt7hMZOPfL2M:o6_bmjrPTlm6_2sgVt7hMZOPfL2M',
      code: 'chat_not_found',
      msg: '微信号[联系方式已隐去] wechat callback refused',
      link: '[链接已隐去]',
    });
  });

  it('makes any Error safe, wherever it sits in the object', () => {
    const { log, lines } = capture();
    const err = new Error('Failed query: update "people" set "display_name" = $1\nparams: 王阿姨');
    log.error({ failure: err, deeper: { err } }, 'failed');
    expect(lines.join('')).not.toContain('王阿姨');
  });
});

describe('redactLogValue', () => {
  it('keeps id fields as they are, and redacts the same text in any other field', () => {
    const phone = '13812345678';
    expect(redactLogValue({ id: phone, key: phone, ticket: phone, chatId: phone, personIds: [phone], note: phone })).toEqual({
      id: phone,
      key: phone,
      ticket: phone,
      chatId: phone,
      personIds: [phone],
      note: '***',
    });
  });

  it('leaves numbers, booleans, null and dates alone', () => {
    const at = new Date(0);
    expect(redactLogValue({ n: 13812345678, ok: true, none: null, at })).toEqual({ n: 13812345678, ok: true, none: null, at });
  });

  it('stops at a depth, so a cyclic or very deep object cannot hang the logger', () => {
    const deep: Record<string, unknown> = {};
    let node = deep;
    for (let i = 0; i < 10; i++) node = node.next = {};
    const out = JSON.stringify(redactLogValue(deep));
    expect(out).toContain('[nested]');
    const cyclic: Record<string, unknown> = { a: 1 };
    cyclic.self = cyclic;
    expect(JSON.stringify(redactLogValue(cyclic))).toContain('[nested]');
  });
});

describe('createLogger', () => {
  it('writes JSON lines at the level asked for and above, with the app name', () => {
    const { lines, stream } = sink();
    const log = createLogger('warn', stream);
    log.info('not written');
    log.warn({ state: 'address' }, 'written');
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0]!)).toMatchObject({ app: 'lianxin', level: 40, state: 'address', msg: 'written' });
  });
});
