import { count, eq, inArray } from 'drizzle-orm';
import fc from 'fast-check';
import { expect, it } from 'vitest';
import { auditLog, organizers, people, requests, volunteers } from '../../../db/schema.js';
import { ensurePerson } from '../../../src/domain/people/people.js';
import { describeDb } from '../../support/db.js';
import { createDispatchApp, type DispatchApp } from '../../support/dispatch-app.js';

// === Property: whatever organizer A types, nobody gains a station right A did not have, and nobody
// sees a resident outside the stations they already covered; every change leaves one audit entry.

/** Everyone in one small world around A's station, by role. */
const ROLES = [
  'A', // the organizer typing, with a pending volunteer registration of his own in 紫阳
  'root', // organizer of the city
  'peer', // organizer of A's own station
  'ziyangOrg', // organizer of 紫阳 (below A, or A's peer when A organizes 紫阳)
  'farOrg', // organizer of 秀洲
  'volNear', // approved volunteer of 紫阳
  'volPending', // pending volunteer of 紫阳
  'volFar', // pending volunteer of 秀园
  'holderFar', // volunteer of 紫阳 holding a task in 秀园
  'resNear', // resident with a request in 紫阳
  'resFar', // resident with a request in 秀园
  'fresh', // wrote once, tied to nothing
] as const;
type Role = (typeof ROLES)[number];
type World = Record<Role, number>;

const who = fc.constantFrom<Role | 'nobody'>(...ROLES, 'nobody');
const STATIONS = ['紫阳', '文昌', '建设街道', '南湖区', '嘉兴市', '秀园'];
const command = fc.oneof(
  { arbitrary: fc.record({ kind: fc.constantFrom('/link', '合并'), a: who, b: who }), weight: 4 },
  { arbitrary: fc.record({ kind: fc.constantFrom('/approve', '/reject', 'approve:', 'reject:'), a: who }), weight: 2 },
  { arbitrary: fc.record({ kind: fc.constant('/organizer'), a: who, station: fc.constantFrom(...STATIONS) }), weight: 2 },
  { arbitrary: fc.record({ kind: fc.constant('/audit') }), weight: 1 },
);
type Command = { kind: string; a?: Role | 'nobody'; b?: Role | 'nobody'; station?: string };

async function buildWorld(app: DispatchApp, w: string, stationOfA: string): Promise<{ world: World; requestIds: number[] }> {
  const world = {} as World;
  world.A = await app.organizer(`${w}-A`, stationOfA);
  await app.volunteer(`${w}-A`, 'nanhu-jianshe-ziyang', { status: 'pending' });
  world.root = await app.organizer(`${w}-root`, 'jx');
  world.peer = await app.organizer(`${w}-peer`, stationOfA);
  world.ziyangOrg = await app.organizer(`${w}-zy`, 'nanhu-jianshe-ziyang');
  world.farOrg = await app.organizer(`${w}-far-org`, 'xiuzhou');
  world.volNear = await app.volunteer(`${w}-vn`, 'nanhu-jianshe-ziyang');
  world.volPending = await app.volunteer(`${w}-vp`, 'nanhu-jianshe-ziyang', { status: 'pending' });
  world.volFar = await app.volunteer(`${w}-vf`, 'xiuzhou-xincheng-xiuyuan', { status: 'pending' });
  world.holderFar = await app.volunteer(`${w}-hf`, 'nanhu-jianshe-ziyang');
  const near = await app.storedRequest(`${w}-rn`, { community: 'nanhu-jianshe-ziyang', item: 'haircut' });
  world.resNear = near.residentId;
  const far = await app.storedRequest(`${w}-rf`, { community: 'xiuzhou-xincheng-xiuyuan', item: 'haircut' });
  world.resFar = far.residentId;
  const held = await app.storedRequest(`${w}-rh`, { community: 'xiuzhou-xincheng-xiuyuan', item: 'haircut' });
  await app.db.update(requests).set({ volunteerId: world.holderFar, status: 'claimed' }).where(eq(requests.id, held.id));
  world.fresh = (await ensurePerson(app.db, 'test', `${w}-fresh`, '新人')).id;
  return { world, requestIds: [near.id, far.id, held.id] };
}

/** What each person of the world may reach: stations organized (with all below), approved volunteer station, requests seen. */
async function reach(app: DispatchApp, world: World, requestIds: number[]) {
  const ids = Object.values(world);
  const roles = await app.db.select().from(organizers).where(inArray(organizers.personId, ids));
  const vols = await app.db.select().from(volunteers).where(inArray(volunteers.personId, ids));
  const reqs = await app.db.select().from(requests).where(inArray(requests.id, requestIds));
  const out = new Map<number, { covers: Set<number>; approvedAt: number | null; sees: Set<number> }>();
  for (const id of (await app.db.select({ id: people.id }).from(people).where(inArray(people.id, ids))).map((p) => p.id)) {
    const covers = new Set(app.tree.under(roles.filter((r) => r.personId === id).map((r) => r.stationId)).map((s) => s.id));
    const v = vols.find((x) => x.personId === id);
    const sees = new Set(reqs.filter((r) => r.residentId === id || r.volunteerId === id || covers.has(r.stationId)).map((r) => r.id));
    out.set(id, { covers, approvedAt: v?.status === 'approved' ? v.stationId : null, sees });
  }
  return { people: out, requestStation: new Map(reqs.map((r) => [r.id, r.stationId])) };
}

/** The rights of the world as a string: any change to it must leave an audit entry. */
async function fingerprint(app: DispatchApp, world: World) {
  const ids = Object.values(world);
  const ps = await app.db.select({ id: people.id }).from(people).where(inArray(people.id, ids)).orderBy(people.id);
  const roles = await app.db.select().from(organizers).where(inArray(organizers.personId, ids)).orderBy(organizers.personId, organizers.stationId);
  const vols = await app.db.select().from(volunteers).where(inArray(volunteers.personId, ids)).orderBy(volunteers.personId);
  return JSON.stringify([ps, roles.map((r) => [r.personId, r.stationId]), vols.map((v) => [v.personId, v.stationId, v.status])]);
}

const typed = (c: Command, world: World) => {
  const id = (r?: Role | 'nobody') => (r === undefined || r === 'nobody' ? 999_999 : world[r]);
  if (c.kind === '/link' || c.kind === '合并') return `${c.kind} ${id(c.a)} ${id(c.b)}`;
  if (c.kind === '/organizer') return `/organizer ${id(c.a)} ${c.station}`;
  if (c.kind === '/audit') return '/audit';
  return `${c.kind} ${id(c.a)}`;
};

describeDb('who may act on whom, property-based', (ctx) => {
  it('after any commands of organizer A, nobody gains a right A lacked nor sees a resident outside what they covered', { timeout: 600_000 }, async () => {
    // What A is answered does not matter here, only what the database lets happen: nothing is delivered.
    const app = await createDispatchApp(ctx.database, { noDelivery: true });
    const audits = async () => (await app.db.select({ n: count() }).from(auditLog))[0]!.n;
    let n = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom('nanhu-jianshe-ziyang', 'nanhu-jianshe', 'nanhu'),
        fc.array(command, { minLength: 1, maxLength: 6 }),
        async (stationOfA, commands) => {
          const w = `pr${++n}`;
          const { world, requestIds } = await buildWorld(app, w, stationOfA);
          const before = await reach(app, world, requestIds);
          const mine = before.people.get(world.A)!;
          for (const c of commands) {
            const print = await fingerprint(app, world);
            const entries = await audits();
            const text = typed(c, world);
            if (c.kind.endsWith(':')) await app.press(`${w}-A`, `${w}-A`, `${c.kind}${text.split(' ')[1]}`);
            else await app.say(`${w}-A`, `${w}-A`, text);
            const added = (await audits()) - entries;
            if ((await fingerprint(app, world)) !== print) expect(added, `${text}: a change, one audit entry`).toBe(1);
            else expect(added, `${text}: no change, at most one entry (a decision made again)`).toBeLessThanOrEqual(1);
          }
          const after = await reach(app, world, requestIds);
          for (const [id, now] of after.people) {
            const was = before.people.get(id)!;
            const gained = (s: number) => !was.covers.has(s);
            for (const s of now.covers) if (gained(s)) expect(id !== world.A && mine.covers.has(s), `#${id} gained station ${s}`).toBe(true);
            if (now.approvedAt !== null && now.approvedAt !== was.approvedAt) {
              expect(id !== world.A && mine.covers.has(now.approvedAt), `#${id} approved at ${now.approvedAt}`).toBe(true);
            }
            for (const r of now.sees) {
              if (was.sees.has(r)) continue;
              expect(id !== world.A && mine.covers.has(after.requestStation.get(r)!), `#${id} sees request ${r}`).toBe(true);
            }
          }
        },
      ),
      { numRuns: 25 },
    );
  });
});
