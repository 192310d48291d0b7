import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dispatchTexts as t } from '../../src/texts/dispatch.js';
import { texts } from '../../src/texts/resident.js';
import { backends } from '../support/db.js';
import { registerTelegramVolunteer, startWechatHarness, TEMPLATE_IDS, type WechatHarness, wechatRequest } from '../support/wechat-harness.js';
import { LONG_MS } from '../support/patience.js';

// WeChat lets an account write to a person (customer-service messages) only within 48 h of their last
// message. Here the platform's clock moves 49 h on while lianxin's does not, so the platform alone
// knows the window closed (it answers 45015): the resident still hears how their request goes — by
// template messages, for the notices that have one — and a message with no template is held and
// comes as one digest when the person writes again.

const RESIDENT = 'oResident_Window1';
const WX_ORGANIZER = 'oOrganizer_Window';
const TG_ORGANIZER = 901;
const TG_VOLUNTEER = 601;
const TG_LATECOMER = 602;
const HOUR = 3_600_000;

describe.each(backends)('WeChat notices after the 48 h window [%s]', (backend) => {
  let h: WechatHarness;
  let ticket = '';
  beforeAll(async () => {
    h = await startWechatHarness({ backend, telegram: true, organizers: `wechat:${WX_ORGANIZER},telegram:${TG_ORGANIZER}` });
  }, LONG_MS);
  afterAll(async () => {
    await h?.close();
  }, LONG_MS);

  const tgSay = (userId: number, text: string) => h.tgExchange(h.tg!.textMessage({ chatId: userId, userId, text, firstName: '用户' }), userId);

  /** Approves the Telegram volunteer named `name` by /approve on Telegram, with the 编号 from the organizer's notice there. */
  async function approveOnTelegram(userId: number, name: string) {
    const tg = h.tg!;
    await tg.waitFor(() => tg.sentMessages(TG_ORGANIZER).some((m) => String(m.text).includes(name)));
    const notice = tg.sentMessages(TG_ORGANIZER).find((m) => String(m.text).includes(name));
    const id = Number(/#(\d+)/.exec(notice.text)![1]);
    expect((await tgSay(TG_ORGANIZER, `/approve ${id}`))[0].text).toBe(t.decided(id, true));
    await tg.waitFor(() => tg.sentMessages(userId).some((m) => m.text === t.volunteerApproved));
    return id;
  }

  it('a request is claimed while the resident’s window is open: a customer-service message', { timeout: LONG_MS }, async () => {
    await h.act(WX_ORGANIZER, () => h.wx.subscribe(WX_ORGANIZER));
    await registerTelegramVolunteer(h, TG_VOLUNTEER, '李师傅');
    await approveOnTelegram(TG_VOLUNTEER, '李师傅');
    await h.act(RESIDENT, () => h.wx.subscribe(RESIDENT));
    ticket = await wechatRequest(h, RESIDENT);

    // No group is bound: the task is offered to the volunteer privately, and taken there.
    const tg = h.tg!;
    await tg.waitFor(() => tg.sentMessages(TG_VOLUNTEER).some((m) => String(m.text).includes(`附近有新求助 ${ticket}`)));
    const [details] = await tgSay(TG_VOLUNTEER, `接单 ${ticket}`);
    expect(details.text).toContain('13812345678');
    await h.wx.waitFor(() => h.read(RESIDENT).includes(t.residentClaimed(ticket, '李师傅')));
    expect(h.wx.templatesTo(RESIDENT)).toEqual([]);
  });

  it('49 h later, 出发 and 完成 reach the resident as template messages with the ticket; no customer-service message', { timeout: LONG_MS }, async () => {
    const customBefore = h.wx.sentTo(RESIDENT).length;
    h.wx.advance(49 * HOUR);

    expect((await tgSay(TG_VOLUNTEER, `出发 ${ticket}`))[0].text).toBe(t.departed(ticket));
    await h.wx.waitFor(() => h.wx.templatesTo(RESIDENT).length >= 1);
    // The first one was tried as a customer-service message — the token had expired meanwhile (42001,
    // renewed), then refused for the window (45015) — and sent as a template.
    const refused = () => h.wx.refused.filter((r) => r.touser === RESIDENT).map((r) => `${r.path.replace('/cgi-bin/message/', '')} ${r.errcode}`);
    expect(refused()).toEqual(['custom/send 42001', 'custom/send 45015']);

    expect((await tgSay(TG_VOLUNTEER, `完成 ${ticket} 1小时 已修好`))[0].text).toBe(t.doneRecorded(ticket, 1));
    await h.wx.waitFor(() => h.wx.templatesTo(RESIDENT).length >= 2);

    const [departed, done] = h.wx.templatesTo(RESIDENT);
    expect(departed).toMatchObject({
      template_id: TEMPLATE_IDS.volunteer_departed,
      data: { character_string1: { value: ticket }, thing2: { value: '家电维修' }, thing3: { value: '李师傅' }, phrase4: { value: t.noticeStatus.departed } },
    });
    expect(done).toMatchObject({
      template_id: TEMPLATE_IDS.request_done,
      data: { character_string1: { value: ticket }, thing2: { value: '家电维修' }, thing3: { value: '李师傅' }, phrase4: { value: t.noticeStatus.done } },
    });
    // lianxin took the platform's word: the second was not tried as a customer-service message at all.
    expect(refused()).toHaveLength(2);
    expect(h.wx.sentTo(RESIDENT)).toHaveLength(customBefore);
    for (const template of h.wx.templatesTo(RESIDENT)) expect(JSON.stringify(template)).not.toMatch(/13812345678|文昌小区/);
  });

  it('a message without a template is held outside the window, and comes as a digest when the person writes again', { timeout: LONG_MS }, async () => {
    const organizerBefore = h.read(WX_ORGANIZER).length;
    // A new volunteer registers (on Telegram): the organizers are told — the WeChat one's window is closed.
    await registerTelegramVolunteer(h, TG_LATECOMER, '张师傅');
    const tg = h.tg!;
    await tg.waitFor(() => tg.sentMessages(TG_ORGANIZER).some((m) => String(m.text).includes('张师傅')));
    await h.wx.waitFor(() => h.logLines().some((l) => l.msg === 'delivery held until the person writes again' && l.reason === 'window_closed'));
    expect(h.read(WX_ORGANIZER)).toHaveLength(organizerBefore);
    expect(h.wx.refused.filter((r) => r.touser === WX_ORGANIZER).map((r) => r.errcode)).toEqual([45015]);

    // The platform's clock is back with ours, so its callbacks are accepted again (lianxin refuses a
    // timestamp 49 h off); lianxin still keeps the window closed until the person writes.
    h.wx.advance(-49 * HOUR);
    const [answer, digest] = await h.say(WX_ORGANIZER, '/pending', 2);
    expect(answer).toBe(t.pendingNone);
    const notice = tg.sentMessages(TG_ORGANIZER).find((m) => String(m.text).includes('张师傅'));
    expect(digest).toBe([texts.heldDigest(1), `· ${notice.text}`].join('\n'));

    // The resident's notices all went as templates: nothing was held for them (the reply to the next
    // message comes after anything released with this one).
    const residentBefore = h.read(RESIDENT).length;
    const [list] = await h.say(RESIDENT, '查询');
    expect(list).toContain(`· ${ticket} 家电维修（已完成）`);
    expect((await h.say(RESIDENT, '你好'))[0]).toContain(texts.hello);
    expect(h.read(RESIDENT).slice(residentBefore)).toHaveLength(2);
  });
});
