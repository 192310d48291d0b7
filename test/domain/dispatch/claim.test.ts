import { eq } from 'drizzle-orm';
import { expect, it } from 'vitest';
import { outbox, requests, reveals } from '../../../db/schema.js';
import { dispatchTexts as t } from '../../../src/texts/dispatch.js';
import { claimRefusal, claimRequest } from '../../../src/domain/dispatch/claim.js';
import { ensurePerson } from '../../../src/domain/people/people.js';
import { createRequest } from '../../../src/domain/requests/requests.js';
import { describeDb } from '../../support/db.js';
import { createDispatchApp, type DispatchApp } from '../../support/dispatch-app.js';
import { LONG_MS } from '../../support/patience.js';
import { requestFields } from '../../support/requests.js';

const VOLUNTEERS = 50;

async function storedRequest(app: DispatchApp, n: number) {
  const resident = await ensurePerson(app.db, 'test', `race-r${n}`, '居民');
  const r = await app.db.transaction((tx) =>
    createRequest(
      tx,
      requestFields(),
      { residentId: resident.id, channel: 'test', chatId: `race-r${n}`, conversationKey: `test:race-r${n}:race-r${n}` },
      new Date(),
    ),
  );
  await app.db.transaction((tx) => app.dispatch.afterRequestCreated(tx, r.id, [], new Date()));
  return r;
}

describeDb('claiming: exactly one winner', (ctx) => {
  it(`gives a task to one of ${VOLUNTEERS} volunteers claiming at once, and refuses the others clearly (repeated)`, { timeout: LONG_MS }, async () => {
    const app = await createDispatchApp(ctx.database);
    await app.bindGroup('g-race', 'nanhu-jianshe-wenchang');
    const volunteerIds = await Promise.all(
      Array.from({ length: VOLUNTEERS }, (_, i) => app.volunteer(`race-v${i}`, 'nanhu-jianshe-wenchang', { name: `志愿者${i}` })),
    );
    // The race only means something with real concurrency: PostgreSQL, 20 rounds. PGlite (one connection) checks the logic once.
    const rounds = ctx.backend === 'postgres' ? 20 : 1;
    for (let round = 0; round < rounds; round++) {
      const { id, ticket } = await storedRequest(app, round);
      const results = await Promise.all(volunteerIds.map((v) => app.db.transaction((tx) => claimRequest(tx, ticket, v, new Date()))));
      const winners = results.filter((r) => r.ok);
      expect(winners).toHaveLength(1);
      const refusals = results.filter((r) => !r.ok);
      expect(refusals).toHaveLength(VOLUNTEERS - 1);
      const winnerName = winners[0]!.ok ? winners[0]!.volunteerName : '';
      for (const r of refusals) expect(r.ok ? '' : claimRefusal(r, '96345')).toBe(t.claimAlreadyTaken(winnerName));
      const [row] = await app.db.select().from(requests).where(eq(requests.id, id));
      expect(row!.status).toBe('claimed');
      expect(volunteerIds[results.findIndex((r) => r.ok)]).toBe(row!.volunteerId);
      expect(await app.db.select().from(reveals).where(eq(reveals.requestId, id))).toHaveLength(1);
    }
  });

  it('lets one of many volunteers pressing the card’s button at once win, through the whole runtime', { timeout: LONG_MS }, async () => {
    const app = await createDispatchApp(ctx.database);
    await app.bindGroup('g-race2', 'nanhu-jianshe-wenchang');
    const ids = await Promise.all(Array.from({ length: 20 }, (_, i) => app.volunteer(`press-v${i}`, 'nanhu-jianshe-wenchang', { name: `按钮${i}` })));
    const ticket = await app.request('press-r');
    const results = await Promise.all(ids.map((_, i) => app.press('g-race2', `press-v${i}`, `claim:${ticket}`, `按钮${i}`)));
    expect(results.every((r) => r.status === 'handled')).toBe(true);
    const notices = results.map((r) => (r.status === 'handled' ? r.notice : undefined)).filter(Boolean);
    expect(notices).toHaveLength(19);
    const privateDetails = await app.db.select().from(outbox).where(eq(outbox.status, 'sent'));
    const detailChats = privateDetails
      .filter((o) => o.chatId !== 'press-r' && String((o.payload as { text: string }).text).includes('13812345678'))
      .map((o) => o.chatId);
    expect(detailChats).toHaveLength(1);
    expect(detailChats[0]).toMatch(/^press-v\d+$/);
  });

  it('refuses people who may not take tasks, each with a clear reason', async () => {
    const app = await createDispatchApp(ctx.database);
    await app.bindGroup('g-refuse', 'nanhu-jianshe-wenchang');
    const { ticket } = await storedRequest(app, 1000);
    const until = new Date(Date.now() + 30 * 86400_000);
    const cases: [string, Awaited<ReturnType<typeof app.volunteer>> | null, string][] = [
      ['nobody', null, t.claimNotVolunteer],
      ['pending', await app.volunteer('ref-pending', 'nanhu-jianshe-wenchang', { status: 'pending' }), t.claimPending],
      ['rejected', await app.volunteer('ref-rejected', 'nanhu-jianshe-wenchang', { status: 'rejected' }), t.claimRejected('96345')],
    ];
    const stranger = await ensurePerson(app.db, 'test', 'ref-stranger', '路人');
    cases[0]![1] = stranger.id;
    for (const [, personId, expected] of cases) {
      const r = await app.db.transaction((tx) => claimRequest(tx, ticket, personId!, new Date()));
      expect(r.ok ? '' : claimRefusal(r, '96345')).toBe(expected);
    }
    const suspended = await app.volunteer('ref-suspended', 'nanhu-jianshe-wenchang', { suspendedUntil: until });
    const s = await app.db.transaction((tx) => claimRequest(tx, ticket, suspended, new Date()));
    expect(s.ok).toBe(false);
    expect(s.ok ? '' : claimRefusal(s, '96345')).toMatch(/^您目前暂停接单，至 .+ 恢复。$/);
    const unknown = await app.db.transaction((tx) => claimRequest(tx, '20990101-0001', suspended, new Date()));
    expect(unknown.ok ? '' : claimRefusal(unknown, '96345')).toBe(t.unknownTicket('20990101-0001'));
    const [row] = await app.db.select().from(requests).where(eq(requests.ticket, ticket));
    expect(row!.status).toBe('open');
    // Typed in the group by someone unregistered: answered privately, the group sees nothing.
    await app.delivery.deliverDue();
    const groupBefore = app.to('g-refuse').length;
    await app.say('g-refuse', 'ref-typed', `接单 ${ticket}`, '老王');
    expect(app.lastTo('ref-typed')!.payload.text).toBe(t.claimNotVolunteer);
    expect(app.to('g-refuse')).toHaveLength(groupBefore);
    // A ticket typed in a group it was never announced in opens nothing.
    await app.bindGroup('g-elsewhere', 'xiuzhou');
    await app.say('g-elsewhere', 'ref-suspended', `接单 ${ticket}`);
    expect(app.lastTo('ref-suspended')!.payload.text).toBe(t.notAnnouncedHere(ticket));
  });

  it('delivers a claim’s messages once after a crash between commit and delivery', async () => {
    const crashed = await createDispatchApp(ctx.database, { noDelivery: true });
    await crashed.bindGroup('g-crash', 'nanhu-jianshe-wenchang');
    await crashed.volunteer('v-crash', 'nanhu-jianshe-wenchang', { name: '孙师傅' });
    const restarted = await createDispatchApp(ctx.database);
    const ticket = await restarted.request('r-crash');
    await crashed.press('g-crash', 'v-crash', `claim:${ticket}`);
    expect(crashed.sender.log).toHaveLength(0);
    await restarted.delivery.deliverDue();
    await restarted.delivery.deliverDue();
    expect(restarted.to('v-crash').filter((m) => m.payload.text.includes('13812345678'))).toHaveLength(1);
    expect(restarted.to('r-crash').filter((m) => m.payload.text === t.residentClaimed(ticket, '孙师傅'))).toHaveLength(1);
  });
});
