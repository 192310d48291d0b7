import { verifyCallback } from '../src/channels/wechat/callback.js';
import { encryptMessage, msgSignature } from '../src/channels/wechat/crypto.js';
import { toIncoming } from '../src/channels/wechat/inbound.js';
import { buildXml } from '../src/channels/wechat/xml.js';
import { createCatalogueMatcher } from '../src/domain/catalogue/matcher.js';
import { readCatalogueFile } from '../src/domain/reference-data.js';
import { measure, readLabelled } from '../test/fixtures/requests/labelled.js';

// === In-process figures: the catalogue matcher, understanding everyday requests, a WeChat callback's decoding

type Line = (what: string, figure: string) => void;

export function benchMatcher(line: Line) {
  const matcher = createCatalogueMatcher(readCatalogueFile());
  const phrases = [
    '电视坏了',
    '我家电视没图像了',
    '水管漏水',
    '下水道堵了',
    '钥匙锁家里了',
    '想剪个头发',
    '社保怎么交',
    '和邻居吵架了',
    '老伴要去医院没人陪',
    '店事坏了',
  ];
  const n = 20_000;
  const t = performance.now();
  for (let i = 0; i < n; i++) matcher.match(phrases[i % phrases.length]!);
  line('catalogue matcher, one sentence', `${(((performance.now() - t) * 1000) / n).toFixed(1)} µs`);
}

/** Understanding everyday requests: first-proposal accuracy on the labelled phrasings, and the time a sentence takes. */
export function benchUnderstanding(line: Line) {
  const matcher = createCatalogueMatcher(readCatalogueFile());
  const cases = readLabelled();
  let t = performance.now();
  const result = measure(cases, (text) => matcher.match(text).map((m) => m.itemCode));
  const firstPass = performance.now() - t;
  const share = (n: number) => `${((100 * n) / result.total).toFixed(1)} %`;
  line(`everyday requests (${result.total} labelled phrasings): first proposal right`, share(result.first));
  line('everyday requests: right item among the proposals', share(result.offered));
  line('everyday requests: nothing proposed (the classes offered)', share(result.none));
  line('everyday requests: first pass, incl. loading the word dictionary once', `${firstPass.toFixed(0)} ms`);
  const rounds = 20;
  t = performance.now();
  for (let r = 0; r < rounds; r++) for (const c of cases) matcher.match(c.text);
  line('everyday requests: matcher, one sentence', `${(((performance.now() - t) * 1000) / (rounds * cases.length)).toFixed(1)} µs`);
}

/** What WeChat's 5 s budget pays for before the runner: signature, 安全模式 decryption, XML, mapping. */
export function benchWechatCallback(line: Line) {
  const key = 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG';
  const appId = 'wx0123456789abcdef';
  const xml = buildXml({
    ToUserName: 'gh_bench',
    FromUserName: 'o-bench',
    CreateTime: 1764547200,
    MsgType: 'text',
    Content: '我家电视坏了，麻烦派个师傅',
    MsgId: '24810000000000001',
  });
  const encrypted = encryptMessage(key, xml, appId);
  const query = new URLSearchParams({
    timestamp: '1764547200',
    nonce: '42',
    encrypt_type: 'aes',
    msg_signature: msgSignature('tok3n', '1764547200', '42', encrypted),
  });
  const body = buildXml({ ToUserName: 'gh_bench', Encrypt: encrypted });
  const now = new Date(1764547200_000);
  const n = 5_000;
  const t = performance.now();
  for (let i = 0; i < n; i++) {
    const checked = verifyCallback(query, body, { token: 'tok3n', appId, aesKey: key, now, maxSkewSeconds: 300 });
    if (!checked.ok || 'ignore' in toIncoming(checked.fields)) throw new Error('bench callback did not verify');
  }
  line('WeChat callback in 安全模式: verify, decrypt, parse, map', `${(((performance.now() - t) * 1000) / n).toFixed(0)} µs`);
}
