import { describe, expect, it } from 'vitest';
import { fallback, helpThenReask, noQuestion, noteThenReask, payload, reask, say } from '../../../flows/common/question.js';
import { startWish, W } from './wish.fixtures.js';

// === Asking, asking again, and the replies every step shares

const context = { question: { id: 4, text: '选一个', choices: [{ id: 'a', label: 'A' }], help: '回复数字' } };
const args = { context } as never;

describe('question actions', () => {
  it('no question yet has id 0, and each call gives a new object', () => {
    expect(noQuestion()).toEqual({ id: 0, text: '', choices: [], help: '' });
    expect(noQuestion()).not.toBe(noQuestion());
  });

  it('the payload is the current question, or a hint with its choices and id', () => {
    expect(payload(context)).toEqual({ text: '选一个', choices: [{ id: 'a', label: 'A' }], questionId: 4 });
    expect(payload(context, '没明白')).toEqual({ text: '没明白', choices: [{ id: 'a', label: 'A' }], questionId: 4 });
  });

  it('say, reask, noteThenReask, helpThenReask and fallback are replies', () => {
    expect(say('好')).toEqual({ type: 'reply', params: { text: '好' } });
    expect(reask().params(args)).toEqual(payload(context));
    expect(reask('提示').params(args).text).toBe('提示');
    expect(noteThenReask('过去了').params(args).text).toBe('过去了\n选一个');
    const [help, again] = helpThenReask();
    expect(help.params(args)).toEqual({ text: '回复数字' });
    expect(again.params(args)).toEqual(payload(context));
    expect(fallback('没明白').actions.params(args).text).toBe('没明白');
  });
});

describe('a flow written with the kit', () => {
  it('each question gets a fresh id and is sent with its choices', () => {
    const c = startWish();
    expect(c.replies).toEqual([{ text: W.askWish, choices: [], questionId: 1 }]);
    c.say('去海边');
    expect(c.state).toBe('colour');
    expect(c.lastReply).toEqual({
      text: `${W.askColour}（去海边）`,
      choices: [
        { id: 'colour:red', label: '红' },
        { id: 'colour:blue', label: '蓝' },
      ],
      questionId: 2,
    });
    expect(c.questionId).toBe(2);
  });

  it('a button of an older question is stale: noted, and the question asked again', () => {
    const c = startWish().say('去海边').say('2');
    expect(c.state).toBe('summary');
    c.press('colour:red', 2);
    expect(c.state).toBe('summary');
    expect(c.texts).toEqual([`${W.stale}\n${W.summary('去海边', 'blue')}`]);
    expect(c.context.colour).toBe('blue');
  });

  it.each([
    ['帮助', [W.wishHelp, W.askWish]],
    ['?', [W.wishHelp, W.askWish]],
    ['/nope', [W.unknownCommand, W.askWish]],
    ['返回', [W.firstStep, W.askWish]],
    ['.', [W.notUnderstood]],
  ])('%j at the first step → %j', (text, texts) => {
    const c = startWish().say(text);
    expect(c.texts).toEqual(texts);
    expect(c.state).toBe('wish');
    expect(c.lastReply!.questionId).toBe(1);
  });

  it.each([
    [{ kind: 'media', media: 'voice' }, W.voiceNotSupported],
    [{ kind: 'media', media: 'photo' }, W.photoNotNeeded],
    [{ kind: 'media', media: 'sticker' }, W.mediaNotSupported],
    [{ kind: 'contact', phone: '13812345678' }, W.contactNotNeeded],
    [{ kind: 'location', latitude: 30, longitude: 120 }, W.locationNotNeeded],
    [{ kind: 'choice', choiceId: 'nothing' }, W.notUnderstood],
    [{ kind: 'edited' }, `${W.editedMessage}\n${W.askWish}`],
  ] as const)('%j is answered with %j and the same question', (content, text) => {
    const c = startWish().send(content);
    expect(c.texts).toEqual([text]);
    expect(c.lastReply!.questionId).toBe(1);
    expect(c.state).toBe('wish');
  });

  it('a step overrides the shared replies for what it expects', () => {
    const c = startWish().say('去海边').press('colour:red');
    expect(c.state).toBe('summary');
    expect(c.context.colour).toBe('red');
  });

  it('cancelling ends the flow', () => {
    const c = startWish().say('去海边').say('算了');
    expect(c.texts).toEqual([W.cancelled]);
    expect(c.status).toBe('done');
  });
});
