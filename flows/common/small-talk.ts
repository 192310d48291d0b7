import { normalizeText } from './choice.js';
import { readPhone } from './phone.js';

// === Messages that say nothing of a problem yet: a greeting, "who are you", "I cannot type, call me"

/** Greetings, forms of address, fillers, and asking for help without saying what (我要求助, 有点事). */
const GREETING =
  /你们好|你好|您好|大家好|在吗|在么|在不在|有人吗|有人在吗|有没有人|喂+|哈喽|嗨|hi|hello|早上好|上午好|中午好|下午好|晚上好|早安|请问(一下)?|打扰(了|一下)|同志|师傅|小姑娘|小伙子|老师|工作人员|我要求助|我想求助|要求助|求助|求帮忙|帮帮忙|帮个忙|帮帮我|我想请?你们帮(个)?忙|麻烦(你们|您|你)|我?有(点|个)?(事|事情|问题)(想)?(问|找|请教)?(一下)?(你们|您)?|想问(一下|问)?|问(一)?下|咨询(一下)?/giu;
/** Particles before or after (嗯 你好啊, 在吗呀); not inside a word (什么). */
const PARTICLES = /^[啊呀吗么哦噢嗯哈呢吧啦嘛]+|[啊呀吗么哦噢嗯哈呢吧啦嘛]+$/gu;
const APART = /[\s,，。.!！?？~～、…:：;；]+/gu;

/** The text less greetings, fillers and punctuation: what it says beyond hello. */
function beyondHello(text: string): string {
  return normalizeText(text).toLowerCase().replace(APART, '').replace(GREETING, '').replace(PARTICLES, '');
}

/**
 * True when the text is only a greeting or a call for help that says not what about: 在吗, 你好 在不在,
 * 喂喂, 有人吗？, 我要求助, 师傅 有点事想问一下. Such a first message is greeted and asked what is wrong.
 */
export function isGreeting(text: string): boolean {
  return /[\p{L}\p{N}]/u.test(text) && beyondHello(text) === '';
}

/** Who are you, what is this, what can you do — with or without a greeting around it. */
const WHO =
  /^(你|你们|您|这|这里|这个|这边)?(是|是不是)?(谁|哪里|哪儿|哪个单位|什么|啥|干什么|干啥|做什么|机器人|真人|人工)(的|地方|单位|服务|号|平台)?$|^(你们|你|您|这里)?(能|可以|会)(帮我?)?(干|做|办|帮)(些|点)?(什么|啥)(忙|事)?$|^(这个|这)?怎么用$|^什么(服务|平台|号|地方)$|^连心桥是(什么|干什么的|啥)$/u;

/** True for "who are you" words (你是谁, 你们是干什么的, 这是哪里, 能帮什么忙): answered with who we are. */
export function asksWhoWeAre(text: string): boolean {
  const rest = beyondHello(text);
  return rest !== '' && WHO.test(rest);
}

/** Cannot type: 我不会打字, 打字太慢, 看不清字. */
const CANNOT_TYPE =
  /(不会|不太会|不能|没法|没办法|不方便|不懂)打字|打不了字|打字(不方便|太慢|很慢|慢|困难|吃力|不会|不行|费劲)|不识字|不认字|看不清(字|屏幕|手机)/gu;
/** Wants a call, or the number to call: 你们打电话给我吧, 能不能给我打个电话, 热线是多少 — not 打电话给我女儿. */
const CALL_ME =
  /(给|跟)我打(个|一个)?电话|打(个|一个)?电话(过来)?给我(?!\p{Script=Han}*(女儿|儿子|老伴|邻居|家人|孩子|爸|妈))|(打|拨)(个)?电话(过来|来)|电话(联系|打给)我|打(个)?电话(吗)?$|我(想|要)(跟你们)?打电话$|热线(电话|号码)?是?(多少|几号)|(你们|人工)的?(电话|号码)是?(多少|几号)|有没有(人工|热线|客服)?电话|转人工|人工(服务|客服)/gu;
/** Why, and words around the wish that add nothing: 我眼睛不好, 年纪大了, 你们, 能不能, 吧. */
const AROUND =
  /眼睛(不好|不行|花了?|看不清)|眼花|手抖|年纪大了|岁数大了|老了|字太小|不会(用)?拼音|(能不能|可不可以|可以|直接|还是|麻烦|请|就|你们|您|我)|(吗|吧|啊|呀|好吗|行吗|可以吗|好不好|了|的)/gu;

/**
 * Someone who cannot type or wants a phone call, and says nothing else: 我不会打字, 我眼睛不好 看不清字,
 * 你们打电话给我吧, 热线是多少. Not when more is said (我不识字 想找人代写书信 is a request; 下午打电话给我
 * answers when), nor with a number (打电话给我 139… is a phone), nor — with `callIsAnAnswer`, where
 * the question is how to be answered — a call asked for.
 */
export function asksForCall(text: string, callIsAnAnswer = false): boolean {
  const t = beyondHello(text);
  if (t.length > 40 || readPhone(text, '') !== null) return false;
  const unsaid = callIsAnAnswer ? t.replace(CANNOT_TYPE, '') : t.replace(CANNOT_TYPE, '').replace(CALL_ME, '');
  return unsaid !== t && unsaid.replace(AROUND, '') === '';
}
