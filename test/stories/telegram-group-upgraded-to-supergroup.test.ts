import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dispatchTexts as t } from '../../src/texts/dispatch.js';
import type { UpdateInput } from '../standins/telegram-bot-api.js';
import { backends } from '../support/db.js';
import { approvedVolunteer, buttonData, startTelegramHarness, type TelegramHarness } from '../support/telegram-harness.js';
import { LONG_MS } from '../support/patience.js';

// === A bound group becomes a supergroup (new chat id): followed from Telegram's service messages

const ORGANIZER = 5100;
const VOLUNTEER = 6100;
const OLD = -4100;
const NEW = -1009100;
const TICKET = /单号 (\d{8}-\d{4})/;

describe.each(backends)('a bound Telegram group upgraded to a supergroup [%s]', (backend) => {
  let h: TelegramHarness;
  beforeAll(async () => {
    h = await startTelegramHarness(backend, { ORGANIZERS: `telegram:${ORGANIZER}` });
  }, LONG_MS);
  afterAll(async () => {
    await h?.close();
  });

  const say = (...update: Parameters<TelegramHarness['say']>) => h.say(...update);
  let serviceId = 500;
  /** A service message as Telegram sends it: `migrate_to_chat_id` in the old group, `migrate_from_chat_id` in the new one. */
  const service = (chatId: number, extra: { migrate_to_chat_id: number } | { migrate_from_chat_id: number }): UpdateInput => ({
    message: {
      message_id: ++serviceId,
      date: Math.floor(Date.now() / 1000),
      chat: chatId === NEW ? { id: NEW, type: 'supergroup', title: '文昌志愿者' } : { id: OLD, type: 'group', title: '文昌志愿者' },
      from: { id: ORGANIZER, is_bot: false, first_name: '王站长' },
      ...extra,
    } as NonNullable<UpdateInput['message']>,
  });

  /** A resident's typed request; resolves with its ticket once its card reached `groupId`. */
  async function request(resident: number, groupId: number) {
    for (const text of ['家里电视没图像了', '1', '文昌', '文昌小区3幢2单元501', '13812345678', '尽快'])
      await h.exchange(say(resident, resident, text, '张阿姨'), resident);
    const [receipt] = await h.exchange(say(resident, resident, '1', '张阿姨'), resident);
    const ticket = TICKET.exec(receipt.text)![1]!;
    await h.standin.waitFor(() => h.standin.sentMessages(groupId).some((m) => String(m.text).includes(ticket)));
    return ticket;
  }

  it('moves the binding and the cards at once: 接单 and presses in the supergroup work, and nobody is told the group is unbound', {
    timeout: LONG_MS,
  }, async () => {
    const [bound] = await h.exchange(say(OLD, ORGANIZER, '/bind 文昌社区', '王站长'), OLD);
    expect(bound.text).toBe(t.bound('文昌社区', null));
    await approvedVolunteer(h, VOLUNTEER, ORGANIZER, '李师傅');
    const before = await request(7101, OLD);

    // Telegram says so in both chats; the first one also comes a second time (a redelivery).
    const oldSent = h.standin.sentMessages(OLD).length;
    h.standin.pushUpdate(service(OLD, { migrate_to_chat_id: NEW }));
    h.standin.pushUpdate(service(NEW, { migrate_from_chat_id: OLD }));
    h.standin.pushUpdate(service(OLD, { migrate_to_chat_id: NEW }));

    // The card posted before the move is claimed by typing in the supergroup.
    const [details] = await h.exchange(say(NEW, VOLUNTEER, `接单 ${before}`, '李师傅'), VOLUNTEER);
    expect(details.text).toContain(`您已接单 ${before}`);
    await h.standin.waitFor(() => h.standin.sentMessages(7101).some((m) => m.text === t.residentClaimed(before, '李师傅')));

    // A new request goes straight to the supergroup, and its button works there.
    const after = await request(7102, NEW);
    const card = h.standin.lastMessage(NEW);
    expect(card.text).toContain(after);
    const [details2] = await h.exchange(
      h.standin.callbackQuery({ chatId: NEW, userId: VOLUNTEER, firstName: '李师傅', data: buttonData(card, t.claimButton), messageId: card.message_id }),
      VOLUNTEER,
    );
    expect(details2.text).toContain(`您已接单 ${after}`);
    await h.standin.waitFor(() => h.standin.lastMessage(NEW).text === t.cardTaken(after, '李师傅'));

    // Nothing more went to the old chat, and neither chat heard "not bound"; the service messages got no answer.
    expect(h.standin.sentMessages(OLD)).toHaveLength(oldSent);
    expect(h.standin.sentMessages(NEW).map((m) => m.text)).not.toContain(t.notBound);
    expect(h.standin.sentMessages(OLD).map((m) => m.text)).not.toContain(t.notBound);
    expect(h.standin.calls.filter((c) => c.failed)).toEqual([]);
  });
});
