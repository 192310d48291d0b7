import { describe, expect, it } from 'vitest';
import { texts } from '../../src/texts/resident.js';
import { conversationAt, startConversation } from './resident.fixtures.js';

// === Several problems in one message; what time to ask for an emergency, a policy question or a dispute;
// the classes in plain words

describe('several problems in one message', () => {
  it('灯泡坏了 马桶也堵了: the first proposed, the second announced, then filed with the same details', () => {
    const c = startConversation({}, { ticket: '20261122-0001' }).say('灯泡坏了 马桶也堵了');
    expect(c.texts).toContain(texts.morePending(['马桶也堵了']));
    expect(c.context.description).toBe('灯泡坏了');
    expect(c.labels[0]).toBe('水电维修');
    c.say('1').say('文昌').say('文昌小区3幢2单元501').say('13812345678').say('明天').say('1');
    expect(c.effectsOf('createRequest')).toHaveLength(1);
    expect(c.draft).toMatchObject({ itemCode: 'water-electric-repair', description: '灯泡坏了' });
    // The second: its own item, then straight to the summary with community, address, phone and time kept.
    expect(c.texts).toContain(texts.nextProblem('马桶也堵了'));
    expect(c.state).toBe('confirmItem');
    expect(c.labels[0]).toBe('管道疏通');
    c.say('1');
    expect(c.state).toBe('confirm');
    expect(c.lastReply!.text).toContain('问题：马桶也堵了');
    expect(c.lastReply!.text).toContain('地址：文昌小区3幢2单元501');
    c.say('1');
    const drafts = c.effectsOf('createRequest') as { itemCode: string; address: string; phone: string; wantedTime: string }[];
    expect(drafts).toHaveLength(2);
    expect(drafts[1]).toMatchObject({ itemCode: 'drain-unblocking', address: '文昌小区3幢2单元501', phone: '13812345678', wantedTime: '明天' });
    expect(c.status).toBe('done');
  });

  it('the second can be declined with 不用了 after the first is filed', () => {
    const c = startConversation().say('灯泡坏了，马桶也堵了');
    c.say('1').say('文昌').say('文昌小区3幢2单元501').say('13812345678').say('1').say('1');
    expect(c.state).toBe('confirmItem');
    c.say('不用了');
    expect(c.status).toBe('done');
    expect(c.lastReply!.text).toBe(texts.restNotFiled('20261122-0001'));
    expect(c.effectsOf('createRequest')).toHaveLength(1);
  });

  it('one problem said in two clauses stays one request', () => {
    const c = startConversation().say('电视坏了，没有图像');
    expect(c.context.pending).toEqual([]);
    expect(c.context.description).toBe('电视坏了，没有图像');
  });
});

describe('after an emergency', () => {
  it('a fire, then words that sound like a blocked drain: the request is the emergency item, never an urgent 管道疏通', () => {
    const c = startConversation().say('起火了 好大的烟');
    expect(c.context.urgent).toBe(true);
    expect(c.context.itemCode).toBe('emergency-help');
    expect(c.state).toBe('community');
    c.say('下水道堵了水都漫出来了');
    expect(c.context.itemCode).toBe('emergency-help');
    c.say('文昌').say('文昌小区3幢2单元501').say('13812345678');
    expect(c.state).toBe('confirm');
    c.say('1');
    expect(c.draft).toMatchObject({ itemCode: 'emergency-help', urgent: true, description: '起火了 好大的烟' });
  });

  it.each([
    ['楼下着火了 烟都上来了', 'neighbour-dispute'],
    ['电线冒火花 烧起来了', 'water-electric-repair'],
  ])('%s: the emergency item, not what the words also name (%s)', (words, other) => {
    const c = startConversation().say(words);
    expect(c.context.itemCode).toBe('emergency-help');
    expect(c.context.itemCode).not.toBe(other);
    expect(c.state).toBe('community');
  });

  it('raised at the describe step, or at the proposal: the emergency item too', () => {
    const c = startConversation().say('你好').say('着火了');
    expect(c.context.itemCode).toBe('emergency-help');
    expect(c.state).toBe('community');
    const d = startConversation().say('下水道堵了');
    expect(d.state).toBe('confirmItem');
    d.say('厨房里起火了');
    expect(d.context.itemCode).toBe('emergency-help');
    expect(d.context.description).toBe('厨房里起火了');
  });

  it('the resident may still pick another: 返回, 都不是, then their words', () => {
    const c = startConversation().say('起火了 好大的烟').say('返回');
    expect(c.state).toBe('confirmItem');
    expect(c.labels).toEqual(['紧急求助', texts.noneOfThese]);
    c.say('都不是').say('下水道堵了');
    expect(c.labels[0]).toBe('管道疏通');
    c.say('1');
    expect(c.context.itemCode).toBe('drain-unblocking');
    expect(c.context.urgent).toBe(true);
  });

  it('raised after another item was chosen: the emergency item now, the problem before filed next', () => {
    const c = conversationAt('phone').say('我老伴摔倒了起不来');
    expect(c.context.itemCode).toBe('emergency-help');
    expect(c.context.description).toBe('我老伴摔倒了起不来');
    expect(c.texts).toContain(texts.emergencyFiledFirst('电视坏了'));
    expect(c.state).toBe('phone');
    c.say('13812345678');
    expect(c.state).toBe('confirm');
    c.say('1');
    expect(c.draft).toMatchObject({ itemCode: 'emergency-help', urgent: true, wantedTime: '尽快', description: '我老伴摔倒了起不来' });
    // The television comes next, no longer urgent.
    expect(c.state).toBe('confirmItem');
    expect(c.labels[0]).toBe('家电维修');
    c.say('1');
    expect(c.context).toMatchObject({ itemCode: 'appliance-repair', urgent: false, description: '电视坏了' });
  });

  it('raised at the summary: the summary shows the emergency item and says it is urgent; 改服务类别 still picks another', () => {
    const c = conversationAt('confirm').say('楼下着火了');
    expect(c.state).toBe('confirm');
    expect(c.context.itemCode).toBe('emergency-help');
    expect(c.lastReply!.text).toContain('紧急求助');
    expect(c.lastReply!.text).toContain('紧急：是');
    c.say('改服务类别').say('电视坏了');
    expect(c.labels[0]).toBe('家电维修');
  });

  it('no greeting, no "when shall we come": the time is 尽快', () => {
    const c = startConversation().say('我爸突然说不出话，半边身子动不了');
    expect(c.texts).not.toContain(texts.hello);
    expect(c.context.urgent).toBe(true);
    c.say('文昌').say('文昌小区3幢2单元501').say('13812345678');
    expect(c.state).toBe('confirm');
    expect(c.context.wantedTime).toBe('尽快');
  });

  it('an emergency said at the time question: 尽快, straight to the summary', () => {
    const c = conversationAt('when').say('快点，我胸痛');
    expect(c.turn[0]!.text.startsWith('⚠️')).toBe(true);
    expect(c.context.urgent).toBe(true);
    expect(c.state).toBe('confirm');
    expect(c.context.wantedTime).toBe('尽快');
  });

  it('an emergency raised later also skips the time', () => {
    const c = conversationAt('phone').say('我老伴摔倒了起不来');
    expect(c.context.urgent).toBe(true);
    c.say('13812345678');
    expect(c.state).toBe('confirm');
    expect(c.context.wantedTime).toBe('尽快');
  });
});

describe('policy questions and disputes are not asked for a visit time', () => {
  const toWay = (words: string) => startConversation().say(words).say('1').say('文昌').say('文昌小区3幢2单元501').say('13812345678');

  it.each([['我想咨询一下养老保险怎么交'], ['邻居装修太吵了']])('%s: asked how to be answered', (words) => {
    const c = toWay(words);
    expect(c.state).toBe('way');
    expect(c.lastReply!.text).toBe(texts.askWay);
    expect(c.labels).toEqual([...texts.wayChoices]);
  });

  it.each([
    ['1', '电话答复'],
    ['好的', '电话答复'],
    ['到服务点面谈', '到服务点面谈'],
    ['下午打电话给我', '下午打电话给我'],
    // Here a call is how to be answered, not a wish to be phoned instead of typing.
    ['打电话给我吧', '打电话给我吧'],
  ])('%s → %s, shown as 答复 on the summary', (answer, way) => {
    const c = toWay('我想咨询一下养老保险怎么交').say(answer);
    expect(c.state).toBe('confirm');
    expect(c.context.wantedTime).toBe(way);
    expect(c.lastReply!.text).toContain(`答复：${way}`);
    expect(c.lastReply!.text).not.toContain('时间：');
  });

  it('the phone is asked for a call back, not a visit', () => {
    const c = startConversation().say('我想咨询一下养老保险怎么交').say('1').say('文昌').say('文昌小区3幢2单元501');
    expect(c.lastReply!.text).toBe(texts.askPhoneAdvice);
  });

  it('返回 at the way question goes to the phone', () => {
    expect(toWay('我想咨询一下养老保险怎么交').say('返回').state).toBe('phone');
  });

  it('changing a repair into a policy question from the summary asks the way', () => {
    const c = conversationAt('confirm').press('edit:item').press('class:policy').say('1');
    expect(c.state).toBe('way');
  });
});

describe('plain words for the classes', () => {
  it('the class list shows the plain words beside the official names', () => {
    expect(conversationAt('describe').labels.slice(0, 5)).toEqual([
      '修东西（生活求助类）',
      '问政策（政策咨询类）',
      '调解矛盾（纠纷调解类）',
      '照顾老人（居家养老类）',
      '生活困难（困难帮扶类）',
    ]);
  });

  it.each([
    ['修东西', 'daily-life'],
    ['问政策', 'policy'],
    ['调解矛盾', 'dispute'],
    ['照顾老人', 'elderly-care'],
    ['生活困难', 'hardship'],
    ['纠纷调解类', 'dispute'],
    ['3', 'dispute'],
  ])('typing %s picks %s', (words, cls) => {
    const c = conversationAt('describe').say(words);
    expect(c.state).toBe('pickItem');
    expect(c.context.classCode).toBe(cls);
  });

  it('a plain class word inside a description does not hide the items', () => {
    const c = conversationAt('describe').say('帮我修东西，电视坏了');
    expect(c.state).toBe('confirmItem');
    expect(c.labels[0]).toBe('家电维修');
  });
});

describe('the hotline number and promises', () => {
  it('voice says the configured hotline number', () => {
    const c = startConversation().send({ kind: 'media', media: 'voice' });
    expect(c.texts).toContain(texts.voiceNotSupported('96345'));
    expect(texts.voiceNotSupported('96345')).toContain('96345');
  });

  it('no text promises what volunteers cannot keep', () => {
    const all = JSON.stringify(Object.values(texts).map((v) => (typeof v === 'function' ? String(v) : v)));
    for (const promise of ['马上到', '立即上门', '马上告诉', '马上帮您']) expect(all).not.toContain(promise);
  });
});
