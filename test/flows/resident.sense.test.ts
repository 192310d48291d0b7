import { describe, expect, it } from 'vitest';
import { texts } from '../../src/texts/resident.js';
import { conversationAt, startConversation } from './resident.fixtures.js';

// === Answers read with sense: yes-words, giving up, an address at the community question, phones

describe('a yes-word is a yes, never a stored value', () => {
  it.each(['好的', '嗯', '对', '行', '可以', '是的', '好', '嗯嗯', '好的好的', '可以的'])('%s at "when?" means 尽快', (yes) => {
    const c = conversationAt('when').say(yes);
    expect(c.state).toBe('confirm');
    expect(c.context.wantedTime).toBe('尽快');
  });

  it.each(['好的', '嗯嗯', '好的好的', '可以的'])('%s at the address step asks for the address', (yes) => {
    const c = conversationAt('address').say(yes);
    expect(c.state).toBe('address');
    expect(c.context.address).toBeNull();
    expect(c.lastReply!.text).toBe(texts.addressNotYes);
  });

  it('好的 at the phone step takes the number on file when one is offered', () => {
    const c = conversationAt('phone', { phone: '13900001111' }).say('好的');
    expect(c.context.phone).toBe('13900001111');
    expect(c.state).toBe('when');
  });

  it('好的 at the phone step without a number on file asks again', () => {
    const c = conversationAt('phone').say('好的');
    expect(c.state).toBe('phone');
    expect(c.lastReply!.text).toBe(texts.phoneInvalid);
  });

  it('嗯 at the summary submits', () => {
    const c = conversationAt('confirm').say('嗯');
    expect(c.draft).toMatchObject({ wantedTime: '尽快' });
  });
});

describe('giving up ends politely at any step', () => {
  const steps = ['confirmItem', 'community', 'address', 'phone', 'when', 'confirm'] as const;
  for (const step of steps) {
    it.each(['算了 太麻烦了', '不弄了', '不用了', '我自己叫人修了', '不需要了'])(`%s at ${step}: cancelled, nothing stored`, (words) => {
      const c = conversationAt(step).say(words);
      expect(c.status).toBe('done');
      expect(c.lastReply!.text).toBe(texts.cancelled);
      expect(c.effectsOf('createRequest')).toEqual([]);
      expect([c.context.address, c.context.wantedTime]).not.toContain(words);
    });
  }

  it('不用了 where the number on file is offered declines the number, not the request', () => {
    const c = conversationAt('phone', { phone: '13900001111' }).say('不用了');
    expect(c.state).toBe('phone');
    expect(c.status).toBe('active');
    expect(c.lastReply!.text).toBe(texts.askNewPhone);
    c.say('13812345678');
    expect(c.context.phone).toBe('13812345678');
  });

  it('a give-up phrase naming an emergency is not taken as giving up', () => {
    const c = conversationAt('address').say('算了 我老伴摔倒了起不来');
    expect(c.status).toBe('active');
    expect(c.context.urgent).toBe(true);
  });

  it('before anything is asked, 算了 only says goodbye', () => {
    const c = startConversation().say('算了');
    expect(c.lastReply!.text).toBe(texts.nothingToCancel);
  });
});

describe('an address typed at the community question', () => {
  it('文昌小区3幢2单元501: kept as the address, the community derived, the address not asked again', () => {
    const c = conversationAt('community').say('文昌小区3幢2单元501');
    expect(c.context.address).toBe('文昌小区3幢2单元501');
    expect(c.context.communityCode).toBe('nanhu-jianshe-wenchang');
    expect(c.state).toBe('phone');
  });

  it('建国南路128弄6号302: kept, the community asked once more, then the phone', () => {
    const c = conversationAt('community').say('建国南路128弄6号302');
    expect(c.context.address).toBe('建国南路128弄6号302');
    expect(c.state).toBe('community');
    expect(c.texts[0]).toBe(texts.addressKept('建国南路128弄6号302'));
    c.say('紫阳');
    expect(c.context.communityCode).toBe('nanhu-jianshe-ziyang');
    expect(c.state).toBe('phone');
    expect(c.context.address).toBe('建国南路128弄6号302');
  });

  it('a community name and a number are still read as before', () => {
    expect(conversationAt('community').say('文昌').state).toBe('address');
    // The first choice starts the step-by-step pick (no community used before): a number is no address.
    const picked = conversationAt('community').say('1');
    expect(picked.state).toBe('community');
    expect(picked.context.address).toBeNull();
  });

  it('返回 from the phone step leads to the address step', () => {
    const c = conversationAt('community').say('文昌小区3幢2单元501').say('返回');
    expect(c.state).toBe('address');
  });
});

describe('phones as people write them', () => {
  it.each([
    ['电话是138 1234 5678 姓王', '13812345678', null],
    ['幺三九一二三四五六七八', '13912345678', null],
    ['我没手机 打我女儿的 13912345678', '13912345678', '女儿'],
    ['我没手机 打我女儿的 一三九 五七三 一二三四 五', '13957312345', '女儿'],
    ['你们打我老伴 一三九-一二三四-五六七八', '13912345678', '老伴'],
    ['家里电话82345678', '0573-82345678', null],
  ])('%s → %s', (typed, phone, owner) => {
    const c = conversationAt('phone').say(typed);
    expect(c.context.phone).toBe(phone);
    expect(c.context.phoneOwner).toBe(owner);
    expect(c.state).toBe('when');
  });

  it("a relative's number is marked on the summary and noted with the request", () => {
    const c = conversationAt('phone').say('我没手机 打我女儿的 13912345678').say('1');
    expect(c.lastReply!.text).toContain('电话：13912345678（女儿的）');
    c.say('1');
    expect(c.draft).toMatchObject({ phone: '13912345678', description: `电视坏了${texts.phoneOwnerNote('女儿')}` });
  });

  it("我没有手机 asks again, saying a relative's number will do", () => {
    const c = conversationAt('phone').say('我没有手机');
    expect(c.state).toBe('phone');
    expect(c.lastReply!.text).toBe(texts.phoneInvalid);
    expect(texts.phoneInvalid).toContain('家人');
  });
});

describe('a yes-word at the community question', () => {
  it('takes the community used last time when it is offered', () => {
    const c = conversationAt('community', { lastCommunityCode: 'nanhu-jianshe-ziyang' }).say('好的');
    expect(c.context.communityCode).toBe('nanhu-jianshe-ziyang');
    expect(c.state).toBe('address');
  });

  it('without one, is a hint and never read as a place name', () => {
    for (const yes of ['好的', '嗯', '对']) {
      const c = conversationAt('community').say(yes);
      expect(c.state).toBe('community');
      expect(c.context.communityCode).toBeNull();
      expect(c.texts[0]).toContain(texts.communityNotYes);
    }
  });
});

describe('a first message that says nothing of a problem yet', () => {
  it.each(['在吗', '在吗在吗', '你好 在不在', '有人吗？', '我要求助', '师傅 有点事想问一下'])(
    '%s is greeted and asked what is wrong, nothing noted',
    (first) => {
      const c = startConversation().say(first);
      expect(c.state).toBe('describe');
      expect(c.texts).toEqual([texts.hello, texts.describeAgain]);
      expect(c.context.description).toBeNull();
      expect(c.labels.length).toBeGreaterThan(3);
    },
  );

  it.each(['你是谁', '你们是干什么的', '请问这是哪里'])('%s is told who we are, then asked what is wrong', (first) => {
    const c = startConversation().say(first);
    expect(c.texts).toEqual([texts.hello, texts.whoWeAre, texts.describeAgain]);
    expect(c.context.description).toBeNull();
  });

  it('a greeting or "who are you" at the describe step asks again what is wrong, and a problem then goes on', () => {
    const c = startConversation().say('在吗').say('在吗');
    expect(c.texts).toEqual([texts.describeAgain]);
    c.say('你是谁');
    expect(c.texts).toEqual([texts.whoWeAre, texts.describeAgain]);
    expect(c.context.description).toBeNull();
    c.say('电视坏了');
    expect(c.state).toBe('confirmItem');
  });
});

describe('someone who cannot type or asks to be phoned gets the hotline, kindly', () => {
  const hotline = texts.callHotline('96345');

  it.each(['我不会打字', '你们打电话给我吧', '我眼睛不好 不会打字'])(
    '%s as the first message: the hotline, then what is wrong with numbered classes',
    (first) => {
      const c = startConversation().say(first);
      expect(c.state).toBe('describe');
      expect(c.texts).toEqual([texts.hello, hotline, texts.describeAgain]);
      expect(c.context.description).toBeNull();
      expect(c.labels.length).toBeGreaterThan(3);
    },
  );

  it.each(['confirmItem', 'community', 'address', 'phone', 'when', 'confirm'] as const)(
    'at %s: the hotline, then the same question with its choices',
    (step) => {
      const c = conversationAt(step);
      const question = c.context.question;
      c.say('我不会打字 你们打电话给我吧');
      expect(c.state).toBe(step);
      expect(c.lastReply).toEqual({ text: `${hotline}\n${question.text}`, choices: question.choices, questionId: question.id });
    },
  );

  it('a request that says it too is a request (我不识字想找人代写书信)', () => {
    const c = startConversation().say('我不识字想找人代写书信');
    expect(c.texts).not.toContain(hotline);
    expect(c.context.description).toBe('我不识字想找人代写书信');
  });

  it('返回, 取消 and 帮助 still work after it', () => {
    const c = conversationAt('community').say('我不会打字');
    c.say('帮助');
    expect(c.texts[0]).toBe(texts.communityHelp);
    c.say('返回');
    expect(c.state).toBe('confirmItem');
    c.say('取消');
    expect(c.status).toBe('done');
  });
});
