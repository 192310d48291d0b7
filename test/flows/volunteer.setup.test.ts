import { describe, expect, it } from 'vitest';
import { mobileOf, pickedExactly } from '../../flows/volunteer.setup.js';
import { initialVolunteerContext } from '../../flows/volunteer.machine.js';
import type { VolunteerEvent } from '../../flows/volunteer.types.js';

const ctx = {
  ...initialVolunteerContext({ profile: { displayName: '', phone: null }, registration: null }),
  question: {
    id: 3,
    text: 'q',
    help: 'h',
    choices: [
      { id: 'party:yes', label: '是（党员）' },
      { id: 'party:no', label: '不是' },
    ],
  },
};

describe('the volunteer kit’s readers', () => {
  it('mobileOf: a mobile typed or shared, normalized; not a landline nor other text', () => {
    expect(mobileOf({ type: 'answer.text', text: '138 1234 5678' })).toBe('13812345678');
    expect(mobileOf({ type: 'answer.contact', phone: '+86 139-0000-1111' })).toBe('13900001111');
    expect(mobileOf({ type: 'answer.text', text: '0573-82345678' })).toBeNull();
    expect(mobileOf({ type: 'answer.text', text: '没有手机' })).toBeNull();
  });

  it('pickedExactly: a number or a whole label, never a label inside longer text', () => {
    const text = (t: string): VolunteerEvent => ({ type: 'answer.text', text: t });
    expect(pickedExactly(text('2'), ctx, 'party:')).toBe('no');
    expect(pickedExactly(text('是（党员）'), ctx, 'party:')).toBe('yes');
    expect(pickedExactly({ type: 'answer.choice', id: 'party:yes' } as VolunteerEvent, ctx, 'party:')).toBe('yes');
    expect(pickedExactly(text('我不是'), ctx, 'party:')).toBeNull();
  });
});
