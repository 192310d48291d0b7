import { describe, expect, it } from 'vitest';
import { texts } from '../../src/texts/resident.js';
import { safetyTexts } from '../../src/texts/safety.js';
import { type Step, conversationAt, startConversation } from './resident.fixtures.js';

// === Photos, voice and other media, emoji, very long text, and emergencies

const STEPS: Step[] = ['describe', 'pickItem', 'confirmItem', 'community', 'address', 'phone', 'when', 'confirm', 'editDescription'];
const PHOTO = { kind: 'media', media: 'photo', ref: 'photo-1' } as const;

describe('non-text messages', () => {
  it('a photo at the describe step is attached and the description still asked', () => {
    const c = conversationAt('describe').send(PHOTO);
    expect(c.context.attachments).toEqual(['photo-1']);
    expect(c.lastReply!.text).toBe(`${texts.photoAttached}\n${texts.emptyDescription}`);
    expect(c.state).toBe('describe');
    c.say('水管漏水').say('1').say('文昌').say('文昌小区3幢2单元501').say('13812345678').say('1');
    expect(c.lastReply!.text).toContain('照片：1 张');
    c.say('1');
    expect(c.draft).toMatchObject({ attachments: ['photo-1'], itemCode: 'water-electric-repair', description: '水管漏水' });
  });

  it('a photo as the first message is attached; a captioned one gives the description too', () => {
    const c = startConversation().send(PHOTO);
    expect(c.turn.map((r) => r.text)).toEqual([texts.hello, texts.photoAttached, texts.describeAgain]);
    c.send({ kind: 'media', media: 'photo', ref: 'photo-2', caption: '厨房水管漏水' });
    expect(c.context.attachments).toEqual(['photo-1', 'photo-2']);
    expect(c.state).toBe('confirmItem');
    expect(c.context.description).toBe('厨房水管漏水');
  });

  it('a photo while the description is corrected is attached', () => {
    const c = conversationAt('editDescription').send(PHOTO);
    expect(c.context.attachments).toEqual(['photo-1']);
    expect(c.state).toBe('editDescription');
  });

  it('a photo at another step is not taken as the answer', () => {
    const c = conversationAt('address').send(PHOTO);
    expect(c.lastReply!.text).toBe(texts.photoNotNeeded);
    expect(c.context.attachments).toEqual([]);
    expect(c.state).toBe('address');
  });

  it.each(STEPS)('voice at %s: cannot listen, the question is asked again', (step) => {
    const c = conversationAt(step);
    const question = c.context.question;
    c.send({ kind: 'media', media: 'voice', ref: 'v1' });
    expect(c.turn).toEqual([{ text: texts.voiceNotSupported('96345'), choices: question.choices, questionId: question.id }]);
    expect(c.state).toBe(step);
  });

  it('voice as the very first message: greets, says so, asks', () => {
    const c = startConversation().send({ kind: 'media', media: 'voice' });
    expect(c.turn.map((r) => r.text)).toEqual([texts.hello, texts.voiceNotSupported('96345'), texts.describeAgain]);
  });

  it.each([['sticker'], ['document'], ['video'], ['other']] as const)('a %s is explained', (media) => {
    const c = conversationAt('phone').send({ kind: 'media', media, ref: 'x' });
    expect(c.lastReply!.text).toBe(texts.mediaNotSupported);
    expect(c.state).toBe('phone');
    const first = startConversation().send({ kind: 'media', media });
    expect(first.turn.map((r) => r.text)).toEqual([texts.hello, texts.mediaNotSupported, texts.describeAgain]);
  });
});

describe('edited messages', () => {
  it.each(STEPS)('at %s: not handled again, the question asked again', (step) => {
    const c = conversationAt(step);
    const before = { ...c.context };
    const question = c.context.question;
    c.send({ kind: 'edited' });
    expect(c.turn).toEqual([{ text: `${texts.editedMessage}\n${question.text}`, choices: question.choices, questionId: question.id }]);
    expect(c.state).toBe(step);
    expect(c.context).toEqual(before);
  });

  it('as the very first message: greets, says so, asks', () => {
    const c = startConversation().send({ kind: 'edited' });
    expect(c.turn.map((r) => r.text)).toEqual([texts.hello, texts.editedMessage, texts.describeAgain]);
    expect(c.state).toBe('describe');
  });
});

describe('emoji and very long text', () => {
  it('emoji only, as the first message: greets and asks', () => {
    const c = startConversation().say('👍😊');
    expect(c.turn.map((r) => r.text)).toEqual([texts.hello, texts.describeAgain]);
    expect(c.context.description).toBeNull();
  });

  it.each([
    ['describe', texts.emptyDescription],
    ['address', texts.addressTooShort],
    ['phone', texts.phoneInvalid],
    ['when', texts.notUnderstood],
    ['confirm', texts.notUnderstood],
  ] as const)('emoji only at %s re-asks with a hint', (step, hint) => {
    const c = conversationAt(step).say('🙏🙏');
    expect(c.lastReply!.text).toBe(hint);
    expect(c.state).toBe(step);
  });

  it('5000 characters: cut to 1000 with a note, and the flow goes on', () => {
    const text = `电视坏了，${'画面一直闪'.repeat(1000)}`;
    expect(text.length).toBeGreaterThan(5000);
    const c = startConversation().say(text);
    expect(c.turn.map((r) => r.text)).toContain(texts.truncated(1000));
    expect(c.turn[0]!.text).toBe(texts.hello);
    expect([...c.context.description!]).toHaveLength(1000);
    expect(c.state).toBe('confirmItem');
    c.say('1').say('文昌').say('文昌小区3幢2单元501').say('13812345678').say('1').say('1');
    expect(c.draft!.description.length).toBeLessThanOrEqual(1000);
    expect(c.draft!.description.startsWith('电视坏了，画面一直闪')).toBe(true);
  });

  it('a long text of emoji is not cut in the middle of one', () => {
    const c = conversationAt('editDescription').say(`电视坏了${'😀'.repeat(1200)}`);
    const kept = [...c.context.description!];
    expect(kept).toHaveLength(1000);
    expect(kept.at(-1)).toBe('😀');
    expect(c.turn[0]!.text).toBe(texts.truncated(1000));
  });

  it('5000 characters at the address step: too long', () => {
    const c = conversationAt('address').say('文'.repeat(5000));
    expect(c.turn.map((r) => r.text)).toEqual([texts.addressTooLong]);
    expect(c.context.address).toBeNull();
  });
});

describe('emergencies', () => {
  it('摔倒 as the first message: 120 first, an alert, urgent, and the flow goes on', () => {
    const c = startConversation().say('我老伴摔倒了起不来');
    // The number, then the first aid for a fall (not the advice for choking or a stroke).
    expect(c.turn[0]!.text).toBe(safetyTexts.emergency(['120'], [{ aid: 'fall', service: '120' }]));
    expect(c.turn[0]!.text).toContain('别急着扶起');
    expect(c.turn[0]!.text).not.toContain('拍');
    expect(c.turn[0]!.text.startsWith('⚠️')).toBe(true);
    expect(c.turn[0]!.text).toContain('120');
    expect(c.turn[0]!.text).not.toContain('119');
    expect(c.effects[0]).toEqual({ type: 'recordAlert', params: { words: ['摔倒', '起不来'], services: ['120'] } });
    expect(c.context.urgent).toBe(true);
    // No greeting after the guidance; the one fitting item is taken, the community asked next.
    expect(c.texts).not.toContain(texts.hello);
    expect(c.state).toBe('community');
    expect(c.context.itemCode).toBe('emergency-help');
    // No "when shall we come": the time is 尽快.
    c.say('文昌').say('文昌小区3幢2单元501').say('13812345678');
    expect(c.state).toBe('confirm');
    expect(c.lastReply!.text).toContain('时间：尽快');
    expect(c.lastReply!.text).toContain('紧急：是');
    c.say('1');
    expect(c.draft).toMatchObject({ urgent: true, emergencyWords: ['摔倒', '起不来'], itemCode: 'emergency-help', description: '我老伴摔倒了起不来' });
    expect(c.lastReply!.text).toBe(texts.submitted('20261122-0001', true));
  });

  it.each([
    ['家里着火了', ['119'], [{ aid: 'fire', service: '119' }]],
    ['煤气泄漏了', ['119'], [{ aid: 'gas', service: '119' }]],
    ['救命', ['120', '119', '110'], []],
    [
      '胸痛，喘不上气',
      ['120'],
      [
        { aid: 'chest', service: '120' },
        { aid: 'breathing', service: '120' },
      ],
    ],
    ['高烧不退', ['120'], []],
    [
      '厨房着火了，我妈晕倒了',
      ['120', '119'],
      [
        { aid: 'fall', service: '120' },
        { aid: 'fire', service: '119' },
      ],
    ],
  ])('%s → %j', (text, services, aids) => {
    const c = startConversation().say(text);
    expect(c.turn[0]!.text).toBe(safetyTexts.emergency(services, aids));
    for (const s of ['120', '119', '110']) expect(c.turn[0]!.text.includes(s)).toBe(services.includes(s));
    expect(c.effectsOf('recordAlert')).toHaveLength(1);
    expect(c.effectsOf('recordAlert')[0]).toMatchObject({ services });
    expect(c.context.urgent).toBe(true);
    expect(c.lastReply!.questionId).toBe(c.questionId);
    expect(c.lastReply!.choices.length).toBeGreaterThan(0);
  });

  it('a watch-level word: the soft line first, no alert, not urgent, and the description is kept as usual', () => {
    const c = startConversation().say('我妈胸闷好几天了，想找人陪她去医院');
    expect(c.turn[0]!.text).toBe(safetyTexts.watch(['120']));
    expect(c.turn[0]!.text).not.toContain('⚠️');
    expect(c.effectsOf('recordAlert')).toEqual([]);
    expect(c.context.urgent).toBe(false);
    expect(c.context.emergencyWords).toEqual([]);
    expect(c.context.description).toBe('我妈胸闷好几天了，想找人陪她去医院');
  });

  it('a watch-level word at a step asking for data: the soft line, then the same question; not the answer', () => {
    const c = conversationAt('address');
    const question = c.context.question;
    c.say('我头有点晕');
    expect(c.turn).toEqual([
      { text: safetyTexts.watch(['120']), choices: [], questionId: undefined },
      { text: question.text, choices: question.choices, questionId: question.id },
    ]);
    expect(c.context.address).toBeNull();
    expect(c.context.urgent).toBe(false);
    expect(c.effectsOf('recordAlert')).toEqual([]);
  });

  it('in the description: the emergency item, the words its description, the community asked next', () => {
    const c = conversationAt('describe').say('我爸昏迷了');
    expect(c.turn[0]!.text).toBe(safetyTexts.emergency(['120'], [{ aid: 'fall', service: '120' }]));
    expect(c.context.description).toBe('我爸昏迷了');
    expect(c.context.itemCode).toBe('emergency-help');
    expect(c.state).toBe('community');
  });

  it.each([
    ['community', '救命', 'communityCode'],
    ['address', '我摔倒了', 'address'],
    ['phone', '着火了', 'phone'],
  ] as const)(
    'mid-flow at %s (%s): emergency line first, the emergency item now, then the same question; the words are not the answer',
    (step, text, field) => {
      const c = conversationAt(step);
      const question = c.context.question;
      c.say(text);
      expect(c.turn[0]!.text.startsWith('⚠️')).toBe(true);
      expect(c.effectsOf('recordAlert')).toHaveLength(1);
      expect(c.state).toBe(step);
      expect(c.turn[1]!.text).toBe(texts.emergencyFiledFirst('电视坏了'));
      expect(c.turn[2]).toEqual({ text: question.text, choices: question.choices, questionId: question.id });
      expect(c.turn).toHaveLength(3);
      expect(c.context[field]).toBeNull();
      expect(c.context).toMatchObject({ urgent: true, itemCode: 'emergency-help', description: text, pending: ['电视坏了'] });
      expect(c.effectsOf('createRequest')).toEqual([]);
    },
  );

  it('mid-flow at confirm (救命啊): emergency line first, then the summary again with the emergency item; nothing stored yet', () => {
    const c = conversationAt('confirm');
    c.say('救命啊');
    expect(c.turn[0]!.text.startsWith('⚠️')).toBe(true);
    expect(c.effectsOf('recordAlert')).toHaveLength(1);
    expect(c.state).toBe('confirm');
    expect(c.turn[1]!.text).toBe(texts.emergencyFiledFirst('电视坏了'));
    expect(c.turn[2]!.text).toContain('紧急求助');
    expect(c.turn).toHaveLength(3);
    expect(c.context.ticket).toBeNull();
    expect(c.effectsOf('createRequest')).toEqual([]);
  });

  it('mid-flow at the address step: the request is stored as the emergency, urgent with the word; the television next', () => {
    const c = conversationAt('address').say('我摔倒了');
    expect(c.turn[0]!.text).toBe(safetyTexts.emergency(['120'], [{ aid: 'fall', service: '120' }]));
    c.say('文昌小区3幢2单元501').say('13812345678').say('1');
    expect(c.draft).toMatchObject({
      urgent: true,
      emergencyWords: ['摔倒'],
      address: '文昌小区3幢2单元501',
      itemCode: 'emergency-help',
      description: '我摔倒了',
    });
    expect(c.texts).toContain(texts.nextProblem('电视坏了'));
  });

  it('words gathered across messages are kept once each; an alert per message', () => {
    const c = startConversation().say('我摔倒了').say('1').say('救命').say('摔倒了');
    expect(c.context.emergencyWords).toEqual(['摔倒', '救命']);
    expect(c.effectsOf('recordAlert')).toHaveLength(3);
  });

  it('in a photo caption: the emergency line still comes first', () => {
    const c = conversationAt('describe').send({ kind: 'media', media: 'photo', ref: 'p', caption: '厨房着火了' });
    expect(c.turn[0]!.text).toBe(safetyTexts.emergency(['119'], [{ aid: 'fire', service: '119' }]));
    expect(c.context.attachments).toEqual(['p']);
    expect(c.context.urgent).toBe(true);
  });

  it('an emergency while correcting the description is the new description', () => {
    const c = conversationAt('editDescription').say('电视冒烟了');
    expect(c.turn[0]!.text).toBe(safetyTexts.emergency(['119'], [{ aid: 'fire', service: '119' }]));
    expect(c.context.description).toBe('电视冒烟了');
    expect(c.state).toBe('confirm');
  });
});
