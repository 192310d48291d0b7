import type { IncomingContent } from '../src/core/message.js';
import { normalizeText } from './choice.js';
import { interpretCommon, readNavigation } from './input-common.js';
import type { ResidentContext, ResidentEvent } from './resident.types.js';

// === From what a person sent to the events the resident flow understands

const NAV_WORDS: Record<'nav.cancel' | 'nav.back' | 'nav.help' | 'nav.mine' | 'nav.start', string[]> = {
  'nav.cancel': ['取消', '退出', '不办了', '算了', '不要了', '结束', '/cancel', 'cancel'],
  'nav.back': ['返回', '上一步', '回去', '后退', '/back', 'back'],
  'nav.help': ['帮助', '帮忙说明', '怎么用', '?', '/help', 'help'],
  'nav.mine': ['我的求助', '查询', '查询求助', '查询我的求助', '查看我的求助', '我的工单', '查进度', '/my', '/mine'],
  'nav.start': ['/start', '开始', '重新开始'],
};

export type EmergencyService = '120' | '119' | '110';

/** Words that mean someone may be in danger now, and whom to call. */
export const EMERGENCY_WORDS: ReadonlyArray<readonly [string, EmergencyService]> = [
  ['晕倒', '120'], ['昏倒', '120'], ['摔倒', '120'], ['跌倒', '120'], ['昏迷', '120'], ['不省人事', '120'],
  ['胸痛', '120'], ['胸口痛', '120'], ['胸口疼', '120'], ['心口疼', '120'], ['喘不上气', '120'], ['喘不过气', '120'],
  ['呼吸困难', '120'], ['高烧不退', '120'], ['抽搐', '120'], ['中风', '120'], ['流血不止', '120'], ['大出血', '120'],
  ['心脏病发', '120'], ['着火', '119'], ['起火', '119'], ['失火', '119'], ['火灾', '119'], ['冒烟', '119'],
  ['煤气泄漏', '119'], ['燃气泄漏', '119'], ['煤气味', '119'], ['漏气', '119'], ['救命', '110'], ['抢劫', '110'],
  ['有人闯入', '110'], ['被打', '110'],
];

/** The emergency services whose words appear in the text, in a stable order (120, 119, 110). */
export function detectEmergency(text: string): { words: string[]; services: EmergencyService[] } {
  const t = normalizeText(text);
  const hits = EMERGENCY_WORDS.filter(([w]) => t.includes(w));
  const services = (['120', '119', '110'] as const).filter((s) => hits.some(([, h]) => h === s));
  // 救命 alone says danger without saying which: offer all three.
  const all = hits.length > 0 && hits.every(([w]) => w === '救命');
  return { words: hits.map(([w]) => w), services: all ? ['120', '119', '110'] : services };
}

function navEvent(text: string): ResidentEvent | null {
  return readNavigation(text, NAV_WORDS) as ResidentEvent | null;
}

/** Longest text kept from one message; more is cut and the person is told. */
export const MAX_TEXT = 1000;

/**
 * Turns incoming content into flow events, in order. Emergency words come first so that the very
 * first reply gives the emergency numbers; a button from an older question becomes `answer.stale`.
 */
export function interpretResidentInput(context: ResidentContext, content: IncomingContent): ResidentEvent[] {
  switch (content.kind) {
    case 'text': {
      const nav = navEvent(content.text);
      if (nav) return [nav];
      const events: ResidentEvent[] = [];
      const emergency = detectEmergency(content.text);
      if (emergency.services.length > 0) events.push({ type: 'emergency.detected', ...emergency });
      // Cut by characters, not UTF-16 units, so an emoji is never split in half.
      const chars = [...content.text];
      const truncated = chars.length > MAX_TEXT;
      const text = truncated ? chars.slice(0, MAX_TEXT).join('') : content.text;
      events.push({ type: 'answer.text', text, truncated, ...(events.length > 0 ? { emergency: true } : {}) });
      return events;
    }
    case 'choice':
    case 'location':
    case 'contact':
    case 'edited':
      return [interpretCommon(context.question, content)!];
    case 'media': {
      const media: ResidentEvent = { type: 'answer.media', media: content.media, ref: content.ref ?? null };
      const captionText = content.caption ?? '';
      if (!captionText.trim()) return [media];
      const caption = interpretResidentInput(context, { kind: 'text', text: captionText });
      // An emergency in the caption still comes first.
      const emergency = caption.filter((e) => e.type === 'emergency.detected');
      return [...emergency, media, ...caption.filter((e) => e.type !== 'emergency.detected')];
    }
  }
}
