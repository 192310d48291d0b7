import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { texts } from '../../src/texts/resident.js';
import { wechatTexts } from '../../src/texts/wechat.js';
import { backends } from '../support/db.js';
import { startWechatHarness, ticketIn, type WechatHarness } from '../support/wechat-harness.js';
import { placeTexts } from '../../src/texts/places.js';
import { LONG_MS } from '../support/patience.js';

// A resident asks for help over a WeChat service account in 安全模式 (encrypted callbacks), through
// `npm start`: by typing (one step answered by tapping a msgmenu option), then by speaking (voice
// recognition), with a photo attached; the custom menu's 我的求助 lists both requests.

const RESIDENT = 'oResident_Text_01';

/** Today in Asia/Shanghai as YYYYMMDD: the day part of a ticket. */
const shanghaiDay = () => new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10).replaceAll('-', '');

describe.each(backends)('a resident asks for help over WeChat, in safe mode [%s]', (backend) => {
  let h: WechatHarness;
  const tickets: string[] = [];
  beforeAll(async () => {
    h = await startWechatHarness({ backend });
  }, LONG_MS);
  afterAll(async () => {
    await h?.close();
  }, LONG_MS);

  it('follows, types the problem, taps one answer and types the others: a ticket', { timeout: LONG_MS }, async () => {
    expect(await h.act(RESIDENT, () => h.wx.subscribe(RESIDENT))).toEqual([texts.welcome]);

    // The proposal comes as a clickable menu reply, numbered like the text.
    const [proposal] = await h.say(RESIDENT, '电视坏了');
    expect(proposal).toContain(texts.confirmItem.replace('请回复数字：', ''));
    expect(proposal).toContain(wechatTexts.tapOrReply);
    const menu = h.lastMenu(RESIDENT);
    expect(menu.list.map((i) => i.content)).toEqual(['1. 家电维修', `2. ${texts.noneOfThese}`]);
    for (const item of menu.list) expect(item.id).toMatch(/^\d+_\d+$/);

    // Tapping 家电维修 answers the question as its choice.
    const [community] = await h.act(RESIDENT, () => h.wx.menuReply(RESIDENT, menu.list[0]!.id, menu.list[0]!.content));
    expect(community).toContain(texts.askCommunity);
    expect(h.lastMenu(RESIDENT).list[0]!.content).toBe(`1. ${placeTexts.stepByStep}`);

    // A tap on the older question's menu is stale: the current question again, nothing changes.
    const [stale] = await h.act(RESIDENT, () => h.wx.menuReply(RESIDENT, menu.list[1]!.id, menu.list[1]!.content));
    expect(stale).toContain(texts.stale);
    expect(stale).toContain(texts.askCommunity);

    expect(await h.say(RESIDENT, '文昌')).toEqual([texts.askAddress]);
    expect(await h.say(RESIDENT, '文昌小区3幢2单元501')).toEqual([texts.askPhone]);
    expect((await h.say(RESIDENT, '13812345678'))[0]).toContain(texts.askWhen);
    const [summary] = await h.say(RESIDENT, '尽快');
    expect(summary).toContain(texts.summaryTitle);
    expect(summary).toContain('服务：生活求助类 · 家电维修');
    expect(summary).toContain('社区：文昌社区');
    expect(summary).toContain('地址：文昌小区3幢2单元501');
    expect(summary).toContain('电话：13812345678');
    expect(summary).toContain('时间：尽快');

    const receipt = await h.say(RESIDENT, '1');
    const ticket = ticketIn(receipt);
    expect(ticket).toMatch(new RegExp(`^${shanghaiDay()}-\\d{4}$`));
    expect(receipt).toEqual([texts.submitted(ticket, false)]);
    tickets.push(ticket);
  });

  it('speaks every answer (voice recognition), with a photo at the description step: a ticket', { timeout: LONG_MS }, async () => {
    const voice = (said?: string) => h.act(RESIDENT, () => h.wx.voice(RESIDENT, said));

    // A new conversation: the photo first, attached to what is to come.
    const [photo] = await h.act(RESIDENT, () => h.wx.image(RESIDENT));
    expect(photo).toContain(texts.photoAttached);
    expect(photo).toContain(texts.describeAgain);

    expect((await voice('家里下水道堵了。'))[0]).toContain('1. 管道疏通');
    expect((await voice('是的。'))[0]).toContain(texts.askCommunity);
    expect(await voice('文昌社区。')).toEqual([texts.askAddress]);

    // A voice the platform could not recognise: the kind answer; the step stays (the next answer is the address).
    expect(await voice()).toEqual([texts.voiceNotSupported('96345')]);

    // The phone given last time is offered; saying it again works as well.
    const [phone] = await voice('文昌小区5幢1单元302');
    expect(phone).toContain(texts.askPhoneKnown);
    expect(phone).toContain(texts.useKnownPhone('138****5678'));
    expect((await voice('13812345678。'))[0]).toContain(texts.askWhen);
    const [summary] = await voice('尽快。');
    expect(summary).toContain('服务：生活求助类 · 管道疏通');
    expect(summary).toContain('问题：家里下水道堵了');
    expect(summary).toContain('地址：文昌小区5幢1单元302');
    expect(summary).toContain('电话：13812345678');
    expect(summary).toContain('照片：1 张');

    const ticket = ticketIn(await voice('确认提交。'));
    expect(ticket).toMatch(/^\d{8}-\d{4}$/);
    expect(ticket).not.toBe(tickets[0]);
    tickets.push(ticket);
  });

  it('lists both requests from the custom menu’s 我的求助 (a click with key word:查询)', { timeout: LONG_MS }, async () => {
    const [list] = await h.act(RESIDENT, () => h.wx.click(RESIDENT, `word:${wechatTexts.menu.mine.word}`));
    expect(list).toContain('您最近的求助：');
    expect(list).toContain(`· ${tickets[0]} 家电维修（等待接单）`);
    expect(list).toContain(`· ${tickets[1]} 管道疏通（等待接单）`);
    expect(await h.say(RESIDENT, '返回')).toEqual([texts.requestKept]);

    // Every message went as a customer-service message; none was refused, none went as a template.
    expect(h.wx.refused).toEqual([]);
    expect(h.wx.templatesTo(RESIDENT)).toEqual([]);
    // What the resident said never reached the program's log.
    expect(h.output()).not.toContain('13812345678');
    expect(h.output()).not.toMatch(/文昌小区|下水道/);
  });
});
