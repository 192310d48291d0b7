import { createCipheriv, createDecipheriv, createHash, randomBytes, timingSafeEqual } from 'node:crypto';

// === WeChat's callback signatures and 安全模式 message encryption (WXBizMsgCrypt), on node:crypto alone

/** Why a key or an `<Encrypt>` value could not be used. */
export type WechatCryptoErrorCode = 'bad_key' | 'bad_base64' | 'bad_length' | 'bad_padding' | 'bad_payload' | 'bad_random';

/** A key or ciphertext that WeChat's scheme cannot accept; thrown instead of any lower-level error. */
export class WechatCryptoError extends Error {
  override readonly name = 'WechatCryptoError';
  constructor(
    readonly code: WechatCryptoErrorCode,
    message: string = code,
  ) {
    super(message);
  }
}

/** WeChat pads the plaintext with PKCS#7 to a multiple of 32 bytes (not AES's 16). */
const PAD_BLOCK = 32;
const AES_BLOCK = 16;
const RANDOM_BYTES = 16;
const LENGTH_BYTES = 4;
const ENCODING_AES_KEY = /^[A-Za-z0-9+/]{43}$/;
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;
const utf8 = new TextDecoder('utf-8', { fatal: true });

function sha1OfSorted(parts: string[]): string {
  return createHash('sha1')
    .update([...parts].sort().join(''), 'utf8')
    .digest('hex');
}

/**
 * The `signature` query parameter of URL verification (GET) and of every POST:
 * SHA-1 (hex) of token, timestamp and nonce, sorted lexicographically and joined.
 */
export function plainSignature(token: string, timestamp: string, nonce: string): string {
  return sha1OfSorted([token, timestamp, nonce]);
}

/** The `msg_signature` query parameter in 安全模式: as {@link plainSignature}, with the `<Encrypt>` value as a fourth part. */
export function msgSignature(token: string, timestamp: string, nonce: string, encrypt: string): string {
  return sha1OfSorted([token, timestamp, nonce, encrypt]);
}

/** Compares a signature we computed with one we were given, in constant time for equal lengths. */
export function signaturesEqual(expected: string, given: string): boolean {
  const a = Buffer.from(expected, 'utf8');
  const b = Buffer.from(given, 'utf8');
  return a.length === b.length && timingSafeEqual(a, b);
}

/** The 32-byte AES key of a 43-character EncodingAESKey (base64 without its `=`). */
function keyOf(aesKey43: string): Buffer {
  if (!ENCODING_AES_KEY.test(aesKey43)) throw new WechatCryptoError('bad_key', 'EncodingAESKey must be 43 base64 characters');
  const key = Buffer.from(`${aesKey43}=`, 'base64');
  if (key.length !== 32) throw new WechatCryptoError('bad_key', 'EncodingAESKey does not decode to 32 bytes');
  return key;
}

function pad(data: Buffer): Buffer {
  const amount = PAD_BLOCK - (data.length % PAD_BLOCK);
  return Buffer.concat([data, Buffer.alloc(amount, amount)]);
}

function unpad(data: Buffer): Buffer {
  const amount = data.at(-1) ?? 0;
  if (amount < 1 || amount > PAD_BLOCK || amount > data.length) throw new WechatCryptoError('bad_padding');
  for (let i = data.length - amount; i < data.length; i++) if (data[i] !== amount) throw new WechatCryptoError('bad_padding');
  return data.subarray(0, data.length - amount);
}

/**
 * Decrypts an `<Encrypt>` value: AES-256-CBC (IV = the key's first 16 bytes) over
 * random(16) ‖ uint32 BE length ‖ xml ‖ appId, padded with PKCS#7 to 32 bytes.
 * The caller checks that `appId` is its own. Throws {@link WechatCryptoError} for anything unreadable.
 */
export function decryptMessage(aesKey43: string, encryptB64: string): { xml: string; appId: string } {
  const key = keyOf(aesKey43);
  if (!BASE64.test(encryptB64)) throw new WechatCryptoError('bad_base64');
  const cipherText = Buffer.from(encryptB64, 'base64');
  if (cipherText.length === 0 || cipherText.length % AES_BLOCK !== 0) throw new WechatCryptoError('bad_length');
  let plain: Buffer;
  try {
    const decipher = createDecipheriv('aes-256-cbc', key, key.subarray(0, AES_BLOCK));
    decipher.setAutoPadding(false);
    plain = Buffer.concat([decipher.update(cipherText), decipher.final()]);
  } catch {
    throw new WechatCryptoError('bad_length');
  }
  const content = unpad(plain);
  if (content.length < RANDOM_BYTES + LENGTH_BYTES) throw new WechatCryptoError('bad_payload', 'too short');
  const xmlLength = content.readUInt32BE(RANDOM_BYTES);
  const xmlStart = RANDOM_BYTES + LENGTH_BYTES;
  if (xmlLength > content.length - xmlStart) throw new WechatCryptoError('bad_payload', 'length beyond the end');
  try {
    return {
      xml: utf8.decode(content.subarray(xmlStart, xmlStart + xmlLength)),
      appId: utf8.decode(content.subarray(xmlStart + xmlLength)),
    };
  } catch {
    throw new WechatCryptoError('bad_payload', 'not UTF-8');
  }
}

/**
 * Encrypts a reply (or, in tests, a callback) the way WeChat does; `random16` defaults to fresh random
 * bytes and is given only to reproduce a known ciphertext. Returns the base64 `<Encrypt>` value.
 */
export function encryptMessage(aesKey43: string, xml: string, appId: string, random16: Buffer = randomBytes(RANDOM_BYTES)): string {
  const key = keyOf(aesKey43);
  if (random16.length !== RANDOM_BYTES) throw new WechatCryptoError('bad_random', 'random16 must be 16 bytes');
  const body = Buffer.from(xml, 'utf8');
  const length = Buffer.alloc(LENGTH_BYTES);
  length.writeUInt32BE(body.length);
  const plain = pad(Buffer.concat([random16, length, body, Buffer.from(appId, 'utf8')]));
  const cipher = createCipheriv('aes-256-cbc', key, key.subarray(0, AES_BLOCK));
  cipher.setAutoPadding(false);
  return Buffer.concat([cipher.update(plain), cipher.final()]).toString('base64');
}
