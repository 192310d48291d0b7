import { describe, expect, it } from 'vitest';
import { cutText, interpretCommon, MAX_TEXT } from '../../../flows/common/input.js';

// === Content every flow reads the same way

const context = {
  question: {
    id: 7,
    text: 'q',
    help: 'h',
    choices: [
      { id: 'a', label: 'A' },
      { id: 'community:long-code', label: 'B' },
    ],
  },
};

describe('cutText', () => {
  it(`keeps ${MAX_TEXT} characters, and says whether it cut`, () => {
    expect(cutText('好'.repeat(MAX_TEXT))).toEqual({ text: '好'.repeat(MAX_TEXT), truncated: false });
    expect(cutText('好'.repeat(MAX_TEXT + 1))).toEqual({ text: '好'.repeat(MAX_TEXT), truncated: true });
    expect(cutText('')).toEqual({ text: '', truncated: false });
  });

  it('counts characters, not UTF-16 units: an emoji is never split', () => {
    const { text, truncated } = cutText('😀'.repeat(MAX_TEXT + 5));
    expect(truncated).toBe(true);
    expect([...text]).toHaveLength(MAX_TEXT);
    expect(text.length).toBe(2 * MAX_TEXT);
    expect(cutText('😀'.repeat(MAX_TEXT)).truncated).toBe(false);
  });
});

describe('interpretCommon', () => {
  it('a button of the current question, of none, or of an older one', () => {
    expect(interpretCommon(context, { kind: 'choice', choiceId: 'a', questionId: 7 })).toEqual({ type: 'answer.choice', id: 'a' });
    expect(interpretCommon(context, { kind: 'choice', choiceId: 'a' })).toEqual({ type: 'answer.choice', id: 'a' });
    expect(interpretCommon(context, { kind: 'choice', choiceId: 'a', questionId: 6 })).toEqual({ type: 'answer.stale' });
  });

  it('`#n` is the n-th choice of the current question; out of range it is stale', () => {
    expect(interpretCommon(context, { kind: 'choice', choiceId: '#2', questionId: 7 })).toEqual({ type: 'answer.choice', id: 'community:long-code' });
    expect(interpretCommon(context, { kind: 'choice', choiceId: '#3', questionId: 7 })).toEqual({ type: 'answer.stale' });
    expect(interpretCommon(context, { kind: 'choice', choiceId: '#0' })).toEqual({ type: 'answer.stale' });
  });

  it('location (with or without a label), contact and edit', () => {
    expect(interpretCommon(context, { kind: 'location', latitude: 1, longitude: 2 })).toEqual({
      type: 'answer.location',
      latitude: 1,
      longitude: 2,
      label: null,
    });
    expect(interpretCommon(context, { kind: 'location', latitude: 1, longitude: 2, label: '文昌路' })).toMatchObject({ label: '文昌路' });
    expect(interpretCommon(context, { kind: 'contact', phone: '139', name: '王' })).toEqual({ type: 'answer.contact', phone: '139' });
    expect(interpretCommon(context, { kind: 'edited' })).toEqual({ type: 'answer.edited' });
  });
});
