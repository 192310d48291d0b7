import { and, eq } from 'drizzle-orm';
import { expect, it } from 'vitest';
import { eventSignups } from '../../../db/schema.js';
import { checkIn, checkOut, distanceMeters } from '../../../src/domain/events/checkin.js';
import { signUp } from '../../../src/domain/events/signup.js';
import { eventTexts as t } from '../../../src/texts/events.js';
import { describeDb } from '../../support/db.js';
import { createDispatchApp, type DispatchApp } from '../../support/dispatch-app.js';
import { movableClock, NOW, storedEvent, TZ } from './support.js';

const W = 'nanhu-jianshe-wenchang';
const RULES = { earlyMinutes: 60, radiusMeters: 500, timeZone: TZ };
/** The event of `storedEvent`: 26 December 2026 09:00–11:00 Shanghai. */
const START = new Date('2026-12-26T01:00:00Z');
const minutes = (m: number) => new Date(START.getTime() + m * 60_000);
const PLACE = { latitude: 30.7522, longitude: 120.7555 };

async function signedUp(app: DispatchApp, id: number, user: string) {
  const person = await app.volunteer(user, W, { name: `志愿者${user}` });
  const r = await app.db.transaction((tx) => signUp(tx, String(id), person, NOW, TZ));
  expect(r.outcome).toBe('signed');
  return person;
}

const signupOf = async (app: DispatchApp, id: number, person: number) =>
  (
    await app.db
      .select()
      .from(eventSignups)
      .where(and(eq(eventSignups.eventId, id), eq(eventSignups.personId, person)))
  )[0]!;

describeDb('events: check-in, check-out and attendance', (ctx) => {
  it('opens an hour before the start and closes at the end; records hours to the end', async () => {
    const app = await createDispatchApp(ctx.database, { clock: () => NOW });
    const o = await app.organizer('ci-o1', W);
    const { id } = await storedEvent(app, o);
    const v = await signedUp(app, id, 'ci-v1');
    const check = (at: Date) => app.db.transaction((tx) => checkIn(tx, id, v, at, RULES));
    expect((await check(minutes(-61))).outcome).toBe('too_early');
    expect((await check(minutes(-61))).text).toContain('12月26日（周六）08:00');
    expect((await check(minutes(121))).outcome).toBe('over');
    expect(await check(minutes(-30))).toEqual({ outcome: 'checked_in', text: t.checkedIn(id, '党员志愿服务日') });
    expect((await check(minutes(10))).outcome).toBe('already');
    const row = await signupOf(app, id, v);
    expect(row).toMatchObject({ checkedInAt: minutes(-30), checkInHow: 'time', hours: 2.5 });
  });

  it('refuses people not signed up, and those on the waiting list', async () => {
    const app = await createDispatchApp(ctx.database, { clock: () => NOW });
    const o = await app.organizer('ci-o2', W);
    const { id } = await storedEvent(app, o, { cap: 1 });
    await signedUp(app, id, 'ci-v2a');
    const waiting = await app.volunteer('ci-v2b', W);
    expect((await app.db.transaction((tx) => signUp(tx, String(id), waiting, NOW, TZ))).outcome).toBe('waiting');
    const stranger = await app.volunteer('ci-v2c', W);
    for (const p of [waiting, stranger]) {
      expect(await app.db.transaction((tx) => checkIn(tx, id, p, minutes(0), RULES))).toEqual({ outcome: 'not_signed', text: t.checkInNotSigned(id) });
    }
  });

  it('with a shared location and an event place with coordinates: within the radius only', async () => {
    const app = await createDispatchApp(ctx.database, { clock: () => NOW });
    const o = await app.organizer('ci-o3', W);
    const { id } = await storedEvent(app, o, { ...PLACE });
    const v = await signedUp(app, id, 'ci-v3');
    const far = { latitude: PLACE.latitude + 0.02, longitude: PLACE.longitude };
    const tooFar = await app.db.transaction((tx) => checkIn(tx, id, v, minutes(0), RULES, far));
    expect(tooFar.outcome).toBe('too_far');
    expect(tooFar.text).toContain(`${Math.round(distanceMeters(far, PLACE))} 米`);
    const near = { latitude: PLACE.latitude + 0.002, longitude: PLACE.longitude };
    expect((await app.db.transaction((tx) => checkIn(tx, id, v, minutes(0), RULES, near))).outcome).toBe('checked_in');
    expect((await signupOf(app, id, v)).checkInHow).toBe('location');
  });

  it('a shared location in private chat checks in to the event whose window is open; otherwise it is not taken', async () => {
    const { clock, set } = movableClock();
    const app = await createDispatchApp(ctx.database, { clock });
    const o = await app.organizer('ci-o4', W);
    const { id } = await storedEvent(app, o, { ...PLACE });
    const v = await signedUp(app, id, 'ci-v4');
    const share = () =>
      app.runner.handle({
        channel: 'test',
        chatId: 'ci-v4',
        userId: 'ci-v4',
        displayName: '志愿者',
        isGroup: false,
        messageId: `loc-${clock().getTime()}`,
        content: { kind: 'location', ...PLACE },
      });
    const early = await share();
    expect(early.status === 'handled' && early.command).toBe(false);
    set(minutes(-5));
    const onTime = await share();
    expect(onTime.status === 'handled' && onTime.command).toBe(true);
    expect(app.lastTo('ci-v4')!.payload.text).toBe(t.checkedIn(id, '党员志愿服务日'));
    expect((await signupOf(app, id, v)).checkInHow).toBe('location');
  });

  it('签到 / 签退 typed or pressed: hours become check-in to check-out', async () => {
    const { clock, set } = movableClock();
    const app = await createDispatchApp(ctx.database, { clock });
    const o = await app.organizer('ci-o5', W);
    const { id } = await storedEvent(app, o);
    const v = await signedUp(app, id, 'ci-v5');
    set(minutes(0));
    await app.say('ci-v5', 'ci-v5', `签退 ${id}`);
    expect(app.lastTo('ci-v5')!.payload.text).toBe(t.notCheckedIn(id));
    await app.press('ci-v5', 'ci-v5', `event-checkin:${id}`);
    expect(app.lastTo('ci-v5')!.payload.text).toBe(t.checkedIn(id, '党员志愿服务日'));
    set(minutes(90));
    await app.say('ci-v5', 'ci-v5', `签退${id}`);
    expect(app.lastTo('ci-v5')!.payload.text).toBe(t.checkedOut(id, '1.5'));
    expect(await signupOf(app, id, v)).toMatchObject({ hours: 1.5, checkedOutAt: minutes(90) });
    expect((await app.db.transaction((tx) => checkOut(tx, id, v, minutes(100)))).outcome).toBe('already');
  });

  it('an organizer of the station confirms a check-in (/checkin); others may not', async () => {
    const { clock, set } = movableClock();
    const app = await createDispatchApp(ctx.database, { clock });
    const o = await app.organizer('ci-o6', 'nanhu-jianshe');
    await app.organizer('ci-o6x', 'xiuzhou');
    const { id } = await storedEvent(app, o);
    const v = await signedUp(app, id, 'ci-v6');
    set(minutes(5));
    await app.say('ci-o6x', 'ci-o6x', `/checkin ${id} ${v}`);
    expect(app.lastTo('ci-o6x')!.payload.text).toBe(t.notOrganizerOfEvent);
    await app.say('ci-v6', 'ci-v6', `/checkin ${id} ${v}`);
    expect(app.lastTo('ci-v6')!.payload.text).toBe(t.organizerCommandRefused.confirm);
    expect((await signupOf(app, id, v)).checkedInAt).toBeNull();
    await app.say('ci-o6', 'ci-o6', `/checkin ${id} ${v}`);
    expect(app.lastTo('ci-o6')!.payload.text).toBe(t.confirmedCheckIn(id, '志愿者ci-v6'));
    expect(app.lastTo('ci-v6')!.payload.text).toBe(t.checkedInByOrganizer(id, '党员志愿服务日'));
    expect(await signupOf(app, id, v)).toMatchObject({ checkInHow: 'organizer', hours: 1.92 });
  });
});
