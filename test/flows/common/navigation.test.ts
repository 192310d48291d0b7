import { describe, expect, it } from 'vitest';
import { BACK_WORDS, CANCEL_WORDS, HELP_WORDS, readNavigation, unlessEditing } from '../../../flows/common/navigation.js';
import { startWish, W } from './wish.fixtures.js';

// === Navigation words, commands, and the way back to the summary

const WORDS = { 'nav.cancel': CANCEL_WORDS, 'nav.back': BACK_WORDS, 'nav.help': HELP_WORDS, 'nav.wish': ['许愿', '/wish'] };
const read = (text: string) => readNavigation(text, WORDS);

describe('readNavigation', () => {
  it.each([
    ['取消', 'nav.cancel'],
    ['退出。', 'nav.cancel'],
    ['ＣＡＮＣＥＬ', 'nav.cancel'],
    ['返回', 'nav.back'],
    ['/back', 'nav.back'],
    ['帮助', 'nav.help'],
    ['/HELP@Lianxin_Bot', 'nav.help'],
    ['许愿！', 'nav.wish'],
    ['/wish@bot', 'nav.wish'],
  ])('%j → %s (a flow adds its own words)', (text, type) => {
    expect(read(text)).toEqual({ type });
  });

  it('a lone question mark asks for help, half or full width', () => {
    expect(read('?')).toEqual({ type: 'nav.help' });
    expect(read(' ？？ ')).toEqual({ type: 'nav.help' });
    expect(readNavigation('?', {})).toEqual({ type: 'nav.help' });
  });

  it('an unknown command, without the bot name', () => {
    expect(read('/foo')).toEqual({ type: 'nav.unknownCommand', command: '/foo' });
    expect(read('/Foo2@bot')).toEqual({ type: 'nav.unknownCommand', command: '/foo2' });
  });

  it('words containing a navigation word, and other text, are no navigation', () => {
    expect(read('我想取消订单')).toBeNull();
    expect(read('3/4')).toBeNull();
    expect(read('')).toBeNull();
  });
});

describe('unlessEditing', () => {
  it('goes to the summary while editing, else to the step', () => {
    expect(unlessEditing('summary')('phone')).toEqual([{ guard: 'editing', target: 'summary' }, { target: 'phone' }]);
  });

  it('in a flow: a field changed from the summary leads back to it', () => {
    const c = startWish().say('去海边').say('1');
    expect(c.state).toBe('summary');
    c.press('edit:wish');
    expect(c.state).toBe('wish');
    c.say('去爬山');
    expect(c.state).toBe('summary');
    expect(c.lastReply!.text).toBe(W.summary('去爬山', 'red'));
    expect(c.context.editing).toBe(false);
  });

  it('without editing, the answer leads to the next step', () => {
    expect(startWish().say('去海边').state).toBe('colour');
  });
});
