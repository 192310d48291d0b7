import { eq } from 'drizzle-orm';
import { expect, it } from 'vitest';
import { alerts, requests } from '../../../db/schema.js';
import { recordAlert } from '../../../src/domain/alerts.js';
import { appendEvent, CANCELLABLE, cancelByResident, createRequest, historyOf, listRequestsOf, RequestError } from '../../../src/domain/requests/requests.js';
import { describeDb } from '../../support/db.js';
import { REQUEST_FIELDS, residentOwner } from './fixtures.js';

const fields = REQUEST_FIELDS;
const at = new Date('2026-06-01T02:00:00Z');

describeDb('requests', (ctx) => {
  const db = () => ctx.database.db;
  const resident = (id: string) => residentOwner(db(), id);

  it('stores a request with a ticket, every field, status open, and a first `created` event', async () => {
    const owner = await resident('q-store');
    const { id, ticket } = await createRequest(db(), { ...fields, urgent: true, emergencyWords: ['摔倒'], attachments: ['telegram-photo:x'] }, owner, at);
    expect(ticket).toMatch(/^20260601-\d{4}$/);
    const [row] = await db().select().from(requests).where(eq(requests.id, id));
    expect(row).toMatchObject({
      ticket,
      residentId: owner.residentId,
      channel: 'test',
      chatId: 'q-store',
      itemCode: 'appliance-repair',
      status: 'open',
      urgent: true,
      attachments: ['telegram-photo:x'],
      address: fields.address,
      phone: fields.phone,
    });
    expect(row!.openedAt).toEqual(at);
    const history = await historyOf(db(), id);
    expect(history.map((e) => [e.type, e.actorId, e.data])).toEqual([['created', owner.residentId, { urgent: true, emergencyWords: ['摔倒'] }]]);
  });

  it('links the conversation’s open alerts to the request, and no one else’s', async () => {
    const owner = await resident('q-alert');
    const other = await resident('q-alert-other');
    const mine = await recordAlert(
      db(),
      { kind: 'emergency', personId: owner.residentId, conversationKey: owner.conversationKey, detail: { words: ['摔倒'] } },
      at,
    );
    const theirs = await recordAlert(db(), { kind: 'emergency', personId: other.residentId, conversationKey: other.conversationKey, detail: {} }, at);
    const first = await createRequest(db(), fields, owner, at);
    const second = await createRequest(db(), fields, owner, at);
    const rows = await db().select().from(alerts);
    expect(rows.find((a) => a.id === mine)!.requestId).toBe(first.id);
    expect(rows.find((a) => a.id === theirs)!.requestId).toBeNull();
    // Already linked: the next request of the conversation does not take it over.
    expect(rows.filter((a) => a.requestId === second.id)).toHaveLength(0);
  });

  it('refuses an unknown community or item, saying which', async () => {
    const owner = await resident('q-unknown');
    await expect(createRequest(db(), { ...fields, communityCode: 'nowhere' }, owner, at)).rejects.toMatchObject({
      name: 'RequestError',
      code: 'unknown_station',
    });
    await expect(createRequest(db(), { ...fields, itemCode: 'no-such-item' }, owner, at)).rejects.toBeInstanceOf(RequestError);
    await expect(createRequest(db(), { ...fields, itemCode: 'no-such-item' }, owner, at)).rejects.toMatchObject({ code: 'unknown_item' });
  });

  it('lists a resident’s own requests, newest first, with the item’s name, up to a limit', async () => {
    const owner = await resident('q-list');
    const a = await createRequest(db(), fields, owner, at);
    const b = await createRequest(db(), { ...fields, classCode: 'daily-life', itemCode: 'haircut' }, owner, at);
    await createRequest(db(), fields, await resident('q-list-other'), at);
    const list = await listRequestsOf(db(), owner.residentId);
    expect(list.map((r) => [r.ticket, r.itemName, r.status])).toEqual([
      [b.ticket, '理发', 'open'],
      [a.ticket, '家电维修', 'open'],
    ]);
    expect(await listRequestsOf(db(), owner.residentId, 1)).toHaveLength(1);
  });

  it('cancels a resident’s own open request once, telling who was assigned; not someone else’s, not twice', async () => {
    const owner = await resident('q-cancel');
    const stranger = await resident('q-cancel-stranger');
    const { id, ticket } = await createRequest(db(), fields, owner, at);
    await db().update(requests).set({ status: 'claimed', volunteerId: stranger.residentId }).where(eq(requests.id, id));
    expect(await cancelByResident(db(), stranger.residentId, ticket, at)).toBeNull();
    expect(await cancelByResident(db(), owner.residentId, ticket, at)).toEqual({ requestId: id, volunteerId: stranger.residentId });
    expect(await cancelByResident(db(), owner.residentId, ticket, at)).toBeNull();
    const [row] = await db().select().from(requests).where(eq(requests.id, id));
    expect(row!.status).toBe('cancelled');
    expect((await historyOf(db(), id)).map((e) => [e.type, e.data])).toEqual([
      ['created', { urgent: false, emergencyWords: [] }],
      ['cancelled', { by: 'resident' }],
    ]);
  });

  it('a request already done can no longer be cancelled', async () => {
    const owner = await resident('q-done');
    const { id, ticket } = await createRequest(db(), fields, owner, at);
    await db().update(requests).set({ status: 'done' }).where(eq(requests.id, id));
    expect(CANCELLABLE).not.toContain('done');
    expect(await cancelByResident(db(), owner.residentId, ticket, at)).toBeNull();
    expect((await db().select().from(requests).where(eq(requests.id, id)))[0]!.status).toBe('done');
  });

  it('keeps a request’s history in order', async () => {
    const owner = await resident('q-history');
    const { id } = await createRequest(db(), fields, owner, at);
    await appendEvent(db(), id, 'claimed', null, { by: 'x' }, new Date(at.getTime() + 1000));
    await appendEvent(db(), id, 'released', null, {}, new Date(at.getTime() + 2000));
    expect((await historyOf(db(), id)).map((e) => e.type)).toEqual(['created', 'claimed', 'released']);
  });
});
