import { and, eq } from 'drizzle-orm';
import { expect, it } from 'vitest';
import { chatGroups, outbox } from '../../../db/schema.js';
import { dispatchTexts as t } from '../../../src/texts/dispatch.js';
import { DeliveryError } from '../../../src/core/ports.js';
import { describeDb } from '../../support/db.js';
import { createDispatchApp } from '../../support/dispatch-app.js';
import { LONG_MS } from '../../support/patience.js';

describeDb('a group that moved to a new chat id', (ctx) => {
  it('is followed: the card arrives in the new chat and the binding moves with it', { timeout: LONG_MS }, async () => {
    const app = await createDispatchApp(ctx.database);
    await app.bindGroup('g-old', 'nanhu-jianshe-hexing');
    app.sender.failWith((chatId) =>
      chatId === 'g-old' ? new DeliveryError('chat_migrated', 'group upgraded', { permanent: false, newChatId: 'g-new' }) : null,
    );
    const first = await app.request('r-mig-1', { community: '禾兴', address: '禾兴小区1幢101' });
    await app.delivery.deliverDue();
    expect(
      app
        .to('g-new')
        .map((m) => m.payload.text)
        .join(),
    ).toContain(first);
    const [row] = await app.db.select().from(chatGroups).where(eq(chatGroups.chatId, 'g-new'));
    expect(row?.stationId).toBe(app.stationId('nanhu-jianshe-hexing'));
    const second = await app.request('r-mig-2', { community: '禾兴', address: '禾兴小区2幢202' });
    expect(
      app
        .to('g-new')
        .map((m) => m.payload.text)
        .join(),
    ).toContain(second);
  });

  it('is followed any number of times (both service messages, redeliveries), and a binding made in the new chat meanwhile stays', async () => {
    const app = await createDispatchApp(ctx.database);
    await app.bindGroup('g-old3', 'nanhu-jianshe-hexing');
    for (let i = 0; i < 3; i++) await app.dispatch.followMigratedChat(app.db, 'test', 'g-old3', 'g-new3');
    const groups = async (...ids: string[]) =>
      (await app.db.select().from(chatGroups)).filter((g) => ids.includes(g.chatId)).map((g) => [g.chatId, g.stationId]);
    expect(await groups('g-old3', 'g-new3')).toEqual([['g-new3', app.stationId('nanhu-jianshe-hexing')]]);

    await app.bindGroup('g-old4', 'nanhu-jianshe-hexing');
    await app.bindGroup('g-new4', 'nanhu-jianshe-wenchang');
    await app.dispatch.followMigratedChat(app.db, 'test', 'g-old4', 'g-new4');
    expect(await groups('g-old4', 'g-new4')).toEqual([['g-new4', app.stationId('nanhu-jianshe-wenchang')]]);
  });

  it('turns an edit of a card left in the old chat into a new message in the new one, instead of retrying forever', async () => {
    const app = await createDispatchApp(ctx.database);
    await app.bindGroup('g-old2', 'nanhu-jianshe-haiyantang');
    await app.volunteer('v-mig', 'nanhu-jianshe-haiyantang', { name: '陈师傅' });
    const ticket = await app.request('r-mig-3', { community: '海盐塘', address: '盐塘新村5幢505' });
    expect(app.to('g-old2')).toHaveLength(1);
    // The group now lives at g-new2: the old card can no longer be edited.
    app.sender.failWith((chatId) =>
      chatId === 'g-old2' ? new DeliveryError('chat_migrated', 'group upgraded', { permanent: false, newChatId: 'g-new2' }) : null,
    );
    await app.say('g-old2', 'v-mig', `接单 ${ticket}`, '陈师傅');
    await app.delivery.deliverDue();
    const arrived = app.to('g-new2').map((m) => m.payload.text);
    expect(arrived).toContain(t.cardTaken(ticket, '陈师傅'));
    const stuck = await app.db
      .select()
      .from(outbox)
      .where(and(eq(outbox.chatId, 'g-old2'), eq(outbox.status, 'pending')));
    expect(stuck).toHaveLength(0);
  });
});
