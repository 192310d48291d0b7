import type { EventObject } from 'xstate';
import { normalizeText } from './choice.js';
import type { EmergencyDetected } from './events.js';

// === Someone may be in danger now: recognising it, and what every flow does first

export type EmergencyService = '120' | '119' | '110' | '96110';

/** Words that mean someone may be in danger now, and whom to call. */
export const EMERGENCY_WORDS: ReadonlyArray<readonly [string, EmergencyService]> = [
  // Medical: falls, unconsciousness, stroke signs, chest, breathing, bleeding, diabetic lows, poisoning.
  ['晕倒', '120'],
  ['晕到', '120'],
  ['昏倒', '120'],
  ['晕过去', '120'],
  ['昏过去', '120'],
  ['摔倒', '120'],
  ['摔到', '120'],
  ['跌倒', '120'],
  ['爬不起来', '120'],
  ['起不来了', '120'],
  ['昏迷', '120'],
  ['不省人事', '120'],
  ['叫不醒', '120'],
  ['胸痛', '120'],
  ['胸口痛', '120'],
  ['胸口疼', '120'],
  ['心口疼', '120'],
  ['心口痛', '120'],
  ['喘不上气', '120'],
  ['喘不过气', '120'],
  ['喘不上来', '120'],
  ['呼吸困难', '120'],
  ['噎住', '120'],
  ['高烧不退', '120'],
  ['抽搐', '120'],
  ['抽筋抽得', '120'],
  ['中风', '120'],
  ['说不出话', '120'],
  ['半边身子', '120'],
  ['半身不遂', '120'],
  ['嘴歪', '120'],
  ['口齿不清', '120'],
  ['冒冷汗', '120'],
  ['流血不止', '120'],
  ['大出血', '120'],
  ['吐血', '120'],
  ['心脏病发', '120'],
  ['喝了农药', '120'],
  ['中毒', '120'],
  // Fire and gas.
  ['着火', '119'],
  ['著火', '119'],
  ['起火', '119'],
  ['失火', '119'],
  ['火灾', '119'],
  ['冒烟', '119'],
  ['冒火星', '119'],
  ['烧焦味', '119'],
  ['煤气泄漏', '119'],
  ['燃气泄漏', '119'],
  ['煤气味', '119'],
  ['燃气味', '119'],
  ['天然气味', '119'],
  ['漏气', '119'],
  // Police: danger from people, a confused elder gone missing, fraud in progress.
  ['救命', '110'],
  ['救救我', '110'],
  ['抢劫', '110'],
  ['有人闯入', '110'],
  ['撬门', '110'],
  ['撬锁', '110'],
  ['撬我家', '110'],
  ['有小偷', '110'],
  ['进了小偷', '110'],
  ['砸门', '110'],
  ['被打', '110'],
  ['打人', '110'],
  ['走丢', '110'],
  ['走失', '110'],
  ['被骗', '96110'],
  ['骗了', '96110'],
];

/** Said with a number of days: a fever that has lasted (烧了三天, 高烧好几天) is a doctor's matter now. */
const LASTING_FEVER = /(高烧|发烧|烧)了?(好几|几|[两三四五六七八九十\d]+)天/u;

/** Just before a word (three characters at most): it did not happen (没有着火, 不是摔倒, 没晕倒). */
const NEGATED = /(没有|没|不是|不会|并不)[^没不]{0,1}$/u;
/** Anywhere before a word in its clause: it happened before (上次摔倒的), or is a worry or a question. */
const NOT_NOW = /(上次|以前|去年|之前|曾经|防止|防|怕|担心|万一|如果|咨询|想问|讲座)/u;
const notNow = (before: string) => NEGATED.test(before.slice(-3)) || NOT_NOW.test(before);
/** 打不着火 / 点不着火: a stove that does not light — not a fire, unless gas can be smelled too. */
const WONT_LIGHT = /(打|点)不(着|著)火?/u;
const GAS_SMELL = /(煤气|燃气|天然气)(味|泄漏)|漏气/u;
/** Where one thought ends and the next begins. */
const CLAUSE = /[，,。.!！?？；;、\n]|但是|可是/u;

/** The emergency services whose words appear in the text, in a stable order (120, 119, 110, 96110). */
export function detectEmergency(text: string): { words: string[]; services: EmergencyService[] } {
  const t = normalizeText(text);
  const clauses = t.split(CLAUSE).filter(Boolean);
  const gas = GAS_SMELL.test(t);
  const hits: (readonly [string, EmergencyService])[] = [];
  for (const entry of EMERGENCY_WORDS) {
    const [word] = entry;
    const now = clauses.some((clause) => {
      for (let at = clause.indexOf(word); at >= 0; at = clause.indexOf(word, at + 1)) {
        const before = clause.slice(0, at);
        if (notNow(before)) continue;
        if ((word === '着火' || word === '著火') && WONT_LIGHT.test(clause.slice(Math.max(0, at - 2), at + word.length)) && !gas) continue;
        return true;
      }
      return false;
    });
    if (now) hits.push(entry);
  }
  if (clauses.some((c) => LASTING_FEVER.test(c) && !notNow(c.slice(0, c.search(LASTING_FEVER))))) hits.push(['烧了几天', '120']);
  // Fraud in progress is for the police too; 96110 is their anti-fraud line.
  if (hits.some(([, s]) => s === '96110')) hits.push(['被骗', '110']);
  const services = (['120', '119', '110', '96110'] as const).filter((s) => hits.some(([, h]) => h === s));
  // 救命 alone says danger without saying which: offer all three.
  const plea = (w: string) => w === '救命' || w === '救救我';
  const all = hits.length > 0 && hits.every(([w]) => plea(w));
  return { words: [...new Set(hits.map(([w]) => w))], services: all ? ['120', '119', '110'] : services };
}

const detected = (e: EventObject): EmergencyDetected | null => (e.type === 'emergency.detected' ? (e as EmergencyDetected) : null);

/**
 * On `emergency.detected`: tell the person whom to call (`tell(services)`), then record an alert for
 * organizers. Needs the flow's `reply` and `recordAlert: (_, params: { words; services }) => {}` actions.
 */
export function emergencyActions(tell: (services: string[]) => string) {
  return [
    { type: 'reply', params: ({ event }: { event: EventObject }) => ({ text: tell(detected(event)?.services ?? []) }) },
    {
      type: 'recordAlert',
      params: ({ event }: { event: EventObject }) => ({ words: detected(event)?.words ?? [], services: detected(event)?.services ?? [] }),
    },
  ] as const;
}
