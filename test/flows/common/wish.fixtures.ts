import { setup } from 'xstate';
import { detectEmergency, emergencyActions, isWatch, watchActions } from '../../../flows/common/safety/index.js';
import type { CommonEvent, EmergencyDetected, MediaAnswer, NavigationEvent, TextAnswer } from '../../../flows/common/events.js';
import { contentGuards, picked, textOf } from '../../../flows/common/guards.js';
import { cutText, interpretCommon } from '../../../flows/common/input.js';
import { BACK_WORDS, CANCEL_WORDS, HELP_WORDS, readNavigation, unlessEditing } from '../../../flows/common/navigation.js';
import { answersAnywhere, fallback, noQuestion, type Question, questionAsker, reask, say } from '../../../flows/common/question.js';
import type { IncomingContent, OutgoingPayload } from '../../../src/core/message.js';
import { converse } from '../harness.js';

// === A small flow written only with flows/common, as a new flow would be: a wish (words, then a
// colour), a summary to submit or change either, and the kit's shared replies everywhere else

export const W = {
  hello: '说说您的心愿',
  askWish: '您的心愿是什么？',
  wishHelp: '用一句话说心愿',
  askColour: '选一个颜色',
  colourHelp: '回复数字',
  summary: (wish: string, colour: string) => `心愿：${wish}；颜色：${colour}`,
  summaryHelp: '提交或修改',
  done: '已记下',
  cancelled: '已取消',
  notUnderstood: '没明白',
  firstStep: '第一步',
  unknownCommand: '没有这个命令',
  stale: '过去了',
  editedMessage: '改过的不算',
  voiceNotSupported: '听不了语音',
  photoNotNeeded: '不需要照片',
  mediaNotSupported: '看不懂',
  contactNotNeeded: '不需要名片',
  locationNotNeeded: '不需要位置',
  emergency: (services: string[]) => `快打 ${services.join('、')}`,
  watch: (services: string[]) => `如果加重请打 ${services.join('、')}`,
};

export interface WishContext {
  question: Question;
  wish: string | null;
  colour: string | null;
  editing: boolean;
}
export type WishEvent = TextAnswer | CommonEvent | MediaAnswer | EmergencyDetected | NavigationEvent;

const s = setup({
  types: {} as { context: WishContext; events: WishEvent },
  actions: {
    reply: (_, _params: OutgoingPayload) => {},
    recordAlert: (_, _params: { words: string[]; services: string[] }) => {},
    store: (_, _params: { wish: string; colour: string }) => {},
  },
  guards: {
    ...contentGuards,
    picked: ({ context, event }, p: { prefix: string }) => picked(event, context, p.prefix) !== null,
    editing: ({ context }) => context.editing,
  },
});
const ask = questionAsker<WishContext, WishEvent>();
const orSummary = unlessEditing('summary');
const pick = (prefix: string) => ({ type: 'picked', params: { prefix } }) as const;

export const wishMachine = s.createMachine({
  id: 'wish',
  context: { question: noQuestion(), wish: null, colour: null, editing: false },
  initial: 'wish',
  on: {
    ...answersAnywhere(W),
    'nav.cancel': { target: '.cancelled', actions: say(W.cancelled) },
    'nav.start': { target: '.wish', actions: say(W.hello) },
    'emergency.detected': [{ guard: isWatch, actions: [...watchActions(W.watch), reask()] }, { actions: [...emergencyActions(W.emergency), reask()] }],
  },
  states: {
    wish: {
      entry: ask(() => ({ text: W.askWish, choices: [], help: W.wishHelp })),
      on: {
        'answer.text': [{ guard: 'meaningful', target: 'afterWish', actions: s.assign({ wish: ({ event }) => textOf(event) }) }, fallback(W.notUnderstood)],
      },
    },
    afterWish: { always: orSummary('colour') },
    colour: {
      entry: ask((ctx) => ({
        text: `${W.askColour}（${ctx.wish}）`,
        choices: [
          { id: 'colour:red', label: '红' },
          { id: 'colour:blue', label: '蓝' },
        ],
        help: W.colourHelp,
      })),
      on: {
        'answer.text': [
          { guard: pick('colour:'), target: 'summary', actions: s.assign({ colour: ({ context, event }) => picked(event, context, 'colour:') }) },
          fallback(W.notUnderstood),
        ],
        'answer.choice': [
          { guard: pick('colour:'), target: 'summary', actions: s.assign({ colour: ({ context, event }) => picked(event, context, 'colour:') }) },
          fallback(W.notUnderstood),
        ],
        'nav.back': orSummary('wish'),
      },
    },
    summary: {
      entry: [
        s.assign({ editing: false }),
        ...ask((ctx) => ({
          text: W.summary(ctx.wish ?? '', ctx.colour ?? ''),
          choices: [
            { id: 'submit', label: '提交' },
            { id: 'edit:wish', label: '改心愿' },
          ],
          help: W.summaryHelp,
        })),
      ],
      on: {
        'answer.choice': [
          {
            guard: pick('submit'),
            target: 'done',
            actions: [{ type: 'store', params: ({ context }) => ({ wish: context.wish ?? '', colour: context.colour ?? '' }) }, say(W.done)],
          },
          { guard: pick('edit:wish'), target: 'wish', actions: s.assign({ editing: true }) },
          fallback(W.notUnderstood),
        ],
        'nav.back': 'colour',
      },
    },
    done: { type: 'final' },
    cancelled: { type: 'final' },
  },
});

const NAV = { 'nav.cancel': CANCEL_WORDS, 'nav.back': BACK_WORDS, 'nav.help': HELP_WORDS, 'nav.start': ['/wish'] };

/** Reads content the way a flow built with the kit does. */
export function interpretWish(context: WishContext, content: IncomingContent): WishEvent[] {
  switch (content.kind) {
    case 'text': {
      const nav = readNavigation(content.text, NAV);
      if (nav) return [nav];
      const { level, words, services } = detectEmergency(content.text);
      if (level) return [{ type: 'emergency.detected', level, words, services }];
      return [{ type: 'answer.text', text: cutText(content.text).text }];
    }
    case 'media':
      return [{ type: 'answer.media', media: content.media, ref: content.ref ?? null }];
    default:
      return [interpretCommon(context, content)];
  }
}

/** A wish conversation through the one flow harness; `store` and `recordAlert` answer with nothing. */
export function startWish() {
  return converse<WishContext, WishEvent, { wish: string; colour: string }>({
    machine: wishMachine,
    input: undefined,
    interpret: interpretWish,
    draftEffect: 'store',
    answer: (effect) => {
      if (effect.type === 'store' || effect.type === 'recordAlert') return null;
      throw new Error(`unknown effect ${effect.type}`);
    },
  });
}
