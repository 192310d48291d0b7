import { describe, expect, it } from 'vitest';
import { MAX_TEXT } from '../../flows/common/input.js';
import { interpretVolunteerInput, readMobile, readName, readPartyMember, readSkills } from '../../flows/volunteer.input.js';
import { initialVolunteerContext } from '../../flows/volunteer.machine.js';
import type { VolunteerContext } from '../../flows/volunteer.types.js';
import type { IncomingContent } from '../../src/core/message.js';
import { deps } from './volunteer.fixtures.js';

const context: VolunteerContext = {
  ...initialVolunteerContext({ profile: { displayName: '', phone: null }, registration: null }),
  question: {
    id: 7,
    text: 'q',
    choices: [
      { id: 'a', label: 'A' },
      { id: 'b', label: 'B' },
    ],
    help: 'h',
  },
};
const read = (content: IncomingContent) => interpretVolunteerInput(context, content);
const say = (text: string) => read({ kind: 'text', text });

describe('interpretVolunteerInput', () => {
  it.each([
    ['取消', 'nav.cancel'],
    ['退出。', 'nav.cancel'],
    ['/cancel', 'nav.cancel'],
    ['返回', 'nav.back'],
    ['上一步', 'nav.back'],
    ['帮助', 'nav.help'],
    ['?', 'nav.help'],
    ['？', 'nav.help'],
    ['/HELP@Lianxin_Bot', 'nav.help'],
    ['我要当志愿者', 'nav.start'],
    ['我要当志愿者！', 'nav.start'],
    ['/volunteer', 'nav.start'],
    ['/volunteer@lianxin_bot', 'nav.start'],
  ])('%j → %s', (text, type) => {
    expect(say(text)).toEqual([{ type }]);
  });

  it('an unknown command', () => {
    expect(say('/foo')).toEqual([{ type: 'nav.unknownCommand', command: '/foo' }]);
  });

  it('words containing a navigation word are plain text', () => {
    expect(say('我想取消报名的事问一下')).toEqual([{ type: 'answer.text', text: '我想取消报名的事问一下' }]);
  });

  it(`text longer than ${MAX_TEXT} characters is cut, never inside an emoji`, () => {
    expect(say('好'.repeat(5000))).toEqual([{ type: 'answer.text', text: '好'.repeat(MAX_TEXT) }]);
    const [event] = say('😀'.repeat(1200));
    expect(event?.type === 'answer.text' && [...event.text]).toHaveLength(MAX_TEXT);
  });

  it('a button of the current question, of none, or of an older one', () => {
    expect(read({ kind: 'choice', choiceId: 'a', questionId: 7 })).toEqual([{ type: 'answer.choice', id: 'a' }]);
    expect(read({ kind: 'choice', choiceId: 'a' })).toEqual([{ type: 'answer.choice', id: 'a' }]);
    expect(read({ kind: 'choice', choiceId: 'a', questionId: 6 })).toEqual([{ type: 'answer.stale' }]);
    expect(read({ kind: 'choice', choiceId: '#2', questionId: 7 })).toEqual([{ type: 'answer.choice', id: 'b' }]);
    expect(read({ kind: 'choice', choiceId: '#3', questionId: 7 })).toEqual([{ type: 'answer.stale' }]);
  });

  it('media, captions, contacts, locations and edits', () => {
    expect(read({ kind: 'media', media: 'voice', ref: 'v' })).toEqual([{ type: 'answer.media', media: 'voice', ref: 'v' }]);
    expect(read({ kind: 'media', media: 'photo' })).toEqual([{ type: 'answer.media', media: 'photo', ref: null }]);
    expect(read({ kind: 'media', media: 'photo', caption: '李明' })).toEqual([{ type: 'answer.text', text: '李明' }]);
    expect(read({ kind: 'media', media: 'photo', caption: '取消' })).toEqual([{ type: 'nav.cancel' }]);
    expect(read({ kind: 'contact', phone: '139' })).toEqual([{ type: 'answer.contact', phone: '139' }]);
    expect(read({ kind: 'location', latitude: 1, longitude: 2 })).toEqual([{ type: 'answer.location', latitude: 1, longitude: 2, label: null }]);
    expect(read({ kind: 'edited' })).toEqual([{ type: 'answer.edited' }]);
  });
});

describe('readName', () => {
  it.each([
    ['王建国', '王建国'],
    ['我叫 李明', '李明'],
    ['姓名：张三', '张三'],
    ['Ｌｉ Ｍｉｎｇ', 'Li Ming'],
    ['王', null],
    ['1234', null],
    ['138 1234 5678', null],
    ['😀😀😀', null],
    ['您好', null],
    ['一'.repeat(21), null],
  ])('%j → %j', (text, name) => {
    expect(readName(text)).toBe(name);
  });
});

describe('readMobile', () => {
  it.each([
    ['13812345678', { mobile: '13812345678' }],
    ['+86-138-1234-5678', { mobile: '13812345678' }],
    ['0573-82345678', { landline: true }],
    ['12345', null],
  ])('%j → %j', (text, result) => {
    expect(readMobile(text)).toEqual(result);
  });
});

describe('readPartyMember', () => {
  it.each([
    ['是', true],
    ['中共预备党员', true],
    ['对的', true],
    ['不是党员', false],
    ['非党员', false],
    ['没有', false],
    ['否', false],
    ['不', false],
    ['不知道', null],
    ['', null],
  ])('%j → %s', (text, member) => {
    expect(readPartyMember(text)).toBe(member);
  });
});

describe('readSkills', () => {
  it.each([
    ['1 3', ['daily-life', 'dispute'], []],
    ['五；四', ['hardship', 'elderly-care'], []],
    ['1 6', ['daily-life'], ['6']],
    ['123456', [], ['123456']],
    ['调解', ['dispute'], []],
    ['法律咨询', ['legal-consult'], []],
    ['水电、水电', ['water-electric-repair'], []],
    ['唱歌 跳舞', [], ['唱歌', '跳舞']],
  ])('%j → %j, not found %j', (text, codes, unknown) => {
    expect(readSkills(text, deps)).toEqual({ codes, unknown, done: false });
  });

  it('notes a closing word', () => {
    expect(readSkills('心理疏导 好了', deps)).toEqual({ codes: ['mental-support'], unknown: [], done: true });
  });

  it('names at most five pieces that fit nothing, each cut to 20 characters', () => {
    const r = readSkills(['甲乙', '丙丁', '戊己', '庚辛', '壬癸', '子丑', '寅'.repeat(30)].join(' '), deps);
    expect(r.unknown).toEqual(['甲乙', '丙丁', '戊己', '庚辛', '壬癸']);
    expect(readSkills('寅'.repeat(30), deps).unknown).toEqual(['寅'.repeat(20)]);
  });
});
