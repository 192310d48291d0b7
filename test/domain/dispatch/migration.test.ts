import { eq } from 'drizzle-orm';
import { expect, it } from 'vitest';
import { chatGroups } from '../../../db/schema.js';
import { DeliveryError } from '../../../src/core/ports.js';
import { describeDb } from '../../support/db.js';
import { createDispatchApp } from '../../support/dispatch-app.js';

describeDb('a group that moved to a new chat id', (ctx) => {
  it('is followed: the card arrives in the new chat and the binding moves with it', async () => {
    const app = await createDispatchApp(ctx.database);
    await app.bindGroup('g-old', 'nanhu-jianshe-hexing');
    app.sender.failWith((chatId) => (chatId === 'g-old' ? new DeliveryError('chat_migrated', 'group upgraded', { permanent: false, newChatId: 'g-new' }) : null));
    const first = await app.request('r-mig-1', { community: '禾兴', address: '禾兴小区1幢101' });
    await app.delivery.deliverDue();
    expect(app.to('g-new').map((m) => m.payload.text).join()).toContain(first);
    const [row] = await app.db.select().from(chatGroups).where(eq(chatGroups.chatId, 'g-new'));
    expect(row?.stationId).toBe(app.stationId('nanhu-jianshe-hexing'));
    const second = await app.request('r-mig-2', { community: '禾兴', address: '禾兴小区2幢202' });
    expect(app.to('g-new').map((m) => m.payload.text).join()).toContain(second);
  });
});
