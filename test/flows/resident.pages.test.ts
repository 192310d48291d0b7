import { describe, expect, it } from 'vitest';
import { texts } from '../../src/texts/resident.js';
import { conversationAt, startConversation } from './resident.fixtures.js';

// === A long item list a page at a time: 修东西 has 22 items, shown at most 8 at once, by kind, with 更多

/** At the first page of 修东西 (生活求助类). */
const atRepairs = () => conversationAt('describe').say('1');
const items = (labels: string[]) => labels.filter((l) => l !== texts.moreItems && l !== texts.firstItemsAgain);

describe('修东西, a page at a time', () => {
  it('the first page: 家里修理, eight items and 更多', () => {
    const c = atRepairs();
    expect(c.state).toBe('pickItem');
    expect(c.lastReply!.text).toBe(texts.pickItemPage('生活求助类', '家里修理', 1, 3));
    expect(items(c.labels)).toEqual(['家电维修', '水电维修', '管道疏通', '燃气灶维修', '门窗维修', '开锁换锁', '家具维修', '房屋修缮']);
    expect(c.labels.at(-1)).toBe(texts.moreItems);
    expect(c.labels).toHaveLength(9);
  });

  it.each([
    ['the label typed', (c: ReturnType<typeof atRepairs>) => c.say('更多')],
    ['its number typed', (c: ReturnType<typeof atRepairs>) => c.say('9')],
    ['its button', (c: ReturnType<typeof atRepairs>) => c.press('page:next')],
    ['other words for it', (c: ReturnType<typeof atRepairs>) => c.say('下一页')],
  ])('更多 by %s: the next page, with a new question', (_, more) => {
    const c = atRepairs();
    const q = c.questionId;
    more(c);
    expect(c.state).toBe('pickItem');
    expect(c.lastReply!.text).toBe(texts.pickItemPage('生活求助类', '生活小事', 2, 3));
    expect(items(c.labels)).toContain('理发');
    expect(c.lastReply!.questionId).toBe(q + 1);
  });

  it('after the last page, the first again', () => {
    const c = atRepairs().say('更多').say('更多');
    expect(c.lastReply!.text).toBe(texts.pickItemPage('生活求助类', '跑腿、楼道和小区', 3, 3));
    expect(c.labels.at(-1)).toBe(texts.firstItemsAgain);
    c.say(texts.firstItemsAgain);
    expect(c.lastReply!.text).toBe(texts.pickItemPage('生活求助类', '家里修理', 1, 3));
  });

  it('a number picks from the page shown', () => {
    const c = atRepairs().say('更多').say('3');
    expect(c.context.itemCode).toBe('clothes-mending');
    expect(c.state).toBe('community');
  });

  it('an item named in full is picked on any page; other words are matched as a description', () => {
    expect(atRepairs().say('更多').say('家电维修').context.itemCode).toBe('appliance-repair');
    const c = atRepairs().say('更多').say('水管漏水了');
    expect(c.state).toBe('confirmItem');
    expect(c.labels[0]).toBe('水电维修');
  });

  it('返回 shows the page before; on the first page, the classes', () => {
    const c = atRepairs().say('更多').say('更多').say('返回');
    expect(c.lastReply!.text).toBe(texts.pickItemPage('生活求助类', '生活小事', 2, 3));
    c.say('返回');
    expect(c.lastReply!.text).toBe(texts.pickItemPage('生活求助类', '家里修理', 1, 3));
    c.say('返回');
    expect(c.state).toBe('describe');
  });

  it('帮助 explains 更多 and asks the same page again; 取消 ends on any page', () => {
    const c = atRepairs().say('更多');
    const q = c.context.question;
    c.say('帮助');
    expect(c.texts).toEqual([texts.pickItemHelp, q.text]);
    expect(c.lastReply!.choices).toEqual(q.choices);
    c.say('取消');
    expect(c.status).toBe('done');
    expect(c.lastReply!.text).toBe(texts.cancelled);
  });

  it('a button of an earlier page is stale: said so, the page shown asked again', () => {
    const c = atRepairs();
    const first = c.questionId;
    c.say('更多');
    const q = c.context.question;
    c.press('item:appliance-repair', first);
    expect(c.context.itemCode).toBeNull();
    expect(c.state).toBe('pickItem');
    expect(c.lastReply!.text).toContain(q.text);
    expect(c.lastReply!.choices).toEqual(q.choices);
  });

  it('coming back from the community step shows the page the item was on', () => {
    const c = atRepairs().say('更多').say('1').say('返回');
    expect(c.state).toBe('pickItem');
    expect(c.lastReply!.text).toBe(texts.pickItemPage('生活求助类', '生活小事', 2, 3));
  });

  it('another class starts at its first page', () => {
    const c = atRepairs().say('更多').say('返回').say('返回').say('4');
    expect(c.lastReply!.text).toBe(texts.pickItemPage('居家养老类', null, 1, 2));
  });

  it('a short list has no 更多', () => {
    const c = startConversation().say('你好').say('3');
    expect(c.lastReply!.text).toBe(texts.pickItem('纠纷调解类'));
    expect(c.labels).not.toContain(texts.moreItems);
  });
});
