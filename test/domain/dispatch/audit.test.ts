import { eq, sql } from 'drizzle-orm';
import { expect, it } from 'vitest';
import { auditLog } from '../../../db/schema.js';
import { auditEntriesOf, recordAudit } from '../../../src/domain/dispatch/audit.js';
import { describeDb } from '../../support/db.js';

// === The audit log: entries appended, found by station; the database refuses changes

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
});
