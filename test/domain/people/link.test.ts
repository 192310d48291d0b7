import { eq, inArray } from 'drizzle-orm';
import { expect, it } from 'vitest';
import {
  alerts,
  channelIdentities,
  organizers,
  people,
  privateOffers,
  requestEvents,
  requests,
  reveals,
  stations,
  visitReports,
  volunteers,
} from '../../../db/schema.js';
import { linkPeople } from '../../../src/domain/people/link.js';
import { ensurePerson, rememberPhone } from '../../../src/domain/people/people.js';
import { createRequest } from '../../../src/domain/requests/requests.js';
import { describeDb } from '../../support/db.js';

// === Two person records of one person, merged into one

const at = new Date('2026-06-01T02:00:00Z');

describeDb('linking people', (ctx) => {
  const db = () => ctx.database.db;
  const stationId = async (code: string) => (await db().select().from(stations).where(eq(stations.code, code)))[0]!.id;
  const volunteer = (personId: number, name: string, status: 'pending' | 'approved', stationIdValue: number) =>
    db().insert(volunteers).values({ personId, name, phone: '1', partyMember: false, skills: [], stationId: stationIdValue, availability: '', status });
  const request = (residentId: number, chatId: string) =>
    createRequest(
      db(),
      {
        classCode: 'daily-life',
        itemCode: 'appliance-repair',
        communityCode: 'nanhu-jianshe-wenchang',
        description: '电视坏了',
        address: '某小区1幢101',
        phone: '13900001111',
        wantedTime: '尽快',
        urgent: false,
        emergencyWords: [],
        attachments: [],
      },
      { residentId, channel: 'test', chatId, conversationKey: `test:${chatId}:${chatId}` },
      at,
    );

  it('moves everything of person 2 to person 1, and person 2 is gone', async () => {
    const keep = await ensurePerson(db(), 'test', 'l-keep', '李阿姨');
    const merge = await ensurePerson(db(), 'wechat', 'l-merge', '微信李阿姨');
    await rememberPhone(db(), merge.id, '13900009999');
    const wen = await stationId('nanhu-jianshe-wenchang');
    await volunteer(merge.id, '李秀英', 'approved', wen);
    await volunteer(keep.id, '李秀英', 'pending', wen);
    await db()
      .insert(organizers)
      .values([
        { personId: merge.id, stationId: wen },
        { personId: keep.id, stationId: wen },
        { personId: merge.id, stationId: await stationId('nanhu') },
      ]);
    const asResident = await request(merge.id, 'l-merge');
    const asVolunteer = await request(keep.id, 'l-keep');
    const both = await request(keep.id, 'l-keep');
    await db().update(requests).set({ status: 'done', volunteerId: merge.id }).where(eq(requests.id, asVolunteer.id));
    await db().insert(reveals).values({ requestId: asVolunteer.id, personId: merge.id, reason: 'claim', at });
    await db().insert(visitReports).values({ requestId: asVolunteer.id, volunteerId: merge.id, hours: 1, note: '', at });
    await db()
      .insert(privateOffers)
      .values([
        { requestId: asVolunteer.id, personId: merge.id, channel: 'wechat', chatId: 'l-merge', level: 0, at },
        { requestId: both.id, personId: merge.id, channel: 'wechat', chatId: 'l-merge', level: 0, at },
        { requestId: both.id, personId: keep.id, channel: 'test', chatId: 'l-keep', level: 0, at },
      ]);
    await db().insert(alerts).values({ kind: 'emergency', personId: merge.id, conversationKey: 'test:l-merge:l-merge' });
    await db().insert(requestEvents).values({ requestId: asVolunteer.id, type: 'claimed', actorId: merge.id, at });

    const result = await db().transaction((tx) => linkPeople(tx, keep.id, merge.id));
    expect(result).toEqual({ ok: true, kept: { id: keep.id, name: '李秀英' }, merged: { id: merge.id, name: '李秀英' } });

    expect(await db().select().from(people).where(eq(people.id, merge.id))).toEqual([]);
    expect((await db().select().from(people).where(eq(people.id, keep.id)))[0]!.phone).toBe('13900009999');
    const accounts = await db()
      .select()
      .from(channelIdentities)
      .where(inArray(channelIdentities.externalId, ['l-keep', 'l-merge']));
    expect(accounts.map((a) => a.personId)).toEqual([keep.id, keep.id]);
    // The approved registration stays (it was person 2's), now person 1's.
    expect(
      await db()
        .select({ personId: volunteers.personId, status: volunteers.status })
        .from(volunteers)
        .where(inArray(volunteers.personId, [keep.id, merge.id])),
    ).toEqual([{ personId: keep.id, status: 'approved' }]);
    expect(
      (
        await db()
          .select()
          .from(organizers)
          .where(inArray(organizers.personId, [keep.id, merge.id]))
      ).map((o) => o.personId),
    ).toEqual([keep.id, keep.id]);
    expect((await db().select().from(requests).where(eq(requests.id, asResident.id)))[0]!.residentId).toBe(keep.id);
    expect((await db().select().from(requests).where(eq(requests.id, asVolunteer.id)))[0]!.volunteerId).toBe(keep.id);
    expect((await db().select().from(reveals).where(eq(reveals.requestId, asVolunteer.id)))[0]!.personId).toBe(keep.id);
    expect((await db().select().from(visitReports).where(eq(visitReports.requestId, asVolunteer.id)))[0]!.volunteerId).toBe(keep.id);
    const offers = await db()
      .select()
      .from(privateOffers)
      .where(inArray(privateOffers.requestId, [asVolunteer.id, both.id]));
    expect(offers.map((o) => [o.requestId, o.personId, o.chatId]).sort()).toEqual(
      [
        [asVolunteer.id, keep.id, 'l-merge'],
        [both.id, keep.id, 'l-keep'],
      ].sort(),
    );
    expect((await db().select().from(alerts).where(eq(alerts.conversationKey, 'test:l-merge:l-merge')))[0]!.personId).toBe(keep.id);
    expect(await db().select().from(requestEvents).where(eq(requestEvents.actorId, merge.id))).toEqual([]);
  });

  it('keeps person 1’s registration and phone when both have them', async () => {
    const keep = await ensurePerson(db(), 'test', 'l2-keep', '甲');
    const merge = await ensurePerson(db(), 'wechat', 'l2-merge', '乙');
    await rememberPhone(db(), keep.id, '13900000001');
    await rememberPhone(db(), merge.id, '13900000002');
    const wen = await stationId('nanhu-jianshe-wenchang');
    await volunteer(keep.id, '甲师傅', 'approved', wen);
    await volunteer(merge.id, '乙师傅', 'approved', wen);
    expect(await db().transaction((tx) => linkPeople(tx, keep.id, merge.id))).toMatchObject({ ok: true, kept: { name: '甲师傅' }, merged: { name: '乙师傅' } });
    expect(
      await db()
        .select({ name: volunteers.name })
        .from(volunteers)
        .where(inArray(volunteers.personId, [keep.id, merge.id])),
    ).toEqual([{ name: '甲师傅' }]);
    expect((await db().select().from(people).where(eq(people.id, keep.id)))[0]!.phone).toBe('13900000001');
  });

  it('refuses the same id twice and unknown ids, changing nothing', async () => {
    const p = await ensurePerson(db(), 'test', 'l3', '丙');
    expect(await linkPeople(db(), p.id, p.id)).toEqual({ ok: false, reason: 'same' });
    expect(await linkPeople(db(), p.id, 999_999)).toEqual({ ok: false, reason: 'unknown', id: 999_999 });
    expect(await linkPeople(db(), 999_998, p.id)).toEqual({ ok: false, reason: 'unknown', id: 999_998 });
    expect(await db().select().from(people).where(eq(people.id, p.id))).toHaveLength(1);
  });
});
