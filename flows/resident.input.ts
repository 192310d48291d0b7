import type { IncomingContent } from '../src/core/message.js';
import { isGiveUp } from './common/answers.js';
import { asksForCall } from './common/small-talk.js';
import { detectEmergency } from './common/safety/index.js';
import { cutText, interpretCommon } from './common/input.js';
import { BACK_WORDS, CANCEL_WORDS, HELP_WORDS, readNavigation } from './common/navigation.js';
import { CHOICE } from './resident.questions.js';
import type { ResidentContext, ResidentEvent } from './resident.types.js';

// === From what a person sent to the events the resident flow understands

const NAV_WORDS: Record<'nav.cancel' | 'nav.back' | 'nav.help' | 'nav.mine' | 'nav.start', string[]> = {
  'nav.cancel': [...CANCEL_WORDS, '不办了'],
  'nav.back': BACK_WORDS,
  'nav.help': HELP_WORDS,
  'nav.mine': ['我的求助', '查询', '查询求助', '查询我的求助', '查看我的求助', '我的工单', '查进度', '/my', '/mine'],
  'nav.start': ['/start', '开始', '重新开始'],
};

/**
 * Turns incoming content into flow events, in order. Emergency words come first so that the very
 * first reply gives the emergency numbers (at the watch level, the soft line); a button from an older
 * question becomes `answer.stale`; text longer than `MAX_TEXT` is cut and marked `truncated`. A give-up
 * phrase (算了 太麻烦了, 我自己叫人修了) is 取消 at any step, unless it names an emergency (at any level);
 * a bare 不用了 declines the number on file where one is offered, and gives up everywhere else. Someone
 * who cannot type or asks to be phoned (我不会打字, 你们打电话给我吧) gets `asks.call` at any step.
 */
export function interpretResidentInput(context: ResidentContext, content: IncomingContent): ResidentEvent[] {
  switch (content.kind) {
    case 'text': {
      const nav = readNavigation(content.text, NAV_WORDS);
      if (nav) return [nav];
      const events: ResidentEvent[] = [];
      const { level, words, services, aids, ask } = detectEmergency(content.text);
      const declinable = context.question.choices.some((c) => c.id === CHOICE.knownPhone);
      if (!level && isGiveUp(content.text, declinable)) return [{ type: 'nav.cancel' }];
      const wayAsked = context.question.choices.some((c) => c.id.startsWith('way:'));
      if (!level && asksForCall(content.text, wayAsked)) return [{ type: 'asks.call' }];
      if (level) events.push({ type: 'emergency.detected', level, words, services, aids, ...(ask ? { ask } : {}) });
      events.push({ type: 'answer.text', ...cutText(content.text), ...(events.length > 0 ? { emergency: true } : {}) });
      return events;
    }
    case 'choice':
    case 'location':
    case 'contact':
    case 'edited':
      return [interpretCommon(context, content)];
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
