import { describe, expect, it } from 'vitest';
import type { RequestSummary } from '../../flows/resident.types.js';
import { texts } from '../../src/texts/resident.js';
import { startConversation } from './resident.fixtures.js';

// === "My requests": listing them and cancelling an open one

const OPEN: RequestSummary = { ticket: '20261120-0003', itemName: '家电维修', status: 'open', cancellable: true };
const DONE: RequestSummary = { ticket: '20261101-0001', itemName: '理发', status: 'done', cancellable: false };
const CLAIMED: RequestSummary = { ticket: '20261121-0002', itemName: '助餐', status: 'claimed', cancellable: true };
const SOME = [OPEN, DONE, CLAIMED];

const listed = (requests: RequestSummary[], cancelOk = true) => startConversation({}, { requests, cancelOk }).say('我的求助');

describe('listing', () => {
  it('none: says so and ends', () => {
    const c = listed([]);
    expect(c.effects).toEqual([{ type: 'listRequests', params: undefined }]);
    expect(c.turn.map((r) => r.text)).toEqual([texts.noRequests]);
    expect(c.state).toBe('finished');
    expect(c.status).toBe('done');
  });

  it('none cancellable: lists them and ends', () => {
    const c = listed([DONE]);
    expect(c.lastReply!.text).toBe(`${texts.requestList([DONE])}\n${texts.requestListDone}`);
    expect(c.lastReply!.text).toContain('20261101-0001 理发（已完成）');
    expect(c.lastReply!.choices).toEqual([]);
    expect(c.status).toBe('done');
  });

  it('some cancellable: lists all, offers to cancel the open ones', () => {
    const c = listed(SOME);
    expect(c.state).toBe('myRequests');
    expect(c.lastReply!.text).toBe(`${texts.requestList(SOME)}\n${texts.requestListAsk}`);
    expect(c.lastReply!.text).toContain('等待接单');
    expect(c.lastReply!.text).toContain('志愿者已接单');
    expect(c.lastReply!.choices).toEqual([
      { id: 'cancel:20261120-0003', label: '取消 20261120-0003' },
      { id: 'cancel:20261121-0002', label: '取消 20261121-0002' },
      { id: 'keep', label: '不取消' },
    ]);
  });

  it.each([['查询'], ['/my'], ['查询我的求助'], ['我的工单']])('"%s" opens the list', (word) => {
    const c = startConversation({}, { requests: SOME }).say(word);
    expect(c.state).toBe('myRequests');
  });

  it('the "my requests" choice of the first question opens the list', () => {
    const c = startConversation({}, { requests: SOME }).say('你好').say('6');
    expect(c.effectsOf('listRequests')).toHaveLength(1);
    expect(c.state).toBe('myRequests');
  });

  it('查询 at the describe step before anything was said opens the list', () => {
    const c = startConversation({}, { requests: [] }).say('你好').say('查询');
    expect(c.lastReply!.text).toBe(texts.noRequests);
  });
});

describe('cancelling one', () => {
  it('choose → confirm → cancelled', () => {
    const c = listed(SOME).say('2');
    expect(c.state).toBe('confirmCancel');
    expect(c.lastReply!.text).toBe(texts.confirmCancelRequest('20261121-0002'));
    expect(c.labels).toEqual(['确定取消', '不取消']);
    c.say('1');
    expect(c.effectsOf('cancelRequest')).toEqual([{ ticket: '20261121-0002' }]);
    expect(c.lastReply!.text).toBe(texts.requestCancelled('20261121-0002'));
    expect(c.state).toBe('finished');
    expect(c.status).toBe('done');
  });

  it('by buttons', () => {
    const c = listed(SOME).press('cancel:20261120-0003').press('yes');
    expect(c.effectsOf('cancelRequest')).toEqual([{ ticket: '20261120-0003' }]);
    expect(c.lastReply!.text).toBe(texts.requestCancelled('20261120-0003'));
  });

  it.each([['确定'], ['是的'], ['确定取消'], ['第一个']])('confirmed by "%s"', (word) => {
    const c = listed(SOME).say('1').say(word);
    expect(c.effectsOf('cancelRequest')).toEqual([{ ticket: '20261120-0003' }]);
  });

  it('the request can no longer be cancelled: says so', () => {
    const c = listed(SOME, false).say('1').say('1');
    expect(c.effectsOf('cancelRequest')).toEqual([{ ticket: '20261120-0003' }]);
    expect(c.lastReply!.text).toBe(texts.requestNotCancellable('20261120-0003', '96345'));
    expect(c.status).toBe('done');
  });

  it.each([['2'], ['不取消'], ['不'], ['no']])('refused at the confirmation with "%s": kept', (word) => {
    const c = listed(SOME).say('1').say(word);
    expect(c.effectsOf('cancelRequest')).toEqual([]);
    expect(c.lastReply!.text).toBe(texts.requestKept);
    expect(c.status).toBe('done');
  });

  it('"不取消" at the list keeps them all', () => {
    const c = listed(SOME).say('3');
    expect(c.lastReply!.text).toBe(texts.requestKept);
    expect(c.effectsOf('cancelRequest')).toEqual([]);
    expect(c.status).toBe('done');
  });

  it('an answer that fits nothing re-asks, at the list and at the confirmation', () => {
    const c = listed(SOME);
    const q = c.questionId;
    c.say('随便');
    expect(c.lastReply!.text).toBe(texts.notUnderstood);
    expect(c.lastReply!.questionId).toBe(q);
    c.say('1').say('啥');
    expect(c.lastReply!.text).toBe(texts.notUnderstood);
    expect(c.state).toBe('confirmCancel');
  });

  it('返回 at the confirmation goes back to the list; at the list it leaves', () => {
    const c = listed(SOME).say('1').say('返回');
    expect(c.state).toBe('myRequests');
    expect(c.labels).toEqual(['取消 20261120-0003', '取消 20261121-0002', '不取消']);
    c.say('返回');
    expect(c.lastReply!.text).toBe(texts.requestKept);
    expect(c.status).toBe('done');
    expect(c.effectsOf('cancelRequest')).toEqual([]);
  });

  it('取消 while choosing leaves without cancelling anything', () => {
    for (const c of [listed(SOME), listed(SOME).say('1')]) {
      c.say('取消');
      expect(c.effectsOf('cancelRequest')).toEqual([]);
      expect(c.lastReply!.text).toBe(texts.requestKept);
      expect(c.state).toBe('finished');
    }
  });

  it('帮助 at the list explains and asks again', () => {
    const c = listed(SOME).say('帮助');
    expect(c.turn.map((r) => r.text)).toEqual([texts.requestListAsk, `${texts.requestList(SOME)}\n${texts.requestListAsk}`]);
  });

  it('查询 again at the list lists again', () => {
    const c = listed(SOME).say('查询');
    expect(c.effectsOf('listRequests')).toHaveLength(2);
    expect(c.state).toBe('myRequests');
  });

  it('a stale button at the confirmation is refused', () => {
    const c = listed(SOME);
    const listQuestion = c.questionId;
    c.say('1').press('cancel:20261121-0002', listQuestion);
    expect(c.lastReply!.text.startsWith(texts.stale)).toBe(true);
    expect(c.state).toBe('confirmCancel');
    expect(c.context.cancelTicket).toBe('20261120-0003');
  });
});
