import { describe, expect, it } from 'vitest';
import { answerOf, contentGuards, isMedia, isWord, picked, textOf } from '../../../flows/common/guards.js';

// === Reading events in guards, for any flow

const ctx = {
  question: {
    id: 1,
    text: 'q',
    help: 'h',
    choices: [
      { id: 'when:上午', label: '上午' },
      { id: 'when:下午', label: '下午' },
      { id: 'none', label: '都不是' },
    ],
  },
};
const text = (t: string) => ({ type: 'answer.text', text: t });
const choice = (id: string) => ({ type: 'answer.choice', id });

describe('textOf and answerOf', () => {
  it('typed text, else empty', () => {
    expect(textOf(text('你好'))).toBe('你好');
    expect(textOf(choice('a'))).toBe('');
    expect(textOf({ type: 'nav.help' })).toBe('');
  });

  it('typed or pressed answers only', () => {
    expect(answerOf(text('1'))).toEqual(text('1'));
    expect(answerOf(choice('a'))).toEqual(choice('a'));
    expect(answerOf({ type: 'answer.contact' })).toBeNull();
  });
});

describe('picked', () => {
  it('by number, label or press, less the prefix', () => {
    expect(picked(text('2'), ctx, 'when:')).toBe('下午');
    expect(picked(text('上午'), ctx, 'when:')).toBe('上午');
    expect(picked(choice('when:下午'), ctx, 'when:')).toBe('下午');
  });

  it('null for a choice of another prefix, or one not offered', () => {
    expect(picked(text('3'), ctx, 'when:')).toBeNull();
    expect(picked(choice('when:晚上'), ctx, 'when:')).toBeNull();
    expect(picked({ type: 'nav.back' }, ctx, 'when:')).toBeNull();
  });

  it('a label inside longer text counts, unless exact', () => {
    expect(picked(text('明天下午'), ctx, 'when:')).toBe('下午');
    expect(picked(text('明天下午'), ctx, 'when:', true)).toBeNull();
    expect(picked(text('2'), ctx, 'when:', true)).toBe('下午');
  });
});

describe('isWord, isMedia and the content guards', () => {
  it('one of the words, normalized and case ignored', () => {
    expect(isWord(text(' OK！'), ['ok'])).toBe(true);
    expect(isWord(text('好的呀'), ['好的'])).toBe(false);
    expect(isWord(choice('ok'), ['ok'])).toBe(false);
  });

  it('media of a kind', () => {
    expect(isMedia({ type: 'answer.media', media: 'photo', ref: null } as never, 'photo')).toBe(true);
    expect(isMedia({ type: 'answer.media', media: 'voice', ref: null } as never, 'photo')).toBe(false);
    expect(contentGuards.isVoice({ event: { type: 'answer.media', media: 'voice' } as never })).toBe(true);
    expect(contentGuards.isPhoto({ event: text('photo') })).toBe(false);
  });

  it('meaningful: at least two letters, digits or Chinese characters', () => {
    expect(contentGuards.meaningful({ event: text('修理') })).toBe(true);
    expect(contentGuards.meaningful({ event: text('😀😀') })).toBe(false);
    expect(contentGuards.meaningful({ event: choice('修理') })).toBe(false);
  });
});
