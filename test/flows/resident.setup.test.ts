import { describe, expect, it } from 'vitest';
import { initialResidentContext } from '../../flows/resident.machine.js';
import { residentKit } from '../../flows/resident.setup.js';
import type { ResidentContext, ResidentEvent } from '../../flows/resident.types.js';
import { referenceDeps } from './harness.js';
import { machine } from './resident.fixtures.js';

// === The resident flow's named guards, as the machine holds them

type Guard = (args: { context: ResidentContext; event: ResidentEvent }, params?: unknown) => boolean;
const guards = machine.implementations.guards as unknown as Record<string, Guard>;
const context = initialResidentContext({ phone: null, lastCommunityCode: null });
const check = (name: string, event: ResidentEvent, ctx: ResidentContext = context, params?: unknown) => guards[name]!({ context: ctx, event }, params);
const text = (t: string): ResidentEvent => ({ type: 'answer.text', text: t });

describe('the resident flow’s guards', () => {
  it('greetings, and words from a list', () => {
    expect(check('greeting', text('您好'))).toBe(true);
    expect(check('greeting', text('你好，电视坏了'))).toBe(false);
    expect(check('said', text('返回'), context, { words: ['返回'] })).toBe(true);
  });

  it('a phone typed or shared must be a phone number', () => {
    expect(check('validPhone', text('13812345678'))).toBe(true);
    expect(check('validPhone', { type: 'answer.contact', phone: '+86 138 1234 5678' })).toBe(true);
    expect(check('validPhone', text('没有'))).toBe(false);
  });

  it('an address needs four meaningful characters and at most 100', () => {
    expect(check('addressTooShort', text('1幢'))).toBe(true);
    expect(check('addressTooShort', text('文昌小区1幢'))).toBe(false);
    expect(check('addressTooLong', text('路'.repeat(101)))).toBe(true);
    expect(check('addressTooLong', text('路'.repeat(100)))).toBe(false);
  });

  it('a free time is meaningful and at most 50 characters', () => {
    expect(check('freeTime', text('周六上午'))).toBe(true);
    expect(check('freeTime', text('？？'))).toBe(false);
    expect(check('freeTime', text('时'.repeat(51)))).toBe(false);
  });

  it('communities and items matched from words', () => {
    expect(check('placeChosen', text('文昌'))).toBe(true);
    expect(check('placeChanged', text('文昌'))).toBe(false);
    expect(check('placeChanged', text('建设街道'))).toBe(true);
    expect(check('pickingPlace', text('文昌'))).toBe(false);
    expect(check('matchesItems', text('电视坏了'))).toBe(true);
    expect(check('matchesItems', text('今天天气不错'))).toBe(false);
  });

  it('what the runtime answered: no requests, none cancellable, cancel ok', () => {
    expect(check('noRequests', { type: 'requests.listed', requests: [] })).toBe(true);
    const done = { ticket: 't', itemName: '理发', status: 'done', cancellable: false };
    expect(check('noneCancellable', { type: 'requests.listed', requests: [done] })).toBe(true);
    expect(check('noneCancellable', { type: 'requests.listed', requests: [done, { ...done, cancellable: true }] })).toBe(false);
    expect(check('cancelOk', { type: 'request.cancelled', ticket: 't', ok: true })).toBe(true);
    expect(check('cancelOk', { type: 'request.cancelled', ticket: 't', ok: false })).toBe(false);
  });

  it('a request not yet started; emergency text is not an answer', () => {
    expect(check('notStarted', text('x'))).toBe(true);
    expect(check('notStarted', text('x'), { ...context, description: '电视坏了' })).toBe(false);
    expect(check('emergencyText', { type: 'answer.text', text: '摔倒了', emergency: true } as ResidentEvent)).toBe(true);
    expect(check('emergencyText', text('摔倒了'))).toBe(false);
  });
});

describe('residentKit', () => {
  it('gives the states their shared builders on the flow’s deps', () => {
    const kit = residentKit(referenceDeps);
    expect(kit.deps).toBe(referenceDeps);
    for (const name of ['ask', 'setDescription', 'noteTruncated', 'attachPhoto'] as const) expect(kit[name]).toBeDefined();
    expect(kit.emergencyFirst.guard).toBe('emergencyText');
  });
});
