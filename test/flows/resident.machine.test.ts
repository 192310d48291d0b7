import { describe, expect, it } from 'vitest';
import { texts } from '../../src/texts/resident.js';
import { conversationAt, startConversation } from './resident.fixtures.js';

// === The resident flow's first message, the description and the item, as pure transitions

const CLASS_LABELS = ['修东西（生活求助类）', '问政策（政策咨询类）', '调解矛盾（纠纷调解类）', '照顾老人（居家养老类）', '生活困难（困难帮扶类）'];

describe('first message and the description', () => {
  it('free words: greets, proposes the best item and asks for confirmation', () => {
    const c = startConversation().say('电视坏了');
    expect(c.turn[0]!.text).toBe(texts.hello);
    expect(c.state).toBe('confirmItem');
    expect(c.lastReply!.text).toBe(texts.confirmItem);
    expect(c.lastReply!.choices).toEqual([
      { id: 'item:appliance-repair', label: '家电维修' },
      { id: 'none', label: texts.noneOfThese },
    ]);
    expect(c.lastReply!.questionId).toBe(c.questionId);
    expect(c.context.description).toBe('电视坏了');
  });

  it('offers the best two or three as numbered choices when the words fit several, the first named first', () => {
    const c = startConversation().say('窗户漏水');
    expect(c.lastReply!.text).toBe(texts.chooseItem);
    expect(c.labels).toEqual(['门窗维修', '水电维修', texts.noneOfThese]);
    c.say('2');
    expect(c.state).toBe('community');
    expect(c.context.itemCode).toBe('water-electric-repair');
    expect(c.context.classCode).toBe('daily-life');
  });

  it('a yes-word does not pick one of several: it asks for the number', () => {
    const c = startConversation().say('窗户漏水');
    const q = c.questionId;
    c.say('是的');
    expect(c.state).toBe('confirmItem');
    expect(c.lastReply).toEqual({ text: texts.chooseOneItem, choices: c.context.question.choices, questionId: q });
    expect(c.context.itemCode).toBeNull();
    c.say('好的好的');
    expect(c.lastReply!.text).toBe(texts.chooseOneItem);
    c.say('1');
    expect(c.context.itemCode).toBe('door-window-repair');
  });

  it.each([
    ['楼道里的灯坏了', '公共设施报修'],
    ['腿脚不方便想有人送饭', '助餐'],
    ['老伴有糖尿病 想有人上门帮他测测血糖', '健康监测'],
    ['桶装水喝完了想叫人送一桶', '代买代办'],
    ['我是退伍老兵有什么优待', '退役军人优抚'],
  ])('"%s": one clear item, proposed alone (%s)', (words, name) => {
    const c = startConversation().say(words);
    expect(c.state).toBe('confirmItem');
    expect(c.lastReply!.text).toBe(texts.confirmItem);
    expect(c.labels).toEqual([name, texts.noneOfThese]);
  });

  it('老伴 is a word: it is never read as 老板 (劳资纠纷)', () => {
    const c = startConversation().say('老伴有糖尿病每个月要配药');
    expect(c.labels).not.toContain('劳资纠纷');
    expect(c.labels[0]).toBe('代配药');
  });

  it.each([
    ['typing its number', (c: ReturnType<typeof startConversation>) => c.say('1')],
    ['pressing its button', (c: ReturnType<typeof startConversation>) => c.press('item:appliance-repair')],
    ['saying yes', (c: ReturnType<typeof startConversation>) => c.say('是的')],
    ['typing its name', (c: ReturnType<typeof startConversation>) => c.say('家电维修')],
  ])('confirms the proposal by %s', (_, act) => {
    const c = startConversation().say('电视坏了');
    act(c);
    expect(c.state).toBe('community');
    expect(c.context.itemCode).toBe('appliance-repair');
    expect(c.context.classCode).toBe('daily-life');
    expect(c.lastReply!.text).toBe(texts.askCommunity);
  });

  it.each([['2'], ['都不是'], ['不对']])('"%s" at the proposal leads to the class list', (answer) => {
    const c = startConversation().say('电视坏了').say(answer);
    expect(c.state).toBe('describe');
    expect(c.labels).toEqual(CLASS_LABELS);
    expect(c.lastReply!.text).toBe(texts.notUnderstoodDescription);
    expect(c.context.itemCode).toBeNull();
  });

  it('new words at the proposal give a new proposal', () => {
    const c = startConversation().say('电视坏了');
    const before = c.questionId;
    c.say('水管漏水');
    expect(c.state).toBe('confirmItem');
    expect(c.labels).toEqual(['水电维修', texts.noneOfThese]);
    expect(c.questionId).toBe(before + 1);
    expect(c.context.description).toBe('水管漏水');
  });

  it('an answer that fits nothing at the proposal re-asks with a hint', () => {
    const c = startConversation().say('电视坏了');
    const q = c.questionId;
    c.say('3');
    expect(c.state).toBe('confirmItem');
    expect(c.lastReply).toEqual({ text: texts.notUnderstood, choices: c.context.question.choices, questionId: q });
  });

  it('a greeting gets the class list and "my requests"', () => {
    const c = startConversation().say('您好');
    expect(c.turn.map((r) => r.text)).toEqual([texts.hello, texts.describeAgain]);
    expect(c.labels).toEqual([...CLASS_LABELS, '查询我的求助']);
    expect(c.context.description).toBeNull();
  });

  it('meaningful words that fit no item are kept and the classes offered', () => {
    const c = startConversation().say('修东西');
    expect(c.state).toBe('describe');
    expect(c.context.description).toBe('修东西');
    expect(c.turn.map((r) => r.text)).toEqual([texts.hello, texts.notUnderstoodDescription]);
    expect(c.labels).toEqual(CLASS_LABELS);
    c.say('1').say('7');
    expect(c.context.itemCode).toBe('furniture-repair');
    expect(c.state).toBe('community');
  });

  it('empty words at the describe step re-ask', () => {
    const c = conversationAt('describe').say('。。。');
    expect(c.state).toBe('describe');
    expect(c.lastReply!.text).toBe(texts.emptyDescription);
  });
});

describe('class → item from the numbered lists', () => {
  it('by numbers: "2" then "3"', () => {
    const c = conversationAt('describe').say('2');
    expect(c.state).toBe('pickItem');
    expect(c.lastReply!.text).toBe(texts.pickItemPage('政策咨询类', null, 1, 2));
    expect(c.labels.slice(0, 3)).toEqual(['社保咨询', '医保咨询', '住房政策']);
    c.say('3');
    expect(c.state).toBe('community');
    expect(c.context).toMatchObject({ classCode: 'policy', itemCode: 'housing-policy' });
  });

  it('by buttons', () => {
    const c = conversationAt('describe').press('class:elderly-care').press('item:meal-help');
    expect(c.context).toMatchObject({ classCode: 'elderly-care', itemCode: 'meal-help' });
    expect(c.state).toBe('community');
  });

  it.each([
    ['二', '第3个'],
    ['２', '三'],
    ['第二项', '3.'],
    ['政策咨询类', '住房政策'],
  ])('by typed numerals and labels: %s then %s', (cls, item) => {
    const c = conversationAt('describe').say(cls).say(item);
    expect(c.context).toMatchObject({ classCode: 'policy', itemCode: 'housing-policy' });
  });

  it('a number out of the list re-asks the items with a hint', () => {
    const c = conversationAt('pickItem');
    const q = c.questionId;
    c.say('99');
    expect(c.state).toBe('pickItem');
    expect(c.lastReply!.text).toBe(texts.notUnderstood);
    expect(c.lastReply!.questionId).toBe(q);
    expect(c.lastReply!.choices[0]).toEqual({ id: 'item:appliance-repair', label: '家电维修' });
  });

  it('words at the item list are matched against the catalogue', () => {
    const c = conversationAt('pickItem').say('社保怎么交');
    expect(c.state).toBe('confirmItem');
    expect(c.labels).toEqual(['社保咨询', texts.noneOfThese]);
  });

  it('a button of another question (not stale) that fits nothing re-asks', () => {
    const c = conversationAt('pickItem').press('class:policy');
    expect(c.state).toBe('pickItem');
    expect(c.lastReply!.text).toBe(texts.notUnderstood);
  });
});
