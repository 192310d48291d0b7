import { eq } from 'drizzle-orm';
import { expect, it } from 'vitest';
import { conversations, requests } from '../../db/schema.js';
import { texts } from '../../src/texts/resident.js';
import { createTestApp } from '../support/app.js';
import { describeDb } from '../support/db.js';

// REQUESTS_PER_DAY through the whole app: the resident flow asks the domain, the domain says no, the
// resident is told politely with the hotline's number, and nothing is stored.

describeDb('the daily cap in the resident flow', (ctx) => {
  it('refuses a sixth request in one day with the hotline’s number, stores nothing, and takes requests again the next day', async () => {
    let now = new Date('2026-06-01T02:00:00Z'); // 10:00 in Shanghai
    const app = await createTestApp(ctx.database, { clock: () => now, env: { REQUESTS_PER_DAY: '5', HOTLINE_PHONE: '0573-96345' } });
    for (let i = 0; i < 5; i++) await app.completeIntake('cap-resident');
    await app.say('cap-resident', '电视坏了');
    for (const answer of ['1', '文昌', '文昌小区3幢2单元501', '13812345678', '尽快']) await app.say('cap-resident', answer);
    const last = await app.say('cap-resident', '1');
    expect(last.join('\n')).toContain(texts.requestCapped(5, '0573-96345'));
    const [person] = await ctx.database.db.select({ residentId: requests.residentId }).from(requests).where(eq(requests.chatId, 'cap-resident')).limit(1);
    const stored = await ctx.database.db.select().from(requests).where(eq(requests.residentId, person!.residentId));
    expect(stored).toHaveLength(5);
    // The conversation is over: the next message starts afresh.
    const [conv] = await ctx.database.db.select().from(conversations).where(eq(conversations.key, 'test:cap-resident:cap-resident'));
    expect((conv!.snapshot as { status: string }).status).toBe('done');

    now = new Date('2026-06-01T16:00:00Z'); // midnight in Shanghai: a new day
    expect(await app.completeIntake('cap-resident')).toMatch(/^20260602-\d{4}$/);
  });
});
