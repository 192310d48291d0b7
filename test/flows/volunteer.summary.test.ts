import { describe, expect, it } from 'vitest';
import { draftOf } from '../../flows/volunteer.questions.js';
import { statusText } from '../../flows/volunteer.summary.js';
import { volunteerTexts as t } from '../../src/texts/volunteer.js';
import { volunteerAt } from './volunteer.fixtures.js';

describe('statusText', () => {
  it('says what to expect in each status', () => {
    expect(statusText('pending', '王', '96345')).toBe(t.statusPending('王'));
    expect(statusText('approved', '王', '96345')).toBe(t.statusApproved('王'));
    expect(statusText('rejected', '王', '0573-96345')).toBe(t.statusRejected('王', '0573-96345'));
  });
});

describe('the summary step', () => {
  it('a yes word submits what was gathered, once; a pending registration is told it was submitted', () => {
    const c = volunteerAt('summary');
    const gathered = draftOf(c.context);
    c.say('确认');
    expect(c.effectsOf('registerVolunteer')).toEqual([gathered]);
    expect(c.lastReply!.text).toBe(t.submitted);
    expect(c.status).toBe('done');
  });

  it('an answer that fits nothing stores nothing and stays at the summary', () => {
    const c = volunteerAt('summary').say('随便说说');
    expect(c.effectsOf('registerVolunteer')).toEqual([]);
    expect(c.state).toBe('summary');
  });
});
