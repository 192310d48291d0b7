import { describe, expect, it } from 'vitest';
import { volunteerTexts as t } from '../../src/texts/volunteer.js';
import { volunteerAt } from './volunteer.fixtures.js';

// === The skills step: several allowed, by number, name or words

const CLASS_LABELS = ['生活求助类', '政策咨询类', '纠纷调解类', '居家养老类', '困难帮扶类'];

describe('skills', () => {
  it.each([['1 3'], ['1,3'], ['1，3'], ['1、3'], ['一 三'], ['13'], ['第一和第三'], ['１ ３'], ['生活求助类 纠纷调解']])(
    '%j picks classes 1 and 3',
    (typed) => {
      const c = volunteerAt('skills').say(typed);
      expect(c.context.skillPicks).toEqual(['daily-life', 'dispute']);
      expect(c.state).toBe('skills');
      expect(c.lastReply!.text).toBe(t.skillsChosen(['生活求助类', '纠纷调解类'], 6));
    },
  );

  it.each([
    ['水电 家电维修', ['water-electric-repair', 'appliance-repair'], ['水电维修', '家电维修']],
    ['会修电脑、陪老人看病', ['digital-help', 'hospital-escort'], ['电脑手机求助', '陪同就医']],
    ['理发和磨刀', ['haircut', 'knife-key'], ['理发', '磨刀配钥匙']],
    ['居家养老', ['elderly-care'], ['居家养老类']],
  ])('words %j pick %j', (typed, codes, names) => {
    const c = volunteerAt('skills').say(typed);
    expect(c.context.skillPicks).toEqual(codes);
    expect(c.lastReply!.text).toBe(t.skillsChosen(names, 6));
  });

  it('accumulates over several answers, without repeats, and shows the choice so far', () => {
    const c = volunteerAt('skills').say('1').say('水电').press('skill:dispute').say('1');
    expect(c.context.skillPicks).toEqual(['daily-life', 'water-electric-repair', 'dispute']);
    expect(c.lastReply!.text).toContain('已选：生活求助类、水电维修、纠纷调解类');
    expect(c.context.skills).toEqual([]);
    c.say('选好了');
    expect(c.context.skills).toEqual(['daily-life', 'water-electric-repair', 'dispute']);
    expect(c.state).toBe('community');
  });

  it.each([['6'], ['选好了'], ['好了'], ['完成'], ['就这些']])('%j moves on once something is chosen', (word) => {
    const c = volunteerAt('skills').say('4').say(word);
    expect(c.state).toBe('community');
    expect(c.context.skills).toEqual(['elderly-care']);
  });

  it('numbers and 好了 in one answer: picked and moved on', () => {
    const c = volunteerAt('skills').say('1 3 好了');
    expect(c.context.skills).toEqual(['daily-life', 'dispute']);
    expect(c.state).toBe('community');
  });

  it.each([['选好了'], ['好了'], ['6']])('%j with nothing chosen asks again', (word) => {
    const c = volunteerAt('skills');
    const q = c.questionId;
    c.say(word);
    expect(c.state).toBe('skills');
    expect(c.lastReply!.questionId).toBe(q);
    expect(c.lastReply!.text).toBe(word === '6' ? t.notUnderstood : t.skillsNoneChosen);
    expect(c.labels).toEqual(CLASS_LABELS);
  });

  it('"选好了" and "清空重选" are offered only once something is chosen', () => {
    const c = volunteerAt('skills');
    expect(c.labels).toEqual(CLASS_LABELS);
    c.say('2');
    expect(c.labels).toEqual([...CLASS_LABELS, '选好了', '清空重选']);
  });

  it.each([['7'], ['清空'], ['重选']])('%j clears the choice', (word) => {
    const c = volunteerAt('skills').say('1 3');
    const q = c.questionId;
    c.say(word);
    expect(c.context.skillPicks).toEqual([]);
    expect(c.lastReply).toEqual({ text: `${t.skillsCleared}\n${t.askSkills}`, choices: c.context.question.choices, questionId: q + 1 });
    expect(c.labels).toEqual(CLASS_LABELS);
    c.say('5').say('6');
    expect(c.context.skills).toEqual(['hardship']);
  });

  it('the clear button', () => {
    const c = volunteerAt('skills').say('2').press('skills:clear');
    expect(c.context.skillPicks).toEqual([]);
  });

  it('words that fit nothing: said so, nothing picked', () => {
    const c = volunteerAt('skills');
    const q = c.questionId;
    c.say('唱歌');
    expect(c.lastReply).toEqual({ text: t.skillsNotFound(['唱歌']), choices: c.context.question.choices, questionId: q });
    expect(c.context.skillPicks).toEqual([]);
  });

  it('some words fit: those are kept and the others named', () => {
    const c = volunteerAt('skills').say('水电 电工');
    expect(c.context.skillPicks).toEqual(['water-electric-repair']);
    expect(c.lastReply!.text).toBe(`${t.skillsPartlyFound(['电工'])}\n${t.skillsChosen(['水电维修'], 6)}`);
  });

  it('a piece that fits nothing keeps 好了 from moving on', () => {
    const c = volunteerAt('skills').say('水电 唱歌 好了');
    expect(c.state).toBe('skills');
    expect(c.context.skillPicks).toEqual(['water-electric-repair']);
  });
});
