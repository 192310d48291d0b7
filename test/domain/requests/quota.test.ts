import { and, eq, sql } from 'drizzle-orm';
import { expect, it } from 'vitest';
import { requests } from '../../../db/schema.js';
import { type DailyCap, takeRequestQuota } from '../../../src/domain/requests/quota.js';
import { createRequestWithinCap } from '../../../src/domain/requests/requests.js';
import { describeDb } from '../../support/db.js';
import { REQUEST_FIELDS, residentOwner } from './fixtures.js';

const fields = REQUEST_FIELDS;
const cap: DailyCap = { perDay: 5, timeZone: 'Asia/Shanghai' };
// 10:00 in Shanghai.
const at = new Date('2026-06-01T02:00:00Z');

describeDb('the daily cap on new requests', (ctx) => {
  const db = () => ctx.database.db;
  const resident = (id: string) => residentOwner(db(), id);
  const countOf = async (residentId: number) => (await db().select().from(requests).where(eq(requests.residentId, residentId))).length;

  it('stores five a day, refuses the sixth storing nothing, and counts each resident apart', async () => {
    const owner = await resident('cap-five');
    const other = await resident('cap-other');
    for (let i = 0; i < 5; i++) expect(await createRequestWithinCap(db(), fields, owner, at, cap)).toMatchObject({ ticket: expect.any(String) });
    expect(await createRequestWithinCap(db(), fields, owner, at, cap)).toBeNull();
    expect(await countOf(owner.residentId)).toBe(5);
    expect(await createRequestWithinCap(db(), fields, other, at, cap)).not.toBeNull();
  });

  it('counts days in the configured time zone: a new day at midnight there', async () => {
    const owner = await resident('cap-midnight');
    const lateEvening = new Date('2026-06-01T15:59:00Z'); // 23:59 in Shanghai
    for (let i = 0; i < 5; i++) expect(await takeRequestQuota(db(), owner.residentId, cap, lateEvening)).toBe(true);
    expect(await takeRequestQuota(db(), owner.residentId, cap, lateEvening)).toBe(false);
    expect(await takeRequestQuota(db(), owner.residentId, cap, new Date('2026-06-01T16:00:00Z'))).toBe(true);
    // The same instants are one day in UTC.
    const utc: DailyCap = { perDay: 5, timeZone: 'UTC' };
    const later = await resident('cap-utc');
    for (let i = 0; i < 5; i++) await takeRequestQuota(db(), later.residentId, utc, lateEvening);
    expect(await takeRequestQuota(db(), later.residentId, utc, new Date('2026-06-01T16:00:00Z'))).toBe(false);
  });

  it('always stores an urgent request, and counts it', async () => {
    const owner = await resident('cap-urgent');
    for (let i = 0; i < 5; i++) await createRequestWithinCap(db(), fields, owner, at, cap);
    expect(await createRequestWithinCap(db(), { ...fields, urgent: true, emergencyWords: ['晕倒'] }, owner, at, cap)).not.toBeNull();
    expect(await createRequestWithinCap(db(), fields, owner, at, cap)).toBeNull();
    expect(await countOf(owner.residentId)).toBe(6);
  });

  it('lets ten confirmations at once store exactly five (each in its own transaction)', async () => {
    const owner = await resident('cap-race');
    const results = await Promise.all(
      Array.from({ length: 10 }, () =>
        db().transaction(async (tx) => {
          const created = await createRequestWithinCap(tx, fields, owner, at, cap);
          // Hold the transaction open a moment, so the others really overlap it (on PostgreSQL).
          await tx.execute(sql`select pg_sleep(0.05)`);
          return created;
        }),
      ),
    );
    expect(results.filter((r) => r !== null)).toHaveLength(5);
    expect(await countOf(owner.residentId)).toBe(5);
  });

  it('lets only one of two confirmations at the fifth pass, while the first holds its transaction', async () => {
    const owner = await resident('cap-two');
    for (let i = 0; i < 4; i++) await takeRequestQuota(db(), owner.residentId, cap, at);
    let firstTook!: () => void;
    const took = new Promise<void>((r) => (firstTook = r));
    let release!: () => void;
    const released = new Promise<void>((r) => (release = r));
    const first = db().transaction(async (tx) => {
      const ok = await createRequestWithinCap(tx, fields, owner, at, cap);
      firstTook();
      await released;
      return ok;
    });
    await took;
    // The second reads the day's row while the first has not committed: it must wait and then see five.
    const second = db().transaction((tx) => createRequestWithinCap(tx, fields, owner, at, cap));
    if (ctx.backend === 'postgres') {
      // Give the second time to reach the row lock, then let the first commit.
      await db().execute(sql`select pg_sleep(0.1)`);
    }
    release();
    const [a, b] = await Promise.all([first, second]);
    expect([a, b].filter((r) => r !== null)).toHaveLength(1);
    expect(await countOf(owner.residentId)).toBe(1);
    const [row] = await db()
      .select()
      .from(requests)
      .where(and(eq(requests.residentId, owner.residentId)));
    expect(row?.ticket).toBe(a?.ticket);
  });
});
