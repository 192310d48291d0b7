import { describe, expect, it } from 'vitest';
import { apologyPayload } from '../../src/core/apology.js';
import { texts } from '../../src/texts/resident.js';

describe('apologyPayload', () => {
  it('without a question: the apology alone', () => {
    expect(apologyPayload(null)).toEqual({ text: texts.sorry });
  });

  it('with a question: the apology above it, and its choices and id kept so buttons still work', () => {
    const question = { text: '您住在哪个社区？', choices: [{ id: 'community:a', label: '文昌社区' }], questionId: 7 };
    expect(apologyPayload(question)).toEqual({ text: `${texts.sorry}\n您住在哪个社区？`, choices: question.choices, questionId: 7 });
    // The question itself is not changed (it may be asked again).
    expect(question.text).toBe('您住在哪个社区？');
  });

  it('a message the platform delivers again is said to be received, not to be sent again', () => {
    expect(apologyPayload(null, true)).toEqual({ text: texts.sorryReceived });
    expect(apologyPayload({ text: '您住在哪个社区？' }, true).text).toBe(`${texts.sorryReceived}\n您住在哪个社区？`);
    expect(texts.sorryReceived).toContain('已经收到');
    expect(texts.sorryReceived).toContain('不用再发');
    expect(texts.sorry).toContain('再发一次');
  });
});
