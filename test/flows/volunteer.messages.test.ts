import { describe, expect, it } from 'vitest';
import { volunteerTexts as t } from '../../src/texts/volunteer.js';
import { type VolunteerStep, startVolunteer, volunteerAt } from './volunteer.fixtures.js';
import { placeTexts } from '../../src/texts/places.js';

// === Media, contacts, locations, edited messages, emoji and very long text

const STEPS: VolunteerStep[] = ['name', 'phone', 'party', 'skills', 'community', 'availability', 'summary'];

describe('non-text messages', () => {
  it.each(STEPS)('voice at %s: cannot listen, the question is asked again', (step) => {
    const c = volunteerAt(step);
    const question = c.context.question;
    c.send({ kind: 'media', media: 'voice', ref: 'v1' });
    expect(c.turn).toEqual([{ text: t.voiceNotSupported, choices: question.choices, questionId: question.id }]);
    expect(c.state).toBe(step);
  });

  it.each(STEPS)('a photo at %s is not an answer', (step) => {
    const c = volunteerAt(step);
    const before = { ...c.context };
    c.send({ kind: 'media', media: 'photo', ref: 'p1' });
    expect(c.lastReply!.text).toBe(t.photoNotNeeded);
    expect(c.context).toEqual(before);
  });

  it.each([['sticker'], ['document'], ['video'], ['other']] as const)('a %s is explained', (media) => {
    const c = volunteerAt('phone').send({ kind: 'media', media, ref: 'x' });
    expect(c.lastReply!.text).toBe(t.mediaNotSupported);
    expect(c.state).toBe('phone');
  });

  it('a captioned photo is read as its caption', () => {
    const c = volunteerAt('name').send({ kind: 'media', media: 'photo', ref: 'p1', caption: '李明' });
    expect(c.context.name).toBe('李明');
    expect(c.state).toBe('phone');
  });

  it.each(['name', 'party', 'skills', 'summary'] as const)('a contact card at %s is not needed', (step) => {
    const c = volunteerAt(step).send({ kind: 'contact', phone: '13900001111' });
    expect(c.lastReply!.text).toBe(t.contactNotNeeded);
    expect(c.context.phone).toBe(step === 'name' ? null : '13812345678');
    expect(c.state).toBe(step);
  });

  it.each(['name', 'phone', 'availability', 'summary'] as const)('a location at %s is not needed', (step) => {
    const c = volunteerAt(step).send({ kind: 'location', latitude: 30.7, longitude: 120.7, label: '文昌路社区' });
    expect(c.lastReply!.text).toBe(t.locationNotNeeded);
    expect(c.state).toBe(step);
  });
});

describe('the first message opens the flow, whatever it is', () => {
  it.each([
    ['voice', { kind: 'media', media: 'voice' }],
    ['an edited message', { kind: 'edited' }],
    ['emoji', { kind: 'text', text: '👍' }],
    ['帮助', { kind: 'text', text: '帮助' }],
    ['返回', { kind: 'text', text: '返回' }],
    ['a button', { kind: 'choice', choiceId: 'x', questionId: 9 }],
  ] as const)('%s: welcome and the name question', (_, content) => {
    const c = startVolunteer().send(content);
    expect(c.texts).toEqual([t.welcome, t.askName]);
    expect(c.state).toBe('name');
  });
});

describe('edited messages', () => {
  it.each(STEPS)('at %s: not handled again, the question asked again', (step) => {
    const c = volunteerAt(step);
    const before = { ...c.context };
    const question = c.context.question;
    c.send({ kind: 'edited' });
    expect(c.turn).toEqual([{ text: `${t.editedMessage}\n${question.text}`, choices: question.choices, questionId: question.id }]);
    expect(c.context).toEqual(before);
  });
});

describe('emoji and very long text', () => {
  it.each([
    ['name', t.nameInvalid],
    ['phone', t.phoneInvalid],
    ['party', t.notUnderstood],
    ['skills', t.notUnderstood],
    ['community', t.notUnderstood],
    ['availability', t.availabilityInvalid],
    ['summary', t.notUnderstood],
  ] as const)('emoji only at %s re-asks with a hint', (step, hint) => {
    const c = volunteerAt(step);
    const before = { ...c.context };
    c.say('🙏🙏');
    expect(c.lastReply!.text).toBe(hint);
    expect(c.context).toEqual(before);
  });

  it.each([
    ['name', t.nameInvalid],
    ['phone', t.phoneInvalid],
    ['availability', t.availabilityInvalid],
  ] as const)('5000 characters at %s: refused, the flow goes on', (step, hint) => {
    const c = volunteerAt(step).say('好'.repeat(5000));
    expect(c.texts).toEqual([hint]);
    expect(c.state).toBe(step);
  });

  it('5000 characters at the community step: not found, the echo kept short', () => {
    const c = volunteerAt('community').say('文'.repeat(5000));
    expect(c.lastReply!.text).toBe(placeTexts.notFound('文'.repeat(20)));
  });

  it('a very long skills answer: what fits is picked, the rest named briefly', () => {
    const c = volunteerAt('skills').say(`水电 ${'唱歌 '.repeat(2000)}`);
    expect(c.context.skillPicks).toEqual(['water-electric-repair']);
    expect(c.lastReply!.text).toBe(`${t.skillsPartlyFound(['唱歌'])}\n${t.skillsChosen(['水电维修'], 6)}`);
  });

  it('a very long name in several words is refused', () => {
    const c = volunteerAt('name').say('王 '.repeat(30));
    expect(c.lastReply!.text).toBe(t.nameInvalid);
    expect(c.context.name).toBeNull();
  });
});

describe('emergency words during registration', () => {
  it.each(STEPS)('at %s: the emergency line first, an alert, the same question again, nothing stored', (step) => {
    const c = volunteerAt(step);
    const question = c.context.question;
    const before = { ...c.context };
    c.say('救命，我爸摔倒了');
    expect(c.turn[0]!.text).toMatch(/^⚠️.*120/);
    expect(c.turn.at(-1)).toEqual({ text: question.text, choices: question.choices, questionId: question.id });
    expect(c.effects.at(-1)).toEqual({ type: 'recordAlert', params: { words: ['摔倒', '救命'], services: ['120'] } });
    expect(c.state).toBe(step);
    expect(c.context).toEqual(before);
  });

  it('a watch-level word: the soft line, no alert, the same question again', () => {
    const c = volunteerAt('phone');
    const question = c.context.question;
    c.say('我有点头晕');
    expect(c.turn[0]!.text).toMatch(/^请多留意.*120/);
    expect(c.turn.at(-1)).toEqual({ text: question.text, choices: question.choices, questionId: question.id });
    expect(c.effectsOf('recordAlert')).toEqual([]);
    expect(c.state).toBe('phone');
  });
});
