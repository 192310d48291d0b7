import { describe, expect, it } from 'vitest';
import { asksForCall, asksWhoWeAre, isGreeting } from '../../../flows/common/small-talk.js';

// === Messages that say nothing of a problem yet

describe('isGreeting', () => {
  it.each(['在吗', '在吗？', '在吗在吗', '你好 在不在', '喂喂', '有人吗？', '嗯 你好啊', '我要求助', '师傅 有点事想问一下', '您好，打扰了'])(
    '%s is a greeting',
    (t) => {
      expect(isGreeting(t)).toBe(true);
    },
  );

  it.each(['电视坏了', '你好 水管漏了', '想问一下社保怎么交', '老人摔倒了在吗', '什么', '', '  ', '。。。'])('%j is not', (t) => {
    expect(isGreeting(t)).toBe(false);
  });
});

describe('asksWhoWeAre', () => {
  it.each(['你是谁', '你们是干什么的', '请问这是哪里', '你们能帮什么忙', '你是机器人吗', '你好，你们是谁啊'])('%s asks who we are', (t) => {
    expect(asksWhoWeAre(t)).toBe(true);
  });

  it.each(['在吗', '谁能帮我修电视', '这是什么问题', '电视坏了'])('%s does not', (t) => {
    expect(asksWhoWeAre(t)).toBe(false);
  });
});

describe('asksForCall', () => {
  it.each(['我不会打字', '我眼睛不好 不会打字', '打字太慢了', '你们打电话给我吧', '能不能给我打个电话', '电话联系我', '热线是多少', '你们的电话是多少'])(
    '%s asks to talk by phone',
    (t) => {
      expect(asksForCall(t)).toBe(true);
    },
  );

  it.each([
    '打电话给我女儿',
    '打电话给我 13812345678',
    '下午打电话给我',
    '我不识字想找人代写书信',
    '我不识字 有个表格不会填',
    '手机不能打电话',
    '我不会用手机',
    '电话坏了',
    '电视坏了',
  ])('%s does not', (t) => {
    expect(asksForCall(t)).toBe(false);
  });

  it('where the question is how to be answered, a call asked for is the answer; not typing still is not', () => {
    expect(asksForCall('打电话给我吧', true)).toBe(false);
    expect(asksForCall('我不会打字', true)).toBe(true);
  });
});
