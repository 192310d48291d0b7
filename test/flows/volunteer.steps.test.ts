import { describe, expect, it } from 'vitest';
import { volunteerTexts as t } from '../../src/texts/volunteer.js';
import { volunteerAt } from './volunteer.fixtures.js';
import { placeTexts } from '../../src/texts/places.js';

// === The community and availability steps of the registration

describe('community', () => {
  it.each([
    ['文昌', 'nanhu-jianshe-wenchang'],
    ['紫阳社区', 'nanhu-jianshe-ziyang'],
    ['我住在天福苑', 'nanhu-jiefang-tianfu'],
  ])('%j → %s', (typed, code) => {
    const c = volunteerAt('community').say(typed);
    expect(c.context.communityCode).toBe(code);
    expect(c.state).toBe('availability');
  });

  it('step by step by numbers: "1" → districts, "第一个" → streets, "三" → 禾兴社区', () => {
    const c = volunteerAt('community').say('1').say('第一个').say('1').say('三');
    expect(c.context.communityCode).toBe('nanhu-jianshe-hexing');
    expect(c.state).toBe('availability');
  });

  it('by button; a community not offered is not taken', () => {
    const c = volunteerAt('community').press('community:xiuzhou-xincheng-xinzhou');
    expect(c.lastReply!.text).toBe(t.notUnderstood);
    expect(c.context.communityCode).toBeNull();
    c.press('place:step').press('area:nanhu').press('area:nanhu-jiefang').press('community:nanhu-jiefang-zhonghe');
    expect(c.context.communityCode).toBe('nanhu-jiefang-zhonghe');
  });

  it('a street named: its communities to pick from', () => {
    const c = volunteerAt('community').say('建设街道');
    expect(c.state).toBe('community');
    expect(c.lastReply!.text).toBe(placeTexts.pickCommunity('建设街道分站'));
    expect(c.labels).toEqual(['文昌社区', '紫阳社区', '禾兴社区', '海盐塘社区']);
    c.say('3');
    expect(c.context.communityCode).toBe('nanhu-jianshe-hexing');
    expect(c.context.communityOptions).toEqual([]);
  });

  it('not found: the step-by-step pick, then a name is still found; 返回 goes up, then back to the skills', () => {
    const c = volunteerAt('community');
    const q = c.questionId;
    c.say('火星基地');
    expect(c.lastReply!.text).toBe(placeTexts.notFound('火星基地'));
    expect(c.lastReply!.questionId).toBe(q + 1);
    expect(c.labels).toEqual(['南湖区总站', '秀洲区总站']);
    c.say('1').say('返回');
    expect(c.lastReply!.text).toBe(placeTexts.pickCounty);
    c.say('返回');
    expect(c.state).toBe('community');
    expect(c.labels).toEqual([placeTexts.stepByStep]);
    c.say('天福');
    expect(c.context.communityCode).toBe('nanhu-jiefang-tianfu');
  });

  it('a location whose label names one community is taken; one without a label is not', () => {
    const c = volunteerAt('community').send({ kind: 'location', latitude: 30.75, longitude: 120.76 });
    expect(c.lastReply!.text).toBe(t.locationNotNeeded);
    expect(c.state).toBe('community');
    c.send({ kind: 'location', latitude: 30.75, longitude: 120.76, label: '嘉兴市南湖区文昌路社区附近' });
    expect(c.context.communityCode).toBe('nanhu-jianshe-wenchang');
    expect(c.state).toBe('availability');
  });

  it('emoji only is not understood', () => {
    const c = volunteerAt('community').say('🏠🏠');
    expect(c.lastReply!.text).toBe(t.notUnderstood);
    expect(c.context.communityCode).toBeNull();
  });
});

describe('availability', () => {
  it.each([
    ['1', '工作日白天'],
    ['工作日晚上', '工作日晚上'],
    ['三', '周末'],
    ['每周二下午', '每周二下午'],
    ['周六 上午。', '周六上午'],
  ])('%j → %j', (typed, kept) => {
    const c = volunteerAt('availability').say(typed);
    expect(c.context.availability).toBe(kept);
    expect(c.state).toBe('summary');
  });

  it('by button', () => {
    const c = volunteerAt('availability').press('availability:随时都可以');
    expect(c.context.availability).toBe('随时都可以');
  });

  it.each([['天'], ['🙂🙂'], ['周'.repeat(51)], ['5']])('refuses %j with a hint', (typed) => {
    const c = volunteerAt('availability');
    const q = c.questionId;
    c.say(typed);
    expect(c.lastReply).toEqual({ text: t.availabilityInvalid, choices: c.context.question.choices, questionId: q });
    expect(c.context.availability).toBeNull();
  });

  it('50 characters are still fine', () => {
    const c = volunteerAt('availability').say('周'.repeat(50));
    expect(c.context.availability).toBe('周'.repeat(50));
  });
});
