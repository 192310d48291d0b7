import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dispatchTexts as t } from '../../src/texts/dispatch.js';
import { backends } from '../support/db.js';
import { startTelegramHarness, type TelegramHarness } from '../support/telegram-harness.js';
import { LONG_MS } from '../support/patience.js';

const ORGANIZER = 5000;
const VOLUNTEER = 6000;
const RESIDENT = 7000;
const GROUP = -1001234;

describe.each(backends)('dispatch through Telegram, end to end [%s]', (backend) => {
  let h: TelegramHarness;
  beforeAll(async () => {
    h = await startTelegramHarness(backend, { ORGANIZERS: `telegram:${ORGANIZER}` });
  }, LONG_MS);
  afterAll(async () => {
    await h?.close();
  });

  const say = (...update: Parameters<TelegramHarness['say']>) => h.say(...update);
  const press = (...update: Parameters<TelegramHarness['press']>) => h.press(...update);

  it('goes from a resident’s request to a done visit, telling everyone the right things', { timeout: LONG_MS }, async () => {
    // An unbound group hears once how binding works; a non-organizer cannot bind it.
    const [notBound] = await h.exchange(say(GROUP, VOLUNTEER, '大家好', '李师傅'), GROUP);
    expect(notBound.text).toBe(t.notBound);
    h.standin.pushUpdate(say(GROUP, VOLUNTEER, '/bind 文昌社区', '李师傅'));
    const [bound] = await h.exchange(say(GROUP, ORGANIZER, '/bind 文昌社区', '王站长'), GROUP);
    expect(bound.text).toBe(t.bound('文昌社区', null));
    expect(h.standin.sentMessages(GROUP)).toHaveLength(2);

    // A volunteer registers in private chat; the organizer approves with a button.
    await h.exchange(say(VOLUNTEER, VOLUNTEER, '我要当志愿者', '李师傅'), VOLUNTEER);
    await h.exchange(press(VOLUNTEER, VOLUNTEER, '李师傅'), VOLUNTEER);
    await h.exchange(say(VOLUNTEER, VOLUNTEER, '13900001234'), VOLUNTEER);
    await h.exchange(press(VOLUNTEER, VOLUNTEER, '是（党员）'), VOLUNTEER);
    await h.exchange(press(VOLUNTEER, VOLUNTEER, '生活求助类'), VOLUNTEER);
    await h.exchange(press(VOLUNTEER, VOLUNTEER, '选好了'), VOLUNTEER);
    await h.exchange(say(VOLUNTEER, VOLUNTEER, '文昌'), VOLUNTEER);
    await h.exchange(press(VOLUNTEER, VOLUNTEER, '随时都可以'), VOLUNTEER);
    const before = h.standin.sentMessages(ORGANIZER).length;
    await h.exchange(press(VOLUNTEER, VOLUNTEER, '确认提交'), VOLUNTEER);
    await h.standin.waitFor(() => h.standin.sentMessages(ORGANIZER).length > before);
    const application = h.standin.lastMessage(ORGANIZER);
    expect(application.text).toContain('李师傅');
    const [approved] = await h.exchange(press(ORGANIZER, ORGANIZER, t.approveButton, application), VOLUNTEER);
    expect(approved.text).toBe(t.volunteerApproved);

    // A resident's request appears in the bound group, without private details.
    for (const text of ['家里电视没图像了', '1', '文昌', '文昌小区3幢2单元501', '13812345678', '尽快'])
      await h.exchange(say(RESIDENT, RESIDENT, text, '张阿姨'), RESIDENT);
    const groupBefore = h.standin.sentMessages(GROUP).length;
    const [receipt] = await h.exchange(say(RESIDENT, RESIDENT, '1', '张阿姨'), RESIDENT);
    const ticket = /单号 (\d{8}-\d{4})/.exec(receipt.text)![1]!;
    await h.standin.waitFor(() => h.standin.sentMessages(GROUP).length > groupBefore);
    const card = h.standin.lastMessage(GROUP);
    expect(card.text).toContain(ticket);
    expect(card.text).not.toContain('13812345678');
    expect(card.text).not.toContain('3幢2单元501');

    // Someone unregistered presses first: a clear answer on the button, nothing changes.
    h.standin.pushUpdate(press(GROUP, 8000, t.claimButton, card));
    await h.standin.waitFor(() => h.standin.calls.some((c) => c.method === 'answerCallbackQuery' && c.params.text === t.claimNotVolunteer));

    // The volunteer presses accept: details privately, the card edited, the resident told.
    const [details] = await h.exchange(press(GROUP, VOLUNTEER, t.claimButton, card), VOLUNTEER);
    expect(details.text).toContain('13812345678');
    expect(details.text).toContain('文昌小区3幢2单元501');
    await h.standin.waitFor(() => h.standin.lastMessage(GROUP).text === t.cardTaken(ticket, '李师傅'));
    await h.standin.waitFor(() => h.standin.lastMessage(RESIDENT).text === t.residentClaimed(ticket, '李师傅'));

    // The visit: 出发 by button, 完成 by text; the resident hears each step.
    await h.exchange(press(VOLUNTEER, VOLUNTEER, '出发', details), VOLUNTEER);
    await h.standin.waitFor(() => h.standin.lastMessage(RESIDENT).text === t.residentDeparted(ticket, '李师傅'));
    const [done] = await h.exchange(say(VOLUNTEER, VOLUNTEER, `完成 ${ticket} 1.5小时 已修好`), VOLUNTEER);
    expect(done.text).toBe(t.doneRecorded(ticket, 1.5));
    await h.standin.waitFor(() => h.standin.lastMessage(RESIDENT).text === t.residentDone(ticket, '李师傅'));
    await h.standin.waitFor(() => h.standin.lastMessage(GROUP).text === t.cardDone(ticket, '李师傅'));

    // Nothing with a phone number or house number ever reached the group.
    for (const call of h.standin.calls.filter((c) => String(c.params?.chat_id) === String(GROUP))) {
      expect(String(call.params.text ?? '')).not.toMatch(/1[3-9]\d{9}|\d+幢|\d+单元/);
    }
  });
});
