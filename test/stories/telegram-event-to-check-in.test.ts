import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isoLocal } from '../../src/domain/events/time.js';
import { dispatchTexts } from '../../src/texts/dispatch.js';
import { eventTexts as t } from '../../src/texts/events.js';
import { backends } from '../support/db.js';
import { approvedVolunteer, startTelegramHarness, type TelegramHarness } from '../support/telegram-harness.js';
import { LONG_MS } from '../support/patience.js';

const ORGANIZER = 5100;
const VOLUNTEER = 6100;
const GROUP = -1005678;

describe.each(backends)('an event through Telegram, from creating it to a check-in [%s]', (backend) => {
  let h: TelegramHarness;
  beforeAll(async () => {
    h = await startTelegramHarness(backend, { ORGANIZERS: `telegram:${ORGANIZER}` });
  }, LONG_MS);
  afterAll(async () => {
    await h?.close();
  });

  const say = (...update: Parameters<TelegramHarness['say']>) => h.say(...update);
  const press = (...update: Parameters<TelegramHarness['press']>) => h.press(...update);

  it('an organizer creates an event, it is announced, a volunteer signs up by the button and checks in', { timeout: LONG_MS }, async () => {
    const [bound] = await h.exchange(say(GROUP, ORGANIZER, '/bind 文昌社区', '王站长'), GROUP);
    expect(bound.text).toBe(dispatchTexts.bound('文昌社区', null));
    await approvedVolunteer(h, VOLUNTEER, ORGANIZER, '李师傅');

    // The organizer creates an event starting in half an hour (the real clock: check-in is open then).
    const startsAt = isoLocal(new Date(Date.now() + 30 * 60_000), 'Asia/Shanghai');
    const [welcome] = await h.exchange(say(ORGANIZER, ORGANIZER, '发布活动', '王站长'), ORGANIZER);
    expect(welcome.text).toBe(`${t.welcome}\n${t.askTitle}`);
    await h.exchange(say(ORGANIZER, ORGANIZER, '便民服务, 理发'), ORGANIZER);
    await h.exchange(say(ORGANIZER, ORGANIZER, startsAt), ORGANIZER);
    await h.exchange(say(ORGANIZER, ORGANIZER, '文昌社区广场'), ORGANIZER);
    const [services] = await h.exchange(say(ORGANIZER, ORGANIZER, '文昌'), ORGANIZER);
    expect(services.text).toBe(t.askServices);
    await h.exchange(press(ORGANIZER, ORGANIZER, '生活求助类'), ORGANIZER);
    await h.exchange(press(ORGANIZER, ORGANIZER, t.servicesDone), ORGANIZER);
    const [summary] = await h.exchange(say(ORGANIZER, ORGANIZER, '5'), ORGANIZER);
    expect(summary.text).toContain('站点：文昌社区');
    const groupBefore = h.standin.sentMessages(GROUP).length;
    const [created] = await h.exchange(press(ORGANIZER, ORGANIZER, t.summaryChoices.submit), ORGANIZER);
    const id = Number(/编号 (\d+)/.exec(created.text)![1]);
    expect(created.text).toBe(t.created(id, 1));

    // The card in the group, with the 报名 button and the count.
    await h.standin.waitFor(() => h.standin.sentMessages(GROUP).length > groupBefore);
    const card = h.standin.lastMessage(GROUP);
    expect(card.text).toContain(`活动 ${id}：便民服务, 理发`);
    expect(card.text).toContain('已报名 0/5');

    // Someone unregistered presses: refused on the button. The volunteer presses: signed up, the card edited.
    h.standin.pushUpdate(press(GROUP, 8100, t.signupButton, card));
    await h.standin.waitFor(() => h.standin.calls.some((c) => c.method === 'answerCallbackQuery' && c.params.text === t.notVolunteer));
    h.standin.pushUpdate(press(GROUP, VOLUNTEER, t.signupButton, card));
    await h.standin.waitFor(() => h.standin.calls.some((c) => c.method === 'answerCallbackQuery' && String(c.params.text).startsWith('报名成功')));
    await h.standin.waitFor(() =>
      h.standin.calls.some((c) => c.method === 'editMessageText' && String(c.params.text).includes('已报名 1/5') && c.params.message_id === card.message_id),
    );

    // On the day: 签到 typed privately; the organizer sees it in /event.
    const [checkedIn] = await h.exchange(say(VOLUNTEER, VOLUNTEER, `签到 ${id}`, '李师傅'), VOLUNTEER);
    expect(checkedIn.text).toBe(t.checkedIn(id, '便民服务, 理发'));
    const [detail] = await h.exchange(say(ORGANIZER, ORGANIZER, `/event ${id}`, '王站长'), ORGANIZER);
    expect(detail.text).toMatch(/李师傅（编号 \d+）已报名 签到 \d\d:\d\d/);
  });
});
