import { createCipheriv, createDecipheriv } from 'node:crypto';
import { decrypt, encrypt, getSignature } from '@wecom/crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decryptMessage, encryptMessage, msgSignature, plainSignature, signaturesEqual, WechatCryptoError } from '../../../src/channels/wechat/crypto.js';

/**
 * Tencent's 公众号 sample of 消息加解密 (WXBizMsgCrypt, Python `Sample.py` by jonyqin, 2014), as found in
 * github.com/charlesXu86/Chatbot_CN, `Chatbot_Web/impl/weixin/Sample.py` (the same strings are in
 * fotock/WXbizMsgCrypt-Node `README.md`). Its EncodingAESKey is `abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG`
 * — not `jWmYm7…`, which belongs to the 企业微信 sample below.
 */
const MP = {
  token: 'spamtest',
  aesKey: 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG',
  appId: 'wx2c2769f8efd9abc2',
  timestamp: '1409735669',
  nonce: '1320562132',
  msgSignature: '5d197aaffba7e9b25a30732f161a50dee96bd5fa',
  encrypt:
    'hyzAe4OzmOMbd6TvGdIOO6uBmdJoD0Fk53REIHvxYtJlE2B655HuD0m8KUePWB3+LrPXo87wzQ1QLvbeUgmBM4x6F8PGHQHFVAFmOD2LdJF9FrXpbUAh0B5GIItb52sn896wVsMSHGuPE328HnRGBcrS7C41IzDWyWNlZkyyXwon8T332jisa+h6tEDYsVticbSnyU8dKOIbgU6ux5VTjg3yt+WGzjlpKn6NPhRjpA912xMezR4kw6KWwMrCVKSVCZciVGCgavjIQ6X8tCOp3yZbGpy0VxpAe+77TszTfRd5RJSVO/HTnifJpXgCSUdUue1v6h0EIBYYI1BD1DlD+C0CR8e6OewpusjZ4uBl9FyJvnhvQl+q5rv1ixrcpCumEPo5MJSgM9ehVsNPfUM669WuMyVWQLCzpu9GhglF2PE=',
};

/**
 * Tencent's 企业微信 sample (C# `Sample.cs`), as found in github.com/2830499544/VipCard,
 * `Chain.Wechat/Tencent/Sample.cs`: token QDG6eK, EncodingAESKey jWmYm7…, corp id wx5823bf96d3bd56c7.
 * Same scheme; the receiver id is the corp id instead of an AppID.
 */
const WORK = {
  token: 'QDG6eK',
  aesKey: 'jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2C',
  appId: 'wx5823bf96d3bd56c7',
  timestamp: '1409659813',
  nonce: '1372623149',
  msgSignature: '477715d11cdb4164915debcba66cb864d751f3e6',
  encrypt:
    'RypEvHKD8QQKFhvQ6QleEB4J58tiPdvo+rtK1I9qca6aM/wvqnLSV5zEPeusUiX5L5X/0lWfrf0QADHHhGd3QczcdCUpj911L3vg3W/sYYvuJTs3TUUkSUXxaccAS0qhxchrRYt66wiSpGLYL42aM6A8dTT+6k4aSknmPj48kzJs8qLjvd4Xgpue06DOdnLxAUHzM6+kDZ+HMZfJYuR+LtwGc2hgf5gsijff0ekUNXZiqATP7PF5mZxZ3Izoun1s4zG4LUMnvw2r+KqCKIw+3IQH03v+BCA9nMELNqbSf6tiWSrXJB3LAVGUcallcrw8V2t9EL4EhzJWrQUax5wLVMNS0+rUPA3k22Ncx4XXZS9o0MBH27Bo6BpNelZpS+/uh9KsNlY6bHCmJU9p8g7m3fVKn28H3KDYA5Pl/T8Z1ptDAVe0lXdQ2YoyyH2uyPIGHBZZIs2pDBS8R07+qN+E7Q==',
};

const expectCode = (fn: () => unknown, code: string) => {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(WechatCryptoError);
    expect((err as WechatCryptoError).code).toBe(code);
    return;
  }
  throw new Error(`expected WechatCryptoError ${code}`);
};

describe('WeChat signatures', () => {
  it('computes the msg_signature of both official samples', () => {
    expect(msgSignature(MP.token, MP.timestamp, MP.nonce, MP.encrypt)).toBe(MP.msgSignature);
    expect(msgSignature(WORK.token, WORK.timestamp, WORK.nonce, WORK.encrypt)).toBe(WORK.msgSignature);
  });

  it('computes the plain signature as SHA-1 of the three sorted parts, whatever their order', () => {
    // sorted: 1320562132, 1409735669, spamtest
    expect(plainSignature('spamtest', '1409735669', '1320562132')).toBe('16120ec1b8dbb870f510d87ce6bc2463eae6ca1a');
    expect(plainSignature('1320562132', 'spamtest', '1409735669')).toBe(plainSignature('spamtest', '1409735669', '1320562132'));
    expect(plainSignature('spamtest', '1409735669', '1320562133')).not.toBe(plainSignature('spamtest', '1409735669', '1320562132'));
  });

  it('agrees with @wecom/crypto for any parts', () => {
    const part = fc.string({ unit: 'grapheme', minLength: 1, maxLength: 40 });
    fc.assert(fc.property(part, part, part, part, (t, ts, n, e) => msgSignature(t, ts, n, e) === getSignature(t, ts, n, e)));
  });

  it('compares signatures exactly, including different lengths', () => {
    expect(signaturesEqual(MP.msgSignature, MP.msgSignature)).toBe(true);
    expect(signaturesEqual(MP.msgSignature, MP.msgSignature.toUpperCase())).toBe(false);
    expect(signaturesEqual(MP.msgSignature, MP.msgSignature.slice(0, -1))).toBe(false);
    expect(signaturesEqual(MP.msgSignature, '')).toBe(false);
  });
});

describe('WeChat message encryption', () => {
  it('decrypts the 公众号 sample to its text message and AppID', () => {
    const { xml, appId } = decryptMessage(MP.aesKey, MP.encrypt);
    expect(appId).toBe(MP.appId);
    expect(xml).toBe(
      '<xml><ToUserName><![CDATA[gh_10f6c3c3ac5a]]></ToUserName>\n<FromUserName><![CDATA[oyORnuP8q7ou2gfYjqLzSIWZf0rs]]></FromUserName>\n' +
        '<CreateTime>1409735668</CreateTime>\n<MsgType><![CDATA[text]]></MsgType>\n<Content><![CDATA[abcdteT]]></Content>\n' +
        '<MsgId>6054768590064713728</MsgId>\n</xml>',
    );
  });

  it('decrypts the 企业微信 sample to its receiver id', () => {
    const { xml, appId } = decryptMessage(WORK.aesKey, WORK.encrypt);
    expect(appId).toBe(WORK.appId);
    expect(xml).toContain('<Content><![CDATA[hello]]></Content>');
    expect(xml).toContain('<AgentID>218</AgentID>');
  });

  it('reproduces the sample ciphertext from its plaintext and random bytes', () => {
    const theirs = decrypt(MP.aesKey, MP.encrypt);
    expect(encryptMessage(MP.aesKey, theirs.message, theirs.id, theirs.random)).toBe(MP.encrypt);
    const work = decrypt(WORK.aesKey, WORK.encrypt);
    expect(encryptMessage(WORK.aesKey, work.message, work.id, work.random)).toBe(WORK.encrypt);
  });

  it('pads to 32-byte blocks', () => {
    // 16 random + 4 length + xml + 'wx' (2): 10 bytes of xml fill 32 exactly and get a whole block of padding.
    for (const length of [0, 1, 9, 10, 11, 44]) {
      const bytes = Buffer.from(encryptMessage(MP.aesKey, 'x'.repeat(length), 'wx'), 'base64').length;
      expect(bytes % 32).toBe(0);
      expect(bytes).toBeGreaterThan(22 + length);
    }
    expect(Buffer.from(encryptMessage(MP.aesKey, 'x'.repeat(9), 'wx'), 'base64')).toHaveLength(32);
    expect(Buffer.from(encryptMessage(MP.aesKey, 'x'.repeat(10), 'wx'), 'base64')).toHaveLength(64);
    // and the padding is 32 bytes of 32: what WeChat's decoder strips
    const key = Buffer.from(`${MP.aesKey}=`, 'base64');
    const decipher = createDecipheriv('aes-256-cbc', key, key.subarray(0, 16)).setAutoPadding(false);
    const plain = Buffer.concat([decipher.update(Buffer.from(encryptMessage(MP.aesKey, 'x'.repeat(10), 'wx'), 'base64')), decipher.final()]);
    expect([...plain.subarray(32)]).toEqual(Array(32).fill(32));
  });

  it('interoperates with @wecom/crypto both ways for any text, Chinese and emoji included', () => {
    const keyChars = fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/'.split(''));
    const aesKey = fc.string({ unit: keyChars, minLength: 43, maxLength: 43 }).filter((k) => Buffer.from(`${k}=`, 'base64').length === 32);
    const text = fc.oneof(
      fc.string({ unit: 'grapheme', maxLength: 200 }),
      fc.constantFrom('<xml><Content><![CDATA[电视坏了，能来修吗？🙏]]></Content></xml>', '老人家👵🏻需要帮忙', ''),
    );
    const appId = fc.stringMatching(/^wx[0-9a-f]{16}$/);
    fc.assert(
      fc.property(aesKey, text, appId, (key, xml, id) => {
        const theirs = decrypt(key, encryptMessage(key, xml, id));
        expect(theirs).toMatchObject({ message: xml, id });
        expect(decryptMessage(key, encrypt(key, xml, id))).toEqual({ xml, appId: id });
      }),
      { numRuns: 200 },
    );
  });

  it('refuses keys that are not 43 base64 characters', () => {
    expectCode(() => decryptMessage('short', MP.encrypt), 'bad_key');
    expectCode(() => decryptMessage(`${MP.aesKey}A`, MP.encrypt), 'bad_key');
    expectCode(() => decryptMessage(`${MP.aesKey.slice(0, 42)}-`, MP.encrypt), 'bad_key');
    expectCode(() => encryptMessage('', 'x', 'wx'), 'bad_key');
    expectCode(() => encryptMessage(MP.aesKey, 'x', 'wx', Buffer.alloc(15)), 'bad_random');
  });

  it('refuses garbage with a typed error, never a crash', () => {
    expectCode(() => decryptMessage(MP.aesKey, ''), 'bad_length');
    expectCode(() => decryptMessage(MP.aesKey, 'not base64!'), 'bad_base64');
    expectCode(() => decryptMessage(MP.aesKey, 'QUJD'), 'bad_length');
    // the right length under the wrong key: the padding does not check out
    expectCode(() => decryptMessage(WORK.aesKey, MP.encrypt), 'bad_padding');
    // a truncated ciphertext: CBC decrypts, the padding is wrong
    expectCode(() => decryptMessage(MP.aesKey, Buffer.from(MP.encrypt, 'base64').subarray(0, 64).toString('base64')), 'bad_padding');
  });

  it('refuses a well-padded plaintext whose length field points past the end', () => {
    const key = Buffer.from(`${MP.aesKey}=`, 'base64');
    const plain = Buffer.alloc(64, 0);
    plain.writeUInt32BE(1000, 16);
    plain.fill(12, 52);
    const cipher = createCipheriv('aes-256-cbc', key, key.subarray(0, 16)).setAutoPadding(false);
    const forged = Buffer.concat([cipher.update(plain), cipher.final()]).toString('base64');
    expectCode(() => decryptMessage(MP.aesKey, forged), 'bad_payload');
  });

  it('throws only WechatCryptoError for any input', () => {
    const input = fc.oneof(
      fc.string(),
      fc.base64String(),
      fc.uint8Array({ maxLength: 200 }).map((b) => Buffer.from(b).toString('base64')),
    );
    fc.assert(
      fc.property(input, (garbage) => {
        try {
          decryptMessage(MP.aesKey, garbage);
        } catch (err) {
          expect(err).toBeInstanceOf(WechatCryptoError);
        }
      }),
      { numRuns: 500 },
    );
  });
});
