import { describe, expect, it } from 'vitest';
import { MAX_TEXT } from '../../flows/common/input.js';
import { interpretResidentInput } from '../../flows/resident.input.js';
import { initialResidentContext } from '../../flows/resident.machine.js';
import type { ResidentContext } from '../../flows/resident.types.js';
import type { IncomingContent } from '../../src/core/message.js';

const context: ResidentContext = {
  ...initialResidentContext({ phone: null, lastCommunityCode: null }),
  question: { id: 7, text: 'q', choices: [], help: 'h' },
};
const read = (content: IncomingContent) => interpretResidentInput(context, content);
const say = (text: string) => read({ kind: 'text', text });

describe('interpretResidentInput', () => {
  it.each([
    ['取消', 'nav.cancel'],
    ['退出。', 'nav.cancel'],
    ['/cancel', 'nav.cancel'],
    ['返回', 'nav.back'],
    ['上一步', 'nav.back'],
    ['帮助', 'nav.help'],
    ['?', 'nav.help'],
    ['？', 'nav.help'],
    ['/help', 'nav.help'],
    ['/HELP@Lianxin_Bot', 'nav.help'],
    ['我的求助', 'nav.mine'],
    ['查询', 'nav.mine'],
    ['查询我的求助', 'nav.mine'],
    ['/start', 'nav.start'],
    ['/start@lianxin_bot', 'nav.start'],
  ])('%j → %s', (text, type) => {
    expect(say(text)).toEqual([{ type }]);
  });

  it('an unknown command', () => {
    expect(say('/foo')).toEqual([{ type: 'nav.unknownCommand', command: '/foo' }]);
    expect(say('/foo2@bot')).toEqual([{ type: 'nav.unknownCommand', command: '/foo2' }]);
  });

  it('words containing a navigation word are plain text', () => {
    expect(say('我想取消订单')).toEqual([{ type: 'answer.text', text: '我想取消订单', truncated: false }]);
    expect(say('3/4')).toEqual([{ type: 'answer.text', text: '3/4', truncated: false }]);
  });

  it('emergency words come first, and mark the text', () => {
    expect(say('我摔倒了')).toEqual([
      { type: 'emergency.detected', level: 'urgent', words: ['摔倒'], services: ['120'], aids: ['fall'] },
      { type: 'answer.text', text: '我摔倒了', truncated: false, emergency: true },
    ]);
  });

  it('a watch-level word comes first too, and marks the text the same way', () => {
    expect(say('有点头晕')).toEqual([
      { type: 'emergency.detected', level: 'watch', words: ['头晕'], services: ['120'], aids: [] },
      { type: 'answer.text', text: '有点头晕', truncated: false, emergency: true },
    ]);
  });

  it('unsure whether anyone is in danger: the watch event carries ask, for the soft line that asks', () => {
    expect(say('隔壁好像出事了')[0]).toEqual({
      type: 'emergency.detected',
      level: 'watch',
      words: ['出事了'],
      services: ['120', '119', '110'],
      aids: [],
      ask: true,
    });
  });

  it(`text longer than ${MAX_TEXT} characters is cut and marked`, () => {
    const [event] = say('好'.repeat(5000));
    expect(event).toEqual({ type: 'answer.text', text: '好'.repeat(MAX_TEXT), truncated: true });
    expect(say('好'.repeat(MAX_TEXT))[0]).toMatchObject({ truncated: false });
  });

  it('a button of the current question, of none, or of an older one', () => {
    expect(read({ kind: 'choice', choiceId: 'x', questionId: 7 })).toEqual([{ type: 'answer.choice', id: 'x' }]);
    expect(read({ kind: 'choice', choiceId: 'x' })).toEqual([{ type: 'answer.choice', id: 'x' }]);
    expect(read({ kind: 'choice', choiceId: 'x', questionId: 6 })).toEqual([{ type: 'answer.stale' }]);
  });

  it('an edited message', () => {
    expect(read({ kind: 'edited' })).toEqual([{ type: 'answer.edited' }]);
  });

  it('location, contact and media', () => {
    expect(read({ kind: 'location', latitude: 1, longitude: 2 })).toEqual([{ type: 'answer.location', latitude: 1, longitude: 2, label: null }]);
    expect(read({ kind: 'contact', phone: '13812345678', name: '王' })).toEqual([{ type: 'answer.contact', phone: '13812345678' }]);
    expect(read({ kind: 'media', media: 'voice' })).toEqual([{ type: 'answer.media', media: 'voice', ref: null }]);
    expect(read({ kind: 'media', media: 'photo', ref: 'p', caption: '  ' })).toEqual([{ type: 'answer.media', media: 'photo', ref: 'p' }]);
  });

  it('a caption follows its photo; an emergency in it comes before both', () => {
    expect(read({ kind: 'media', media: 'photo', ref: 'p', caption: '水管漏水' })).toEqual([
      { type: 'answer.media', media: 'photo', ref: 'p' },
      { type: 'answer.text', text: '水管漏水', truncated: false },
    ]);
    expect(read({ kind: 'media', media: 'photo', ref: 'p', caption: '着火了' }).map((e) => e.type)).toEqual([
      'emergency.detected',
      'answer.media',
      'answer.text',
    ]);
  });
});

describe('button presses by position', () => {
  it('reads `#n` as the n-th choice of the current question, and an out-of-range one as stale', () => {
    const ctx = {
      ...initialResidentContext({ phone: null, lastCommunityCode: null }),
      question: {
        id: 4,
        text: 'q',
        help: 'h',
        choices: [
          { id: 'a', label: 'A' },
          { id: 'community:long-code', label: 'B' },
        ],
      },
    };
    expect(interpretResidentInput(ctx, { kind: 'choice', choiceId: '#2', questionId: 4 })).toEqual([{ type: 'answer.choice', id: 'community:long-code' }]);
    expect(interpretResidentInput(ctx, { kind: 'choice', choiceId: '#9', questionId: 4 })).toEqual([{ type: 'answer.stale' }]);
  });
});
