import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dispatchTexts as t } from '../../src/texts/dispatch.js';
import { backends } from '../support/db.js';
import { buttonData } from '../support/telegram-harness.js';
import {
  idInRegistration,
  registerTelegramVolunteer,
  registerWechatVolunteer,
  startWechatHarness,
  type WechatHarness,
  wechatRequest,
} from '../support/wechat-harness.js';
import { LONG_MS } from '../support/patience.js';

// WeChat and Telegram side by side in one `npm start`: a WeChat volunteer, offered the task privately,
// and a Telegram volunteer, seeing its card in the bound group, go for the same request at the same
// moment. Exactly one wins; only the winner gets the address and phone; the other is told it was
// taken (privately on WeChat, on the button in Telegram); the resident hears who is coming.

const WX_ORGANIZER = 'oOrganizer_Race_1';
const TG_ORGANIZER = 900;
const WX_VOLUNTEER = 'oVolunteer_Race_1';
const TG_VOLUNTEER = 600;
const GROUP = -100_777_000;
const WX_NAME = '王师傅';
const TG_NAME = '李师傅';

describe.each(backends)('a WeChat volunteer races a Telegram volunteer for one task [%s]', (backend) => {
  let h: WechatHarness;
  beforeAll(async () => {
    h = await startWechatHarness({ backend, telegram: true, organizers: `wechat:${WX_ORGANIZER},telegram:${TG_ORGANIZER}` });
  }, LONG_MS);
  afterAll(async () => {
    await h?.close();
  }, LONG_MS);

  it('sets up: a bound group, two approved volunteers of 文昌社区 with 家电维修', { timeout: LONG_MS }, async () => {
    const tg = h.tg!;
    const inGroup = (userId: number, text: string, firstName: string) => tg.textMessage({ chatId: GROUP, userId, text, firstName });
    expect((await h.tgExchange(inGroup(TG_ORGANIZER, '/bind 文昌社区', '王站长'), GROUP))[0].text).toBe(t.bound('文昌社区', null));

    await h.act(WX_ORGANIZER, () => h.wx.subscribe(WX_ORGANIZER));
    const wxId = await registerWechatVolunteer(h, WX_VOLUNTEER, WX_NAME, WX_ORGANIZER);
    const before = h.read(WX_ORGANIZER).length;
    await registerTelegramVolunteer(h, TG_VOLUNTEER, TG_NAME);
    await h.wx.waitFor(() =>
      h
        .read(WX_ORGANIZER)
        .slice(before)
        .some((m) => m.includes(TG_NAME)),
    );
    const tgId = idInRegistration(h.read(WX_ORGANIZER).slice(before), TG_NAME);

    expect(await h.say(WX_ORGANIZER, `/approve ${wxId}`)).toEqual([t.decided(wxId, true)]);
    expect(await h.say(WX_ORGANIZER, `/approve ${tgId}`)).toEqual([t.decided(tgId, true)]);
    await h.wx.waitFor(() => h.read(WX_VOLUNTEER).includes(t.volunteerApproved));
    await tg.waitFor(() => tg.sentMessages(TG_VOLUNTEER).some((m) => m.text === t.volunteerApproved));
  });

  // Who is given a head start: none (both sent at the same moment); Telegram well ahead (its update
  // confirmed, i.e. handled, before WeChat's claim is posted: WeChat's loses for sure); WeChat by a
  // tick. The assertion is the same whoever wins.
  const rounds = [
    { resident: 'oResident_Race_1', address: '文昌小区1幢1单元101', phone: '13811110001', first: 'none' },
    { resident: 'oResident_Race_2', address: '文昌小区2幢2单元202', phone: '13811110002', first: 'telegram' },
    { resident: 'oResident_Race_3', address: '文昌小区3幢3单元303', phone: '13811110003', first: 'wechat' },
  ] as const;

  it.each(rounds)(
    'one request, two volunteers at once (head start: $first): exactly one winner, details to the winner only',
    async (round) => {
      const tg = h.tg!;
      const ticket = await wechatRequest(h, round.resident, '电视坏了', round.address, round.phone);
      const secret = [round.phone, round.address];

      // The card in the group and the private offer on WeChat: what and where, never the address or phone.
      await tg.waitFor(() => String(tg.lastMessage(GROUP)?.text ?? '').includes(`新求助 ${ticket}`));
      await h.wx.waitFor(() => h.read(WX_VOLUNTEER).some((m) => m.includes(`附近有新求助 ${ticket}`)));
      const offer = h.read(WX_VOLUNTEER).find((m) => m.includes(`附近有新求助 ${ticket}`))!;
      expect(offer).toContain('社区：文昌社区');
      expect(offer).toContain(`回复“接单 ${ticket}”即可接单`);
      for (const s of [...secret, '文昌小区']) expect(offer).not.toContain(s);

      // The race.
      const card = tg.lastMessage(GROUP);
      const press = tg.callbackQuery({
        chatId: GROUP,
        userId: TG_VOLUNTEER,
        firstName: TG_NAME,
        data: buttonData(card, t.claimButton),
        messageId: card.message_id,
      });
      const queryId = (press as { callback_query: { id: string } }).callback_query.id;
      const wxBefore = h.read(WX_VOLUNTEER).length;
      const tgBefore = tg.sentMessages(TG_VOLUNTEER).length;
      const claimOnWechat = () => h.wx.text(WX_VOLUNTEER, `接单 ${ticket}`);
      const pressOnTelegram = async () => {
        tg.pushUpdate(press);
      };
      if (round.first === 'telegram') {
        await pressOnTelegram();
        await tg.waitFor(() => tg.pendingUpdates().length === 0); // confirmed by the next poll: handled
        await claimOnWechat();
      } else if (round.first === 'wechat') {
        await Promise.all([claimOnWechat(), new Promise((r) => setImmediate(r)).then(pressOnTelegram)]);
      } else {
        await Promise.all([pressOnTelegram(), claimOnWechat()]);
      }

      // Both get their answer: the WeChat volunteer a reply, the Telegram volunteer one on the button.
      await h.wx.waitFor(() => h.read(WX_VOLUNTEER).length > wxBefore);
      await tg.waitFor(() => tg.calls.some((c) => c.method === 'answerCallbackQuery' && c.params.callback_query_id === queryId));
      const wxAnswer = h.read(WX_VOLUNTEER)[wxBefore]!;
      const button = tg.calls.find((c) => c.method === 'answerCallbackQuery' && c.params.callback_query_id === queryId)!.params;
      const wechatWon = wxAnswer.includes(`您已接单 ${ticket}`);
      const telegramWon = button.text !== t.claimAlreadyTaken(WX_NAME);
      expect([wechatWon, telegramWon].filter(Boolean), `wechat: ${wxAnswer}\ntelegram button: ${button.text}`).toHaveLength(1);
      const winner = wechatWon ? WX_NAME : TG_NAME;
      if (round.first === 'telegram') expect(winner).toBe(TG_NAME);

      // The resident is told who took it, and every card says so.
      await h.wx.waitFor(() => h.read(round.resident).includes(t.residentClaimed(ticket, winner)));
      await tg.waitFor(() => tg.lastMessage(GROUP)?.text === t.cardTaken(ticket, winner));

      if (wechatWon) {
        for (const s of secret) expect(wxAnswer).toContain(s);
        expect(button.text).toBe(t.claimAlreadyTaken(WX_NAME));
      } else {
        expect(wxAnswer).toBe(t.claimAlreadyTaken(TG_NAME));
        await tg.waitFor(() => tg.sentMessages(TG_VOLUNTEER).some((m) => String(m.text).includes(`您已接单 ${ticket}`)));
        const details = tg.sentMessages(TG_VOLUNTEER).find((m) => String(m.text).includes(`您已接单 ${ticket}`));
        for (const s of secret) expect(details.text).toContain(s);
      }

      // The details went to the winner alone: not to the loser, not to any group, not to the organizers.
      const loserRead = wechatWon
        ? tg
            .sentMessages(TG_VOLUNTEER)
            .slice(tgBefore)
            .map((m) => String(m.text))
        : h.read(WX_VOLUNTEER).slice(wxBefore);
      for (const s of secret) expect(loserRead.join('\n')).not.toContain(s);
      const elsewhere = [
        ...tg.calls.filter((c) => String(c.params?.chat_id) === String(GROUP)).map((c) => String(c.params.text ?? '')),
        ...tg.sentMessages(TG_ORGANIZER).map((m) => String(m.text)),
        ...h.read(WX_ORGANIZER),
      ].join('\n');
      for (const s of secret) expect(elsewhere).not.toContain(s);
      expect(h.read(round.resident).filter((m) => m.includes('已由志愿者'))).toEqual([t.residentClaimed(ticket, winner)]);
    },
    LONG_MS,
  );

  it('the WeChat volunteer can tap the offer’s 我来接单 and then 出发 instead of typing', { timeout: LONG_MS }, async () => {
    const resident = 'oResident_Race_Tap';
    const ticket = await wechatRequest(h, resident, '电视坏了', '文昌小区4幢4单元404', '13811110004');
    await h.wx.waitFor(() => h.read(WX_VOLUNTEER).some((m) => m.includes(`附近有新求助 ${ticket}`)));
    const offer = h.lastMenu(WX_VOLUNTEER);
    const claim = offer.list.find((o) => o.content === t.claimButton)!;
    expect(claim.id).toBe(`c:claim:${ticket}`);

    const [details] = await h.act(WX_VOLUNTEER, () => h.wx.menuReply(WX_VOLUNTEER, claim.id, claim.content));
    expect(details).toContain(`您已接单 ${ticket}`);
    expect(details).toContain('13811110004');
    const depart = h.lastMenu(WX_VOLUNTEER).list.find((o) => o.content === t.visitButtons.depart)!;
    expect(await h.act(WX_VOLUNTEER, () => h.wx.menuReply(WX_VOLUNTEER, depart.id, depart.content))).toEqual([t.departed(ticket)]);
    await h.wx.waitFor(() => h.read(resident).includes(t.residentDeparted(ticket, WX_NAME)));
  });
});
