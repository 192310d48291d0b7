import { eq, inArray } from 'drizzle-orm';
import { beforeAll, expect, it } from 'vitest';
import { auditLog, channelIdentities, organizers, replyWindows } from '../../../db/schema.js';
import {
  bootstrapOrganizers,
  grantOrganizer,
  isOrganizer,
  isOrganizerOf,
  organizerChatsFor,
  privateChatOf,
  stationsOfOrganizer,
} from '../../../src/domain/people/roles.js';
import { ensurePerson, markBlocked } from '../../../src/domain/people/people.js';
import { loadStationTree, type StationTree } from '../../../src/domain/stations/tree.js';
import { describeDb } from '../../support/db.js';
import { readDemoStations } from '../../support/stations.js';

const at = new Date('2026-06-01T00:00:00Z');

describeDb('roles', (ctx) => {
  const db = () => ctx.database.db;
  let tree: StationTree;
  const id = (code: string) => tree.byCode(code)!.id;
  const person = async (externalId: string) => (await ensurePerson(db(), 'test', externalId, externalId)).id;
  beforeAll(async () => {
    tree = await loadStationTree(db(), readDemoStations());
  });

  it('an organizer of a town organizes its communities, not the county above nor another town', async () => {
    const o = await person('ro-town');
    expect(await isOrganizer(db(), o)).toBe(false);
    await grantOrganizer(db(), o, id('nanhu-jianshe'), null, at);
    expect(await isOrganizer(db(), o)).toBe(true);
    expect(await isOrganizerOf(db(), tree, o, id('nanhu-jianshe'))).toBe(true);
    expect(await isOrganizerOf(db(), tree, o, id('nanhu-jianshe-wenchang'))).toBe(true);
    expect(await isOrganizerOf(db(), tree, o, id('nanhu'))).toBe(false);
    expect(await isOrganizerOf(db(), tree, o, id('xiuzhou-xincheng'))).toBe(false);
  });

  it('granting twice is one role; the stations of an organizer are theirs and all below', async () => {
    const o = await person('ro-twice');
    await grantOrganizer(db(), o, id('nanhu-jianshe'), null, at);
    await grantOrganizer(db(), o, id('nanhu-jianshe'), null, at);
    expect(await db().select().from(organizers).where(eq(organizers.personId, o))).toHaveLength(1);
    const mine = await stationsOfOrganizer(db(), tree, o);
    expect(mine).toContain(id('nanhu-jianshe'));
    expect(mine).toContain(id('nanhu-jianshe-wenchang'));
    expect(mine).not.toContain(id('nanhu'));
    expect(mine).not.toContain(id('xiuzhou-xincheng-xiuyuan'));
    expect(await stationsOfOrganizer(db(), tree, await person('ro-nobody'))).toEqual([]);
  });

  it('a station’s notices reach its own organizers and those above, not those below or beside', async () => {
    const community = await person('ro-c');
    const county = await person('ro-county');
    const beside = await person('ro-beside');
    await grantOrganizer(db(), community, id('nanhu-jianshe-wenchang'), null, at);
    await grantOrganizer(db(), county, id('nanhu'), null, at);
    await grantOrganizer(db(), beside, id('xiuzhou'), null, at);
    const town = (await organizerChatsFor(db(), tree, id('nanhu-jianshe'))).map((c) => c.chatId);
    expect(town).toContain('ro-county');
    expect(town).not.toContain('ro-c');
    expect(town).not.toContain('ro-beside');
    const atCommunity = (await organizerChatsFor(db(), tree, id('nanhu-jianshe-wenchang'))).map((c) => c.chatId);
    expect(atCommunity).toEqual(expect.arrayContaining(['ro-c', 'ro-county']));
    expect(new Set(atCommunity).size).toBe(atCommunity.length);
  });

  it('a person is reached in a private chat of theirs, if they have one', async () => {
    const p = await person('ro-chat');
    expect(await privateChatOf(db(), p)).toEqual({ channel: 'test', chatId: 'ro-chat' });
    expect(await privateChatOf(db(), 999_999)).toBeUndefined();
  });

  it('a person with several accounts is reached where they wrote last; a blocked account only when there is no other', async () => {
    const p = await person('ro-multi');
    await db()
      .insert(channelIdentities)
      .values([
        { channel: 'wechat', externalId: 'ro-multi-wx', personId: p, createdAt: new Date(Date.now() + 60_000) },
        { channel: 'other', externalId: 'ro-multi-o', personId: p, createdAt: new Date(Date.now() + 120_000) },
      ]);
    // Nobody wrote yet: the oldest account.
    expect(await privateChatOf(db(), p)).toEqual({ channel: 'test', chatId: 'ro-multi' });
    const wrote = async (channel: string, chatId: string, lastInboundAt: Date) =>
      db()
        .insert(replyWindows)
        .values({ channel, chatId, lastInboundAt })
        .onConflictDoUpdate({ target: [replyWindows.channel, replyWindows.chatId], set: { lastInboundAt } });
    await wrote('other', 'ro-multi-o', new Date('2026-06-05T00:00:00Z'));
    expect(await privateChatOf(db(), p)).toEqual({ channel: 'other', chatId: 'ro-multi-o' });
    await wrote('wechat', 'ro-multi-wx', new Date('2026-06-06T00:00:00Z'));
    expect(await privateChatOf(db(), p)).toEqual({ channel: 'wechat', chatId: 'ro-multi-wx' });
    // Another person's window on a chat of the same id and another channel changes nothing.
    await wrote('test', 'ro-multi-o', new Date('2026-06-09T00:00:00Z'));
    expect(await privateChatOf(db(), p)).toEqual({ channel: 'wechat', chatId: 'ro-multi-wx' });

    await markBlocked(db(), 'wechat', 'ro-multi-wx', at);
    expect(await privateChatOf(db(), p)).toEqual({ channel: 'other', chatId: 'ro-multi-o' });
    await markBlocked(db(), 'other', 'ro-multi-o', at);
    expect(await privateChatOf(db(), p)).toEqual({ channel: 'test', chatId: 'ro-multi' });
    await markBlocked(db(), 'test', 'ro-multi', at);
    expect(await privateChatOf(db(), p)).toEqual({ channel: 'wechat', chatId: 'ro-multi-wx' });
  });

  it('bootstraps the configured accounts as organizers of the root: new ones created, known ones reused, twice harmless', async () => {
    const known = await person('ro-known');
    const accounts = [
      { channel: 'test', externalId: 'ro-known' },
      { channel: 'other', externalId: 'ro-new' },
    ];
    await bootstrapOrganizers(db(), accounts, tree.root().id, at);
    await bootstrapOrganizers(db(), accounts, tree.root().id, at);
    expect(await isOrganizerOf(db(), tree, known, id('xiuzhou-xincheng-xiuyuan'))).toBe(true);
    const created = await db().select().from(channelIdentities).where(eq(channelIdentities.externalId, 'ro-new'));
    expect(created).toHaveLength(1);
    expect(await db().select().from(organizers).where(eq(organizers.personId, created[0]!.personId))).toMatchObject([{ stationId: tree.root().id }]);
    // Each grant is in the audit log once, by the system.
    const entries = await db()
      .select()
      .from(auditLog)
      .where(inArray(auditLog.subjectId, [known, created[0]!.personId]));
    expect(entries).toHaveLength(2);
    expect(entries).toMatchObject([
      { actorId: null, action: 'grant_organizer', stationIds: [tree.root().id], after: [{ organizerOf: [tree.root().id] }] },
      { actorId: null, action: 'grant_organizer', stationIds: [tree.root().id], after: [{ organizerOf: [tree.root().id] }] },
    ]);
  });
});
