import { describe, expect, it } from 'vitest';
import { texts } from '../../src/texts/resident.js';
import { type Step, conversationAt, startConversation } from './resident.fixtures.js';

// === 返回, 取消, 帮助, stale buttons and commands, at every step

const STEPS: Step[] = ['describe', 'pickItem', 'confirmItem', 'community', 'address', 'phone', 'when', 'confirm', 'editDescription'];

describe('返回 goes back one step', () => {
  it.each([
    ['pickItem', 'describe', texts.describeAgain],
    ['confirmItem', 'describe', texts.notUnderstoodDescription],
    ['community', 'confirmItem', texts.confirmItem],
    ['address', 'community', texts.askCommunity],
    ['phone', 'address', texts.askAddress],
    ['when', 'phone', texts.askPhone],
    ['confirm', 'when', texts.askWhen],
    ['editDescription', 'confirm', texts.summaryTitle],
  ] as const)('from %s to %s', (from, to, asked) => {
    const c = conversationAt(from);
    const q = c.questionId;
    c.say('返回');
    expect(c.state).toBe(to);
    expect(c.lastReply!.text.startsWith(asked)).toBe(true);
    expect(c.lastReply!.questionId).toBe(q + 1);
    expect(c.status).toBe('active');
  });

  it('from the community step to the item list when the item came from the lists', () => {
    const c = conversationAt('pickItem').say('1').say('上一步');
    expect(c.state).toBe('pickItem');
    expect(c.lastReply!.text).toBe(texts.pickItemPage('生活求助类', '家里修理', 1, 3));
  });

  it('to the item list even when words were proposed earlier and refused', () => {
    const c = startConversation().say('电视坏了').say('都不是').say('1').say('1').say('返回');
    expect(c.state).toBe('pickItem');
  });

  it('at the first step says so and asks again', () => {
    const c = conversationAt('describe');
    const q = c.questionId;
    c.say('返回');
    expect(c.state).toBe('describe');
    expect(c.turn.map((r) => r.text)).toEqual([texts.firstStep, texts.describeAgain]);
    expect(c.lastReply!.questionId).toBe(q);
  });

  it('as the very first message greets and asks', () => {
    const c = startConversation().say('返回');
    expect(c.state).toBe('describe');
    expect(c.turn[0]!.text).toBe(texts.hello);
  });

  it('step by step from the summary back to the start, keeping the answers', () => {
    const c = conversationAt('confirm');
    const seen: unknown[] = [];
    for (let i = 0; i < 6; i++) seen.push(c.say('返回').state);
    expect(seen).toEqual(['when', 'phone', 'address', 'community', 'confirmItem', 'describe']);
    expect(c.context).toMatchObject({ address: '文昌小区3幢2单元501', phone: '13812345678', communityCode: 'nanhu-jianshe-wenchang' });
  });

  it.each([
    ['2', 'describe'],
    ['4', 'community'],
    ['5', 'address'],
    ['6', 'phone'],
    ['7', 'when'],
  ])('from a correction (summary choice %s, %s) back to the summary, unchanged', (choice, step) => {
    const c = conversationAt('confirm');
    const summary = c.lastReply!.text;
    c.say(choice);
    expect(c.state).toBe(step);
    c.say('返回');
    expect(c.state).toBe('confirm');
    expect(c.context.editing).toBe(false);
    expect(c.lastReply!.text).toBe(summary);
  });

  it('from the item list opened by a correction, back through the classes to the summary', () => {
    const c = conversationAt('confirm').say('2').say('3').say('返回');
    expect(c.state).toBe('describe');
    c.say('返回');
    expect(c.state).toBe('confirm');
    expect(c.context.itemCode).toBe('appliance-repair');
  });
});

describe('取消 ends the flow', () => {
  it.each(STEPS)('at %s', (step) => {
    const c = conversationAt(step);
    c.say('取消');
    expect(c.lastReply).toEqual({ text: texts.cancelled, choices: [], questionId: undefined });
    expect(c.state).toBe('cancelled');
    expect(c.status).toBe('done');
    expect(c.effects.filter((e) => e.type === 'createRequest')).toEqual([]);
  });

  it.each([['退出'], ['不办了'], ['取消。'], ['/cancel']])('with "%s"', (word) => {
    const c = conversationAt('address').say(word);
    expect(c.status).toBe('done');
    expect(c.lastReply!.text).toBe(texts.cancelled);
  });

  it('as the very first message there is nothing to cancel', () => {
    const c = startConversation().say('取消');
    expect(c.lastReply!.text).toBe(texts.nothingToCancel);
    expect(c.status).toBe('active');
    c.say('电视坏了');
    expect(c.state).toBe('confirmItem');
  });
});

describe('帮助 explains the current step and asks again', () => {
  it.each([
    ['describe', texts.describeHelp],
    ['pickItem', texts.pickItemHelp],
    ['confirmItem', texts.confirmItemHelp],
    ['community', texts.communityHelp],
    ['address', texts.addressHelp],
    ['phone', texts.phoneHelp],
    ['when', texts.whenHelp],
    ['confirm', texts.confirmHelp],
    ['editDescription', texts.describeHelp],
  ] as const)('at %s', (step, help) => {
    const c = conversationAt(step);
    const question = c.context.question;
    c.say('帮助');
    expect(c.state).toBe(step);
    expect(c.turn).toEqual([
      { text: help, choices: [], questionId: undefined },
      { text: question.text, choices: question.choices, questionId: question.id },
    ]);
  });

  it.each([['?'], ['？'], ['/help'], ['怎么用'], ['帮助？']])('with "%s"', (word) => {
    const c = conversationAt('phone').say(word);
    expect(c.turn[0]!.text).toBe(texts.phoneHelp);
    expect(c.state).toBe('phone');
  });

  it('as the very first message greets, explains and asks', () => {
    const c = startConversation().say('帮助');
    expect(c.turn.map((r) => r.text)).toEqual([texts.hello, texts.describeHelp, texts.describeAgain]);
    expect(c.state).toBe('describe');
  });
});

describe('stale buttons and commands', () => {
  it('a button of an earlier question is stale: the current question is asked', () => {
    const c = startConversation().say('电视坏了');
    const old = c.questionId;
    c.say('1');
    const current = c.context.question;
    c.press('item:appliance-repair', old);
    expect(c.turn).toEqual([{ text: `${texts.stale}\n${texts.askCommunity}`, choices: current.choices, questionId: current.id }]);
    expect(c.state).toBe('community');
    expect(c.context.communityCode).toBeNull();
  });

  it('a stale button that would fit the current question is still refused', () => {
    const c = conversationAt('when');
    const old = c.questionId;
    c.say('1');
    c.press('when:明天', old);
    expect(c.state).toBe('confirm');
    expect(c.context.wantedTime).toBe('尽快');
    expect(c.lastReply!.text.startsWith(texts.stale)).toBe(true);
  });

  it('a button without a question id is taken as it is', () => {
    const c = conversationAt('when').send({ kind: 'choice', choiceId: 'when:明天' });
    expect(c.context.wantedTime).toBe('明天');
  });

  it('an unknown command is explained and the question asked again', () => {
    const c = conversationAt('address');
    const q = c.questionId;
    c.say('/foo');
    expect(c.turn.map((r) => r.text)).toEqual([texts.unknownCommand, texts.askAddress]);
    expect(c.lastReply!.questionId).toBe(q);
    expect(c.state).toBe('address');
  });

  it('an unknown command as the very first message greets, explains and asks', () => {
    const c = startConversation().say('/foo');
    expect(c.turn.map((r) => r.text)).toEqual([texts.hello, texts.unknownCommand, texts.describeAgain]);
    expect(c.turn.every((r) => r.text.length > 0)).toBe(true);
    expect(c.state).toBe('describe');
  });

  it('/start starts over, keeping an emergency already raised', () => {
    const c = conversationAt('address');
    c.say('救命，文昌小区');
    c.say('/start@lianxin_bot');
    expect(c.state).toBe('describe');
    expect(c.context).toMatchObject({ description: null, itemCode: null, communityCode: null, urgent: true });
    expect(c.lastReply!.text).toBe(texts.describeAgain);
  });

  it.each([['查询'], ['我的求助']])('"%s" in the middle of an intake: a hint, then the current question', (word) => {
    const c = conversationAt('phone');
    const q = c.questionId;
    c.say(word);
    expect(c.turn.map((r) => r.text)).toEqual([texts.mineDuringIntake, texts.askPhone]);
    expect(c.lastReply!.questionId).toBe(q);
    expect(c.state).toBe('phone');
    expect(c.effects).toEqual([]);
  });

  it('"查询" once words were given at the describe step keeps the intake', () => {
    const c = startConversation().say('修东西').say('查询');
    expect(c.state).toBe('describe');
    expect(c.turn[0]!.text).toBe(texts.mineDuringIntake);
    expect(c.effects).toEqual([]);
  });

  it('"查询" while correcting the item keeps the intake', () => {
    const c = startConversation().say('你好').say('1').say('1').say('文昌').say('文昌小区3幢').say('13812345678').say('1');
    c.say('2').say('查询');
    expect(c.state).toBe('describe');
    expect(c.turn[0]!.text).toBe(texts.mineDuringIntake);
    expect(c.labels).not.toContain('查询我的求助');
  });
});
