import { eq } from 'drizzle-orm';
import { expect, it } from 'vitest';
import { requestEvents, requests, reveals, visitReports } from '../../db/schema.js';
import { dispatchTexts as t } from '../../src/texts/dispatch.js';
import { describeDb } from '../support/db.js';
import { createDispatchApp } from '../support/dispatch-app.js';

describeDb('dispatch: a request from announcement to done', (ctx) => {
  it('announces, lets one volunteer claim, reveals privately, follows the visit and tells the resident', async () => {
    const app = await createDispatchApp(ctx.database);
    await app.bindGroup('g-wenchang', 'nanhu-jianshe-wenchang');
    const vol = await app.volunteer('v-li', 'nanhu-jianshe-wenchang', { name: '李师傅' });
    const ticket = await app.request('r-zhang');

    const card = app.lastTo('g-wenchang')!;
    expect(card.payload.text).toContain(ticket);
    expect(card.payload.text).toContain('文昌社区');
    expect(card.payload.text).not.toContain('13812345678');
    expect(card.payload.text).not.toContain('3幢2单元501');
    expect(card.payload.choices).toEqual([{ id: `claim:${ticket}`, label: t.claimButton }]);

    await app.press('g-wenchang', 'v-li', `claim:${ticket}`, '李师傅');
    const details = app.lastTo('v-li')!;
    expect(details.payload.text).toContain('13812345678');
    expect(details.payload.text).toContain('文昌小区3幢2单元501');
    const edited = app.lastTo('g-wenchang')!;
    expect(edited.edited).toBe(card.externalId);
    expect(edited.payload.text).toBe(t.cardTaken(ticket, '李师傅'));
    expect(app.to('r-zhang').at(-1)!.payload.text).toBe(t.residentClaimed(ticket, '李师傅'));

    await app.press('v-li', 'v-li', `depart:${ticket}`);
    expect(app.to('r-zhang').at(-1)!.payload.text).toBe(t.residentDeparted(ticket, '李师傅'));
    await app.say('v-li', 'v-li', `完成 ${ticket} 1.5小时 已修好`);
    expect(app.lastTo('v-li')!.payload.text).toBe(t.doneRecorded(ticket, 1.5));
    expect(app.to('r-zhang').at(-1)!.payload.text).toBe(t.residentDone(ticket, '李师傅'));
    expect(app.lastTo('g-wenchang')!.payload.text).toBe(t.cardDone(ticket, '李师傅'));

    const [req] = await app.db.select().from(requests).where(eq(requests.ticket, ticket));
    expect(req).toMatchObject({ status: 'done', volunteerId: vol });
    const events = await app.db.select().from(requestEvents).where(eq(requestEvents.requestId, req!.id)).orderBy(requestEvents.id);
    expect(events.map((e) => e.type)).toEqual(['created', 'claimed', 'departed', 'done']);
    expect(await app.db.select().from(reveals).where(eq(reveals.requestId, req!.id))).toHaveLength(1);
    const [report] = await app.db.select().from(visitReports).where(eq(visitReports.requestId, req!.id));
    expect(report).toMatchObject({ hours: 1.5, note: '已修好' });
  });
});
