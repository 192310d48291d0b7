import { describe, expect, it } from 'vitest';
import { texts } from '../../src/texts/resident.js';
import { conversationAt, startConversation } from './resident.fixtures.js';

// === The summary: correcting any field, and submitting

const SUMMARY_CHOICES = ['确认提交', '改服务类别', '改问题描述', '改社区', '改地址', '改电话', '改时间'];

const plainSummary = (over: Partial<Parameters<typeof texts.summaryLines>[0]> = {}) =>
  `${texts.summaryTitle}\n${texts.summaryLines({
    className: '生活求助类',
    itemName: '家电维修',
    description: '电视坏了',
    community: '文昌社区',
    address: '文昌小区3幢2单元501',
    phone: '13812345678',
    phoneOwner: null,
    wantedTime: '尽快',
    homeVisit: true,
    urgent: false,
    attachments: 0,
    ...over,
  })}`;

const PLAIN_DRAFT = {
  classCode: 'daily-life',
  itemCode: 'appliance-repair',
  communityCode: 'nanhu-jianshe-wenchang',
  description: '电视坏了',
  address: '文昌小区3幢2单元501',
  phone: '13812345678',
  wantedTime: '尽快',
  urgent: false,
  emergencyWords: [],
  attachments: [],
};

describe('the summary', () => {
  it('shows every field and the correction choices', () => {
    const c = conversationAt('confirm');
    expect(c.lastReply!.text).toBe(plainSummary());
    expect(c.lastReply!.text).toContain('地址：文昌小区3幢2单元501');
    expect(c.labels).toEqual(SUMMARY_CHOICES);
    expect(c.lastReply!.questionId).toBe(c.questionId);
  });

  it('an answer that fits nothing re-asks with a hint', () => {
    const c = conversationAt('confirm').say('随便吧');
    expect(c.state).toBe('confirm');
    expect(c.lastReply!.text).toBe(texts.notUnderstood);
    expect(c.labels).toEqual(SUMMARY_CHOICES);
    expect(c.effects).toEqual([]);
  });
});

describe('correcting a field returns to the summary', () => {
  it('the item: class list (without "my requests"), then the item', () => {
    const c = conversationAt('confirm').say('2');
    expect(c.state).toBe('describe');
    expect(c.context.editing).toBe(true);
    expect(c.labels).toEqual(['修东西（生活求助类）', '问政策（政策咨询类）', '调解矛盾（纠纷调解类）', '照顾老人（居家养老类）', '生活困难（困难帮扶类）']);
    c.say('1').say('2');
    expect(c.state).toBe('confirm');
    expect(c.context).toMatchObject({ itemCode: 'water-electric-repair', description: '电视坏了', editing: false });
    expect(c.lastReply!.text).toBe(plainSummary({ itemName: '水电维修' }));
  });

  it('the item, by new words and the proposal', () => {
    const c = conversationAt('confirm').press('edit:item').say('下水道堵了').say('1');
    expect(c.state).toBe('confirm');
    expect(c.context).toMatchObject({ itemCode: 'drain-unblocking', description: '下水道堵了' });
  });

  it('the description', () => {
    const c = conversationAt('confirm').say('3');
    expect(c.state).toBe('editDescription');
    expect(c.lastReply!.text).toBe(texts.askDescriptionEdit);
    c.say('😀');
    expect(c.lastReply!.text).toBe(texts.emptyDescription);
    c.say('电视没有声音了');
    expect(c.state).toBe('confirm');
    expect(c.lastReply!.text).toBe(plainSummary({ description: '电视没有声音了' }));
    expect(c.context.itemCode).toBe('appliance-repair');
  });

  it('the community', () => {
    const c = conversationAt('confirm').say('改社区');
    expect(c.state).toBe('community');
    c.say('紫阳');
    expect(c.state).toBe('confirm');
    expect(c.context.communityCode).toBe('nanhu-jianshe-ziyang');
    expect(c.lastReply!.text).toBe(plainSummary({ community: '紫阳社区' }));
  });

  it('the community, through several matches', () => {
    const c = conversationAt('confirm').press('edit:community').say('建设街道').say('4');
    expect(c.state).toBe('confirm');
    expect(c.context.communityCode).toBe('nanhu-jianshe-haiyantang');
  });

  it('the address', () => {
    const c = conversationAt('confirm').say('5').say('紫阳小区1幢101');
    expect(c.state).toBe('confirm');
    expect(c.lastReply!.text).toBe(plainSummary({ address: '紫阳小区1幢101' }));
  });

  it('the phone', () => {
    const c = conversationAt('confirm').say('我要改电话');
    expect(c.state).toBe('phone');
    c.say('0573-82345678');
    expect(c.state).toBe('confirm');
    expect(c.lastReply!.text).toBe(plainSummary({ phone: '0573-82345678' }));
  });

  it('the time', () => {
    const c = conversationAt('confirm').say('7').say('周日上午');
    expect(c.state).toBe('confirm');
    expect(c.lastReply!.text).toBe(plainSummary({ wantedTime: '周日上午' }));
  });

  it('several corrections, then the request carries them all', () => {
    const c = conversationAt('confirm').say('5').say('紫阳小区1幢101').say('7').say('3').say('1');
    expect(c.draft).toEqual({ ...PLAIN_DRAFT, address: '紫阳小区1幢101', wantedTime: '明天' });
  });
});

describe('submitting', () => {
  it.each([['1'], ['确认'], ['好的'], ['确认提交']])('"%s" stores the request and gives the ticket', (answer) => {
    const c = conversationAt('confirm').say(answer);
    expect(c.effects).toEqual([{ type: 'createRequest', params: PLAIN_DRAFT }]);
    expect(c.lastReply!.text).toBe(texts.submitted('20261122-0001', false));
    expect(c.lastReply!.text).toContain('20261122-0001');
    expect(c.lastReply!.text).toContain('志愿者');
    expect(c.state).toBe('submitted');
    expect(c.status).toBe('done');
    expect(c.context.ticket).toBe('20261122-0001');
  });

  it('by pressing the button', () => {
    const c = conversationAt('confirm').press('edit:submit');
    expect(c.draft).toEqual(PLAIN_DRAFT);
    expect(c.status).toBe('done');
  });

  it('uses the ticket the runtime answers with', () => {
    const c = conversationAt('confirm', {}, { ticket: '20261123-0042' }).say('1');
    expect(c.lastReply!.text).toBe(texts.submitted('20261123-0042', false));
  });

  it('a whole intake from the lists, with the phone on file and a free time', () => {
    const c = startConversation({ phone: '13900001111', lastCommunityCode: 'nanhu-jiefang-tianfu' });
    c.say('你好').say('4').say('3').say('1').say('天福苑5幢302').say('1').say('下周三下午');
    expect(c.state).toBe('confirm');
    c.say('1');
    expect(c.draft).toEqual({
      classCode: 'elderly-care',
      itemCode: 'hospital-escort',
      communityCode: 'nanhu-jiefang-tianfu',
      description: '陪同就医',
      address: '天福苑5幢302',
      phone: '13900001111',
      wantedTime: '下周三下午',
      urgent: false,
      emergencyWords: [],
      attachments: [],
    });
    expect(c.status).toBe('done');
  });

  it('nothing more is asked after submitting', () => {
    const c = conversationAt('confirm').say('1');
    const count = c.replies.length;
    c.say('1');
    expect(c.replies).toHaveLength(count);
    expect(c.effects.filter((e) => e.type === 'createRequest')).toHaveLength(1);
  });
});
