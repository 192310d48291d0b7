import { describe, expect, it } from 'vitest';
import { readEdit } from '../../flows/resident.edits.js';
import { texts } from '../../src/texts/resident.js';
import { conversationAt } from './resident.fixtures.js';

// === At the summary, the resident says what to change

describe('readEdit', () => {
  it.each([
    ['地址错了', { field: 'address', value: null }],
    ['地址改成文昌小区5幢1单元302', { field: 'address', value: '文昌小区5幢1单元302' }],
    ['地址不对，是文昌小区5幢', { field: 'address', value: '文昌小区5幢' }],
    ['电话改成13812345678', { field: 'phone', value: { phone: '13812345678', whose: null } }],
    ['电话号码不对', { field: 'phone', value: null }],
    ['13912345678', { field: 'phone', value: { phone: '13912345678', whose: null } }],
    ['改到明天', { field: 'when', value: '明天' }],
    ['时间改成周六上午', { field: 'when', value: '周六上午' }],
    ['明天下午吧', { field: 'when', value: '明天下午' }],
    ['时间不对', { field: 'when', value: null }],
    ['社区不对', { field: 'community', value: null }],
    ['问题写错了', { field: 'description', value: null }],
    ['服务类别选错了', { field: 'item', value: null }],
    ['文昌小区3幢2单元502', { field: 'address', value: '文昌小区3幢2单元502' }],
  ])('%s → %j', (text, edit) => {
    expect(readEdit(text, '0573')).toEqual(edit);
  });

  it.each(['随便吧', '好的', '', '谢谢'])('%j names no field', (text) => {
    expect(readEdit(text, '0573')).toBeNull();
  });
});

describe('changing a field by words at the summary', () => {
  it('电话改成13912345678: applied, the summary shown again', () => {
    const c = conversationAt('confirm').say('电话改成13912345678');
    expect(c.state).toBe('confirm');
    expect(c.context.phone).toBe('13912345678');
    expect(c.texts[0]).toBe(texts.changed);
    expect(c.lastReply!.text).toContain('电话：13912345678');
    c.say('1');
    expect(c.draft).toMatchObject({ phone: '13912345678' });
  });

  it('改到明天: the time changed', () => {
    const c = conversationAt('confirm').say('改到明天');
    expect(c.context.wantedTime).toBe('明天');
    expect(c.lastReply!.text).toContain('时间：明天');
  });

  it('地址改成…: the address changed', () => {
    const c = conversationAt('confirm').say('地址改成文昌小区5幢1单元302');
    expect(c.context.address).toBe('文昌小区5幢1单元302');
    expect(c.state).toBe('confirm');
  });

  it.each([
    ['地址错了', 'address'],
    ['电话不对', 'phone'],
    ['时间要改一下', 'when'],
    ['社区不对', 'community'],
    ['问题写错了', 'editDescription'],
    ['类别选错了', 'describe'],
  ])('%s lands on %s, and the answer comes back to the summary', (words, step) => {
    const c = conversationAt('confirm').say(words);
    expect(c.state).toBe(step);
    if (step !== 'editDescription') expect(c.context.editing).toBe(true);
  });

  it('地址错了, then the new address: back at the summary with it', () => {
    const c = conversationAt('confirm').say('地址错了').say('文昌小区5幢1单元302');
    expect(c.state).toBe('confirm');
    expect(c.context.address).toBe('文昌小区5幢1单元302');
  });

  it('返回 at a field reached by words goes back to the summary', () => {
    expect(conversationAt('confirm').say('电话不对').say('返回').state).toBe('confirm');
  });

  it('numbers and labels still pick the correction choices', () => {
    expect(conversationAt('confirm').say('5').state).toBe('address');
    expect(conversationAt('confirm').say('改电话').state).toBe('phone');
  });
});
