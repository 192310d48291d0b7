import { eq, sql } from 'drizzle-orm';
import { expect, it } from 'vitest';
import { auditLog } from '../../../db/schema.js';
import { auditEntriesOf, recordAudit } from '../../../src/domain/people/audit.js';
import { ensurePerson } from '../../../src/domain/people/people.js';
import { dispatchTexts as t } from '../../../src/texts/dispatch.js';
import { describeDb } from '../../support/db.js';
import { createDispatchApp, type DispatchApp } from '../../support/dispatch-app.js';

// === The audit log: one entry per merge, approval and organizer grant; the database refuses changes

const T0 = new Date('2026-03-10T02:00:00Z');

/** The message of an error and of its causes (drizzle wraps the driver's). */
const messages = (err: unknown): string => (err instanceof Error ? `${err.message} ${messages(err.cause)}` : '');
const failure = async (run: () => Promise<unknown>) => {
  try {
    await run();
  } catch (err) {
    return messages(err);
  }
  return 'no error';
};
const entriesAbout = (app: DispatchApp, personId: number) => app.db.select().from(auditLog).where(eq(auditLog.subjectId, personId)).orderBy(auditLog.id);

describeDb('audit log', (ctx) => {
  it('refuses UPDATE, DELETE and TRUNCATE: entries stay as written', async () => {
    const db = ctx.database.db;
    await recordAudit(db, { at: T0, actorId: 800_000, action: 'approve', subjectId: 800_001, stationIds: [5, 5, 6], before: [], after: [] });
    const [entry] = await db.select().from(auditLog).where(eq(auditLog.subjectId, 800_001));
    expect(entry).toMatchObject({ actorId: 800_000, action: 'approve', otherId: null, stationIds: [5, 6] });

    expect(await failure(() => db.update(auditLog).set({ actorId: 99 }).where(eq(auditLog.id, entry!.id)))).toMatch(/append-only: UPDATE refused/);
    expect(await failure(() => db.delete(auditLog).where(eq(auditLog.id, entry!.id)))).toMatch(/append-only: DELETE refused/);
    expect(await failure(() => db.execute(sql`truncate audit_log`))).toMatch(/append-only: TRUNCATE refused/);
    expect(await db.select().from(auditLog).where(eq(auditLog.id, entry!.id))).toEqual([entry]);
  });

  it('finds the entries of any of the stations asked, newest first, a page at a time', async () => {
    const db = ctx.database.db;
    for (let i = 0; i < 5; i++) {
      await recordAudit(db, { at: T0, actorId: 800_000, action: 'reject', subjectId: 801_000 + i, stationIds: [900 + (i % 2), 950], before: [], after: [] });
    }
    const subjects = async (stations: number[], offset: number, limit: number) => (await auditEntriesOf(db, stations, offset, limit)).map((e) => e.subjectId);
    expect(await subjects([900], 0, 10)).toEqual([801_004, 801_002, 801_000]);
    expect(await subjects([901, 77], 0, 10)).toEqual([801_003, 801_001]);
    expect(await subjects([950], 1, 2)).toEqual([801_003, 801_002]);
    expect(await subjects([77], 0, 10)).toEqual([]);
    expect(await subjects([], 0, 10)).toEqual([]);
  });

  it('records each merge, decision and grant with the rights before and after; a refused command records nothing', async () => {
    const app = await createDispatchApp(ctx.database, { clock: () => T0 });
    const town = await app.organizer('o-au', 'nanhu-jianshe');
    const wenchang = app.stationId('nanhu-jianshe-wenchang');
    const v = await app.volunteer('au-v', 'nanhu-jianshe-wenchang', { status: 'pending' });
    const wx = (await ensurePerson(app.db, 'wechat', 'au-wx', '微信')).id;
    const newcomer = (await ensurePerson(app.db, 'test', 'au-new', '新人')).id;
    expect(await entriesAbout(app, town)).toMatchObject([{ actorId: null, action: 'grant_organizer', before: [{ organizerOf: [] }] }]);

    await app.say('o-au', 'o-au', `/approve ${v}`);
    await app.say('o-au', 'o-au', `/organizer ${newcomer} 文昌`);
    await app.say('o-au', 'o-au', `/organizer ${newcomer} 文昌`); // already: no change, no entry
    await app.say('o-au', 'o-au', `/link ${v} ${wx}`);
    await app.say('o-au', 'o-au', `/reject ${v}0`); // no such volunteer: nothing
    await app.say('o-au', 'o-au', `/organizer ${town} 文昌`); // refused: nothing

    expect(await entriesAbout(app, v)).toEqual([
      expect.objectContaining({
        at: T0,
        actorId: town,
        action: 'approve',
        stationIds: [wenchang],
        before: [{ id: v, volunteer: { stationId: wenchang, status: 'pending' }, organizerOf: [] }],
        after: [{ id: v, volunteer: { stationId: wenchang, status: 'approved' }, organizerOf: [] }],
      }),
      expect.objectContaining({
        actorId: town,
        action: 'link',
        otherId: wx,
        stationIds: [wenchang],
        before: [
          { id: v, volunteer: { stationId: wenchang, status: 'approved' }, organizerOf: [] },
          { id: wx, volunteer: null, organizerOf: [] },
        ],
        after: [{ id: v, volunteer: { stationId: wenchang, status: 'approved' }, organizerOf: [] }],
      }),
    ]);
    expect(await entriesAbout(app, newcomer)).toEqual([
      expect.objectContaining({
        actorId: town,
        action: 'grant_organizer',
        stationIds: [wenchang],
        before: [{ id: newcomer, volunteer: null, organizerOf: [] }],
        after: [{ id: newcomer, volunteer: null, organizerOf: [wenchang] }],
      }),
    ]);
    expect(await entriesAbout(app, town)).toHaveLength(1);
    expect(app.lastTo('o-au')?.payload.text).toBe(t.organizerSelf);
  });
});
