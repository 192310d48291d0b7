import { describe, expect, it } from 'vitest';
import { texts } from '../../src/texts/resident.js';
import { conversationAt, type startConversation } from './resident.fixtures.js';
import { placeTexts } from '../../src/texts/places.js';

// === The intake steps after the item: community, address, phone and time

const WENCHANG = 'nanhu-jianshe-wenchang';

describe('community', () => {
  it('offers the last one used and a step-by-step pick, never the whole list', () => {
    expect(conversationAt('community').labels).toEqual([placeTexts.stepByStep]);
    const c = conversationAt('community', { lastCommunityCode: 'xiuzhou-tanghui-baihua' });
    expect(c.labels).toEqual([placeTexts.lastUsed('百花社区'), placeTexts.stepByStep]);
    c.say('1');
    expect(c.context.communityCode).toBe('xiuzhou-tanghui-baihua');
  });

  it.each([
    ['by typed name', '文昌', WENCHANG],
    ['by full name', '文昌社区', WENCHANG],
    ['by alias', '老东门', 'nanhu-jiefang-dongmen'],
    ['by street alias', '紫阳街', 'nanhu-jianshe-ziyang'],
    ['in a sentence', '我住在紫阳社区', 'nanhu-jianshe-ziyang'],
  ])('%s', (_, typed, code) => {
    const c = conversationAt('community').say(typed);
    expect(c.context.communityCode).toBe(code);
    expect(c.state).toBe('address');
    expect(c.lastReply!.text).toBe(texts.askAddress);
  });

  it('by pinyin: offered as the closest, then taken by its number', () => {
    const c = conversationAt('community').say('wenchang');
    expect(c.lastReply!.text).toBe(placeTexts.guess('wenchang'));
    expect(c.labels).toEqual(['文昌社区', placeTexts.stepByStep]);
    c.say('１');
    expect(c.context.communityCode).toBe(WENCHANG);
  });

  it('step by step: district, street, community by numbers, labels and words; 返回 goes up one level', () => {
    const c = conversationAt('community').say('1');
    expect(c.lastReply!.text).toBe(placeTexts.pickCounty);
    expect(c.labels).toEqual(['南湖区总站', '秀洲区总站']);
    c.say('南湖区总站');
    expect(c.lastReply!.text).toBe(placeTexts.pickTown('南湖区总站'));
    c.say('1');
    expect(c.lastReply!.text).toBe(placeTexts.pickCommunity('建设街道分站'));
    expect(c.labels).toEqual(['文昌社区', '紫阳社区', '禾兴社区', '海盐塘社区']);
    c.say('返回');
    expect(c.lastReply!.text).toBe(placeTexts.pickTown('南湖区总站'));
    expect(c.state).toBe('community');
    c.say('1').say('禾兴');
    expect(c.context.communityCode).toBe('nanhu-jianshe-hexing');
    expect(c.state).toBe('address');
    expect(c.context.placeArea).toBeNull();
  });

  it('返回 from the districts leaves the pick; 取消 ends the conversation', () => {
    const c = conversationAt('community').say('1').say('返回');
    expect(c.state).toBe('community');
    expect(c.context.placeArea).toBeNull();
    expect(c.labels).toEqual([placeTexts.stepByStep]);
    c.say('取消');
    expect(c.state).not.toBe('community');
  });

  it('by pressing a button', () => {
    const c = conversationAt('community').press('place:step').press('area:nanhu').press('area:nanhu-jianshe').press('community:nanhu-jianshe-hexing');
    expect(c.context.communityCode).toBe('nanhu-jianshe-hexing');
  });

  it('a street named: its communities to pick from', () => {
    const c = conversationAt('community').say('建设街道');
    expect(c.state).toBe('community');
    expect(c.lastReply!.text).toBe(placeTexts.pickCommunity('建设街道分站'));
    expect(c.labels).toEqual(['文昌社区', '紫阳社区', '禾兴社区', '海盐塘社区']);
    c.say('3');
    expect(c.context.communityCode).toBe('nanhu-jianshe-hexing');
    expect(c.state).toBe('address');
    expect(c.context.communityOptions).toEqual([]);
  });

  it('not found: says so and starts the step-by-step pick; a later name is still matched', () => {
    const c = conversationAt('community');
    const q = c.questionId;
    c.say('火星基地');
    expect(c.state).toBe('community');
    expect(c.lastReply!.text).toBe(placeTexts.notFound('火星基地'));
    expect(c.labels).toEqual(['南湖区总站', '秀洲区总站']);
    expect(c.questionId).toBe(q + 1);
    c.say('天福');
    expect(c.context.communityCode).toBe('nanhu-jiefang-tianfu');
  });

  it('emoji or a location at the community step re-asks with a hint', () => {
    const c = conversationAt('community').say('🏠🏠');
    expect(c.lastReply!.text).toBe(texts.notUnderstood);
    c.send({ kind: 'location', latitude: 30.75, longitude: 120.75 });
    expect(c.lastReply!.text).toBe(texts.notUnderstood);
    expect(c.state).toBe('community');
  });
});

describe('address', () => {
  it('takes a detailed address', () => {
    const c = conversationAt('address').say('  文昌小区3幢2单元501  ');
    expect(c.context.address).toBe('文昌小区3幢2单元501');
    expect(c.state).toBe('phone');
    expect(c.lastReply!.text).toBe(texts.askPhone);
    expect(c.lastReply!.choices).toEqual([]);
  });

  it.each([['3幢'], ['😀😀😀😀'], ['。。。。。']])('too short (%s): re-asks', (typed) => {
    const c = conversationAt('address').say(typed);
    expect(c.state).toBe('address');
    expect(c.lastReply!.text).toBe(texts.addressTooShort);
    expect(c.context.address).toBeNull();
  });

  it('too long: re-asks', () => {
    const c = conversationAt('address').say('文昌小区'.repeat(26));
    expect(c.state).toBe('address');
    expect(c.lastReply!.text).toBe(texts.addressTooLong);
  });

  it('100 characters are still fine', () => {
    const c = conversationAt('address').say('文'.repeat(100));
    expect(c.state).toBe('phone');
  });

  it('a location message with a label is the address', () => {
    const c = conversationAt('address').send({ kind: 'location', latitude: 30.7461, longitude: 120.7554, label: '文昌路88号' });
    expect(c.context.address).toBe('文昌路88号');
    expect(c.turn[0]!.text).toBe(texts.locationReceived('文昌路88号'));
    expect(c.state).toBe('phone');
  });

  it('a location without a label keeps the coordinates', () => {
    const c = conversationAt('address').send({ kind: 'location', latitude: 30.7461, longitude: 120.7554 });
    expect(c.context.address).toBe('位置 30.74610,120.75540');
  });
});

describe('phone', () => {
  it.each([
    ['13812345678', '13812345678'],
    ['138 1234 5678', '13812345678'],
    ['138-1234-5678', '13812345678'],
    ['+86 138 1234 5678', '13812345678'],
    ['+8613812345678', '13812345678'],
    ['１３８１２３４５６７８', '13812345678'],
    ['0573-82345678', '0573-82345678'],
    ['0573 82345678', '0573-82345678'],
    ['(0573)82345678', '0573-82345678'],
    ['010-12345678', '010-12345678'],
    ['82345678', '0573-82345678'],
    ['电话是138 1234 5678 姓王', '13812345678'],
    ['幺三八幺二三四五六七八', '13812345678'],
  ])('accepts %s as %s', (typed, phone) => {
    const c = conversationAt('phone').say(typed);
    expect(c.context.phone).toBe(phone);
    expect(c.state).toBe('when');
    expect(c.labels).toEqual(['尽快', '今天', '明天']);
  });

  it.each([['12345'], ['12812345678'], ['1381234567'], ['1234567'], ['电话没有']])('rejects %s and re-asks', (typed) => {
    const c = conversationAt('phone');
    const q = c.questionId;
    c.say(typed);
    expect(c.state).toBe('phone');
    expect(c.lastReply).toEqual({ text: texts.phoneInvalid, choices: [], questionId: q });
  });

  it('offers the number on file, masked', () => {
    const c = conversationAt('phone', { phone: '13900001111' });
    expect(c.lastReply!.text).toBe(texts.askPhoneKnown);
    expect(c.lastReply!.choices).toEqual([{ id: 'known-phone', label: '用 139****1111' }]);
  });

  it.each([
    ['by number', (c: ReturnType<typeof startConversation>) => c.say('1')],
    ['by pressing', (c: ReturnType<typeof startConversation>) => c.press('known-phone')],
  ])('takes the number on file %s', (_, act) => {
    const c = conversationAt('phone', { phone: '13900001111' });
    act(c);
    expect(c.context.phone).toBe('13900001111');
    expect(c.state).toBe('when');
  });

  it('a new number replaces the one on file', () => {
    const c = conversationAt('phone', { phone: '13900001111' }).say('13812345678');
    expect(c.context.phone).toBe('13812345678');
  });

  it('"1" without a number on file is not a phone number', () => {
    const c = conversationAt('phone').say('1');
    expect(c.lastReply!.text).toBe(texts.phoneInvalid);
  });

  it('a shared contact gives the number', () => {
    const c = conversationAt('phone').send({ kind: 'contact', phone: '+86 138-1234-5678', name: '王阿姨' });
    expect(c.context.phone).toBe('13812345678');
    expect(c.state).toBe('when');
  });

  it('a contact with an unusable number re-asks', () => {
    const c = conversationAt('phone').send({ kind: 'contact', phone: '12345' });
    expect(c.state).toBe('phone');
    expect(c.lastReply!.text).toBe(texts.phoneInvalid);
  });

  it('a contact at another step is explained', () => {
    const c = conversationAt('address').send({ kind: 'contact', phone: '13812345678' });
    expect(c.state).toBe('address');
    expect(c.lastReply!.text).toBe(texts.contactNotNeeded);
    expect(c.context.phone).toBeNull();
  });
});

describe('when', () => {
  it.each([
    ['1', '尽快'],
    ['2', '今天'],
    ['第三个', '明天'],
    ['今天', '今天'],
    ['明天。', '明天'],
    ['周六上午', '周六上午'],
    ['明天下午', '明天下午'],
    ['下周一 上午9点', '下周一上午9点'],
  ])('%s → %s', (typed, wanted) => {
    const c = conversationAt('when').say(typed);
    expect(c.context.wantedTime).toBe(wanted);
    expect(c.state).toBe('confirm');
  });

  it('by pressing', () => {
    const c = conversationAt('when').press('when:今天');
    expect(c.context.wantedTime).toBe('今天');
  });

  it.each([['😀'], ['4'], ['等'.repeat(51)]])('%s re-asks with a hint', (typed) => {
    const c = conversationAt('when').say(typed);
    expect(c.state).toBe('when');
    expect(c.lastReply!.text).toBe(texts.notUnderstood);
    expect(c.labels).toEqual(['尽快', '今天', '明天']);
  });
});
