import { eq, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { requests } from '../../../db/schema.js';
import { dispatchTexts as t } from '../../../src/texts/dispatch.js';
import { parseHours, recordVisitStep } from '../../../src/domain/dispatch/visit.js';
import { cancelByResident } from '../../../src/domain/requests/requests.js';
import { describeDb } from '../../support/db.js';
import { createDispatchApp, type DispatchApp } from '../../support/dispatch-app.js';

/** Resolves once a session of this PostgreSQL database waits for a lock. */
async function lockWaited(db: DispatchApp['db']) {
  for (;;) {
    const rows = (await db.execute(
      sql`select count(*)::int as n from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock'`,
    )) as unknown as { n: number }[];
    if (rows[0]!.n > 0) return;
    await new Promise((r) => setTimeout(r, 5));
  }
}

describe('reading reported hours', () => {
  it.each([
    ['1.5小时', 1.5],
    ['2h', 2],
    ['半小时', 0.5],
    ['90分钟', 1.5],
    ['3', 3],
    ['2个小时', 2],
    ['很久', null],
    ['0', null],
    ['25小时', null],
    ['', null],
  ])('%s → %s', (text, hours) => {
    expect(parseHours(text)).toBe(hours);
  });
});

describeDb('the visit', (ctx) => {
  describe('reporting a visit by text, with mistakes', () => {
    it('asks again for unreadable hours, refuses strangers, and records 到达 and 完成 without a note', async () => {
      const app = await createDispatchApp(ctx.database);
      await app.bindGroup('g-visit', 'nanhu-jianshe-wenchang');
      await app.volunteer('v-visit', 'nanhu-jianshe-wenchang', { name: '韩师傅' });
      await app.volunteer('v-other', 'nanhu-jianshe-wenchang', { name: '别人' });
      const ticket = await app.request('r-visit');
      await app.press('g-visit', 'v-visit', `claim:${ticket}`);

      await app.say('v-other', 'v-other', `出发 ${ticket}`);
      expect(app.lastTo('v-other')!.payload.text).toBe(t.notYourTask(ticket));
      await app.say('v-visit', 'v-visit', `完成 ${ticket} 很久 修好了`);
      expect(app.lastTo('v-visit')!.payload.text).toBe(t.doneHowTo(ticket));
      await app.press('v-visit', 'v-visit', `done:${ticket}`);
      expect(app.lastTo('v-visit')!.payload.text).toBe(t.doneHowTo(ticket));
      await app.say('v-visit', 'v-visit', `到达 ${ticket}`);
      expect(app.lastTo('v-visit')!.payload.text).toBe(t.arrived(ticket));
      expect(app.to('r-visit').at(-1)!.payload.text).toBe(t.residentArrived(ticket, '韩师傅'));
      const [during] = await app.db.select().from(requests).where(eq(requests.ticket, ticket));
      expect(during!.status).toBe('in_progress');
      await app.say('v-visit', 'v-visit', `完成 ${ticket} 半小时`);
      expect(app.lastTo('v-visit')!.payload.text).toBe(t.doneRecorded(ticket, 0.5));
      await app.say('v-visit', 'v-visit', `完成 ${ticket} 1小时`);
      expect(app.lastTo('v-visit')!.payload.text).toBe(t.notYourTask(ticket));
    });
  });

  describe('what the resident is told', () => {
    it('each step with a notice for template messages: the ticket, service, community, volunteer and status, no address or phone', async () => {
      const app = await createDispatchApp(ctx.database);
      const C = 'nanhu-jiefang-tianfu';
      await app.bindGroup('g-notice', C);
      await app.volunteer('v-notice', C, { name: '蒋师傅', skills: ['furniture-repair'] });
      const { ticket } = await app.storedRequest('r-notice', { community: C, item: 'furniture-repair' });
      const fields = { ticket, service: '家具维修', community: '天福社区', volunteer: '蒋师傅' };
      const told = () => app.lastTo('r-notice')!.payload;
      await app.press('g-notice', 'v-notice', `claim:${ticket}`);
      expect(told()).toEqual({ text: t.residentClaimed(ticket, '蒋师傅'), notice: { kind: 'request_claimed', fields: { ...fields, status: '已接单' } } });
      await app.say('v-notice', 'v-notice', `出发 ${ticket}`);
      expect(told()).toEqual({ text: t.residentDeparted(ticket, '蒋师傅'), notice: { kind: 'volunteer_departed', fields: { ...fields, status: '已出发' } } });
      await app.say('v-notice', 'v-notice', `到达 ${ticket}`);
      expect(told()).toEqual({ text: t.residentArrived(ticket, '蒋师傅'), notice: { kind: 'volunteer_arrived', fields: { ...fields, status: '已到达' } } });
      await app.say('v-notice', 'v-notice', `放弃 ${ticket} 工具不够`);
      const { volunteer: _, ...released } = fields;
      expect(told()).toEqual({ text: t.residentReleased(ticket), notice: { kind: 'request_released', fields: { ...released, status: '重新安排中' } } });
      await app.press('g-notice', 'v-notice', `claim:${ticket}`);
      await app.say('v-notice', 'v-notice', `完成 ${ticket} 1小时 修好了`);
      expect(told()).toEqual({ text: t.residentDone(ticket, '蒋师傅'), notice: { kind: 'request_done', fields: { ...fields, status: '已完成' } } });
      for (const m of app.to('r-notice')) expect(JSON.stringify(m.payload.notice ?? {})).not.toMatch(/13812345678|幸福小区|7幢/);
    });
  });

  describe('a visit and the resident’s cancel', () => {
    it('tells the volunteer and edits the cards when the resident cancels', async () => {
      const app = await createDispatchApp(ctx.database);
      await app.bindGroup('g-cancel', 'nanhu-jianshe-wenchang');
      await app.volunteer('v-cancel', 'nanhu-jianshe-wenchang', { name: '钱师傅' });
      const ticket = await app.request('r-cancel');
      await app.press('g-cancel', 'v-cancel', `claim:${ticket}`);
      await app.say('r-cancel', 'r-cancel', '查询');
      await app.say('r-cancel', 'r-cancel', '1');
      await app.say('r-cancel', 'r-cancel', '1');
      expect(app.lastTo('v-cancel')!.payload.text).toBe(t.volunteerResidentCancelled(ticket));
      expect(app.lastTo('g-cancel')!.payload.text).toBe(t.cardCancelled(ticket));
      expect(await app.say('v-cancel', 'v-cancel', `出发 ${ticket}`)).toMatchObject({ status: 'handled' });
      expect(app.lastTo('v-cancel')!.payload.text).toBe(t.notYourTask(ticket));
    });

    it('lets a resident’s cancel and a volunteer’s 完成 at the same moment end as cancelled, not overwritten', async () => {
      const app = await createDispatchApp(ctx.database);
      await app.bindGroup('g-racecancel', 'nanhu-jianshe-wenchang');
      const vol = await app.volunteer('v-racecancel', 'nanhu-jianshe-wenchang', { name: '冯师傅' });
      const ticket = await app.request('r-racecancel');
      await app.press('g-racecancel', 'v-racecancel', `claim:${ticket}`);
      const [req] = await app.db.select().from(requests).where(eq(requests.ticket, ticket));
      let release = () => {};
      const gate = new Promise<void>((r) => (release = r));
      let cancelled = () => {};
      const cancelling = new Promise<void>((r) => (cancelled = r));
      const cancel = app.db.transaction(async (tx) => {
        const r = await cancelByResident(tx, req!.residentId, ticket, new Date());
        cancelled();
        await gate; // hold the cancel open while the volunteer reports done
        return r;
      });
      await cancelling;
      const done = app.db.transaction((tx) => recordVisitStep(tx, ticket, vol, 'done', new Date(), { hours: 1, note: '' }));
      // On PostgreSQL, the 完成 waits for the cancel's lock (PGlite runs one transaction at a time anyway).
      if (ctx.backend === 'postgres') await lockWaited(app.db);
      release();
      expect(await cancel).not.toBeNull();
      expect(await done).toBe(t.notYourTask(ticket));
      const [after] = await app.db.select().from(requests).where(eq(requests.id, req!.id));
      expect(after!.status).toBe('cancelled');
    });
  });
});
