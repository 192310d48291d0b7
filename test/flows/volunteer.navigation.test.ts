import { describe, expect, it } from 'vitest';
import { volunteerTexts as t } from '../../src/texts/volunteer.js';
import { type VolunteerStep, startVolunteer, volunteerAt } from './volunteer.fixtures.js';

// === Changing answers from the summary; 返回, 取消, 帮助, stale buttons and commands at every step

const STEPS: VolunteerStep[] = ['name', 'phone', 'party', 'skills', 'community', 'availability', 'summary'];

describe('changing an answer from the summary returns to the summary', () => {
  it.each([
    ['2', 'name', t.askName, ['李明'], { name: '李明' }, '姓名：李明'],
    ['3', 'phone', t.askPhone, ['13700001111'], { phone: '13700001111' }, '手机：13700001111'],
    ['4', 'party', t.askParty, ['2'], { partyMember: false }, '党员：否'],
    [
      '5',
      'skills',
      t.skillsChosen(['生活求助类', '纠纷调解类'], 6),
      ['4', '6'],
      { skills: ['daily-life', 'dispute', 'elderly-care'] },
      '服务技能：生活求助类、纠纷调解类、居家养老类',
    ],
    ['6', 'community', t.askCommunity, ['天福'], { communityCode: 'nanhu-jiefang-tianfu' }, '社区：天福社区'],
    ['7', 'availability', t.askAvailability, ['1'], { availability: '工作日白天' }, '方便时间：工作日白天'],
  ] as const)('choice %s changes the %s', (choice, step, asked, answers, changed, line) => {
    const c = volunteerAt('summary');
    const before = { ...c.context };
    c.say(choice);
    expect(c.state).toBe(step);
    expect(c.lastReply!.text).toBe(asked);
    for (const answer of answers) c.say(answer);
    expect(c.state).toBe('summary');
    expect(c.context.editing).toBe(false);
    expect(c.lastReply!.text).toContain(line);
    expect(c.labels[0]).toBe('确认提交');
    const { question: _q, skillPicks: _p, ...rest } = c.context;
    const { question: _bq, skillPicks: _bp, ...restBefore } = before;
    expect(rest).toEqual({ ...restBefore, ...changed });
    c.say('1');
    expect(c.draft).toMatchObject(changed);
  });

  it('by button', () => {
    const c = volunteerAt('summary').press('edit:community').say('东门');
    expect(c.state).toBe('summary');
    expect(c.context.communityCode).toBe('nanhu-jiefang-dongmen');
  });

  it('several changes, then submit', () => {
    const c = volunteerAt('summary').say('2').say('赵敏').say('5').say('7').say('水电').say('选好了').say('1');
    expect(c.draft).toEqual({
      name: '赵敏',
      phone: '13812345678',
      partyMember: true,
      skills: ['water-electric-repair'],
      communityCode: 'nanhu-jianshe-wenchang',
      availability: '周末',
    });
  });

  it('an answer that fits nothing at the summary re-asks', () => {
    const c = volunteerAt('summary');
    const question = c.context.question;
    c.say('随便');
    expect(c.lastReply).toEqual({ text: t.notUnderstood, choices: question.choices, questionId: question.id });
    expect(c.effects).toEqual([]);
  });
});

describe('返回 goes back one step', () => {
  it.each([
    ['phone', 'name', t.askName],
    ['party', 'phone', t.askPhone],
    ['skills', 'party', t.askParty],
    ['community', 'skills', t.skillsChosen(['生活求助类', '纠纷调解类'], 6)],
    ['availability', 'community', t.askCommunity],
    ['summary', 'availability', t.askAvailability],
  ] as const)('from %s to %s', (from, to, asked) => {
    const c = volunteerAt(from);
    const q = c.questionId;
    c.say('返回');
    expect(c.state).toBe(to);
    expect(c.lastReply!.text).toBe(asked);
    expect(c.lastReply!.questionId).toBe(q + 1);
  });

  it('at the name says it is the first step and asks again', () => {
    const c = volunteerAt('name');
    const q = c.questionId;
    c.say('上一步');
    expect(c.texts).toEqual([t.firstStep, t.askName]);
    expect(c.lastReply!.questionId).toBe(q);
    expect(c.state).toBe('name');
  });

  it('from the summary back to the start, keeping the answers and the skills picked', () => {
    const c = volunteerAt('summary');
    const seen: unknown[] = [];
    for (let i = 0; i < 7; i++) seen.push(c.say('返回').state);
    expect(seen).toEqual(['availability', 'community', 'skills', 'party', 'phone', 'name', 'name']);
    expect(c.context).toMatchObject({ name: '王建国', phone: '13812345678', partyMember: true, skills: ['daily-life', 'dispute'] });
  });

  it('from the skills keeps what was picked before 选好了', () => {
    const c = volunteerAt('skills').say('2').say('返回');
    expect(c.state).toBe('party');
    c.say('1');
    expect(c.context.skillPicks).toEqual(['policy']);
    expect(c.lastReply!.text).toBe(t.skillsChosen(['政策咨询类'], 6));
  });

  it.each([
    ['2', 'name'],
    ['3', 'phone'],
    ['4', 'party'],
    ['6', 'community'],
    ['7', 'availability'],
  ])('from a change (summary choice %s, %s) back to the summary, unchanged', (choice, step) => {
    const c = volunteerAt('summary');
    const summary = c.lastReply!.text;
    c.say(choice);
    expect(c.state).toBe(step);
    c.say('返回');
    expect(c.state).toBe('summary');
    expect(c.context.editing).toBe(false);
    expect(c.lastReply!.text).toBe(summary);
  });

  it('from changing the skills back to the summary: the skills as they were, even after clearing', () => {
    const c = volunteerAt('summary');
    const summary = c.lastReply!.text;
    c.say('5').say('7').say('返回');
    expect(c.state).toBe('summary');
    expect(c.context.skills).toEqual(['daily-life', 'dispute']);
    expect(c.lastReply!.text).toBe(summary);
  });
});

describe('取消 ends the flow', () => {
  it.each(STEPS)('at %s', (step) => {
    const c = volunteerAt(step).say('取消');
    expect(c.turn).toEqual([{ text: t.cancelled, choices: [], questionId: undefined }]);
    expect(c.state).toBe('cancelled');
    expect(c.status).toBe('done');
    expect(c.effects).toEqual([]);
  });

  it.each([['退出'], ['不报了'], ['取消。'], ['/cancel@lianxin_bot']])('with %j', (word) => {
    const c = volunteerAt('party').say(word);
    expect(c.lastReply!.text).toBe(t.cancelled);
    expect(c.status).toBe('done');
  });

  it('as the very first message', () => {
    const c = startVolunteer().say('取消');
    expect(c.texts).toEqual([t.cancelled]);
    expect(c.status).toBe('done');
  });
});

describe('帮助 explains the current step and asks again', () => {
  it.each([
    ['name', t.nameHelp],
    ['phone', t.phoneHelp],
    ['party', t.partyHelp],
    ['skills', t.skillsHelp],
    ['community', t.communityHelp],
    ['availability', t.availabilityHelp],
    ['summary', t.summaryHelp],
  ] as const)('at %s', (step, help) => {
    const c = volunteerAt(step);
    const question = c.context.question;
    c.say('帮助');
    expect(c.state).toBe(step);
    expect(c.turn).toEqual([
      { text: help, choices: [], questionId: undefined },
      { text: question.text, choices: question.choices, questionId: question.id },
    ]);
  });

  it.each([['?'], ['？'], ['/help'], ['怎么用']])('with %j', (word) => {
    const c = volunteerAt('skills').say(word);
    expect(c.turn[0]!.text).toBe(t.skillsHelp);
  });
});

describe('stale buttons, commands and starting over', () => {
  it('a button of an earlier question is stale: the current question is asked', () => {
    const c = startVolunteer({ displayName: '老王' }).say('我要当志愿者');
    const old = c.questionId;
    c.say('王建国');
    const current = c.context.question;
    c.press('known-name', old);
    expect(c.turn).toEqual([{ text: `${t.stale}\n${t.askPhone}`, choices: current.choices, questionId: current.id }]);
    expect(c.context.name).toBe('王建国');
    expect(c.state).toBe('phone');
  });

  it('a stale button that would fit the current question is still refused', () => {
    const c = volunteerAt('skills').say('1');
    c.press('skill:policy', c.questionId - 1);
    expect(c.lastReply!.text.startsWith(t.stale)).toBe(true);
    expect(c.context.skillPicks).toEqual(['daily-life']);
  });

  it('a button by its number (#2) is the second choice', () => {
    const c = volunteerAt('party').send({ kind: 'choice', choiceId: '#2', questionId: 3 });
    expect(c.context.partyMember).toBe(false);
  });

  it.each(STEPS)('an unknown command at %s is explained and the question asked again', (step) => {
    const c = volunteerAt(step);
    const question = c.context.question;
    c.say('/foo');
    expect(c.turn).toEqual([
      { text: t.unknownCommand, choices: [], questionId: undefined },
      { text: question.text, choices: question.choices, questionId: question.id },
    ]);
    expect(c.state).toBe(step);
  });

  it('我要当志愿者 in the middle starts over', () => {
    const c = volunteerAt('community').say('我要当志愿者');
    expect(c.texts).toEqual([t.welcome, t.askName]);
    expect(c.state).toBe('name');
    expect(c.context).toMatchObject({ name: null, phone: null, partyMember: null, skills: [], communityCode: null });
  });
});
