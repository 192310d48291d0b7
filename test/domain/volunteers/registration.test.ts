import { eq } from 'drizzle-orm';
import { expect, it } from 'vitest';
import { people, requestEvents, requests, volunteers } from '../../../db/schema.js';
import { dispatchTexts as t } from '../../../src/texts/dispatch.js';
import { volunteerTexts as vt } from '../../../src/texts/volunteer.js';
import { describeDb } from '../../support/db.js';
import { createDispatchApp, type DispatchApp } from '../../support/dispatch-app.js';

// === The volunteer registration flow, its effect in dispatch, approval, and what a volunteer may do

const WENCHANG = 'nanhu-jianshe-wenchang';

/** Texts a chat received since `from` (index into `app.to(chatId)`). */
const textsSince = (app: DispatchApp, chatId: string, from: number) =>
  app
    .to(chatId)
    .slice(from)
    .map((s) => s.payload.text);

/** Answers every step of the registration with typed text; returns the replies of each step. */
async function register(app: DispatchApp, userId: string, name: string) {
  const steps: string[][] = [];
  for (const answer of ['我要当志愿者', name, '13900001111', '1', '家电维修', '选好了', '文昌', '4', '1']) {
    const before = app.to(userId).length;
    await app.say(userId, userId, answer, '小王');
    steps.push(textsSince(app, userId, before));
  }
  return steps;
}

describeDb('dispatch: volunteer registration and approval', (ctx) => {
  it('walks "我要当志愿者" to the end, stores a pending volunteer and asks the organizers above to decide', async () => {
    const app = await createDispatchApp(ctx.database);
    await app.organizer('o-r1-community', WENCHANG);
    await app.organizer('o-r1-town', 'nanhu-jianshe');
    await app.organizer('o-r1-city', 'jx');
    await app.organizer('o-r1-sibling', 'nanhu-jianshe-ziyang');
    await app.organizer('o-r1-other', 'xiuzhou');

    const steps = await register(app, 'v-r1', '王建国');
    expect(steps[0]!.join('\n')).toContain(vt.welcome);
    expect(steps[0]!.join('\n')).toContain(vt.askNameKnown); // the display name 小王 is offered
    expect(steps[1]!.join('\n')).toContain(vt.askPhone);
    expect(steps[2]!.join('\n')).toContain(vt.askParty);
    expect(steps[3]!.join('\n')).toContain(vt.askSkills);
    expect(steps[4]!.join('\n')).toContain('已选：家电维修');
    expect(steps[5]!.join('\n')).toContain(vt.askCommunity);
    expect(steps[6]!.join('\n')).toContain(vt.askAvailability);
    const summary = steps[7]!.join('\n');
    expect(summary).toContain(vt.summaryTitle);
    expect(summary).toContain(
      vt.summaryLines({ name: '王建国', phone: '13900001111', partyMember: true, skills: ['家电维修'], community: '文昌社区', availability: '随时都可以' }),
    );
    expect(steps[8]).toEqual([vt.submitted]);

    const [row] = await app.db.select().from(volunteers).where(eq(volunteers.name, '王建国'));
    const [person] = await app.db.select().from(people).where(eq(people.id, row!.personId));
    expect(row).toMatchObject({
      name: '王建国',
      phone: '13900001111',
      partyMember: true,
      skills: ['appliance-repair'],
      stationId: app.stationId(WENCHANG),
      availability: '随时都可以',
      status: 'pending',
      decidedBy: null,
      suspendedUntil: null,
    });
    expect(person!.phone).toBe('13900001111');

    const notice = {
      text: t.newVolunteer(person!.id, '王建国', '文昌社区', '家电维修'),
      choices: [
        { id: `approve:${person!.id}`, label: t.approveButton },
        { id: `reject:${person!.id}`, label: t.rejectButton },
      ],
    };
    for (const org of ['o-r1-community', 'o-r1-town', 'o-r1-city']) {
      expect(app.to(org).map((s) => s.payload)).toEqual([notice]);
    }
    expect(app.to('o-r1-sibling')).toEqual([]);
    expect(app.to('o-r1-other')).toEqual([]);

    // Asking again tells the status instead of starting over.
    await app.say('v-r1', 'v-r1', '/volunteer', '小王');
    expect(app.lastTo('v-r1')!.payload.text).toBe(vt.statusPending('王建国'));
    expect(await app.db.select().from(volunteers).where(eq(volunteers.personId, person!.id))).toHaveLength(1);
  });

  it('approve by button: the volunteer is told, the row records who decided; a reject button from an outsider changes nothing', async () => {
    const app = await createDispatchApp(ctx.database);
    const town = await app.organizer('o-r2-town', 'nanhu-jianshe');
    await app.organizer('o-r2-other', 'xiuzhou');
    await register(app, 'v-r2', '李秀英');
    const [row] = await app.db.select().from(volunteers).where(eq(volunteers.name, '李秀英'));
    const id = row!.personId;

    await app.press('o-r2-other', 'o-r2-other', `reject:${id}`);
    expect(app.lastTo('o-r2-other')!.payload.text).toBe(t.decideOutside(id));
    const before = app.to('v-r2').length;
    await app.press('v-r2', 'v-r2', `approve:${id}`); // the volunteer approving themselves
    expect(app.lastTo('v-r2')!.payload.text).toBe(t.notOrganizer);
    expect(app.to('v-r2')).toHaveLength(before + 1);
    expect((await app.db.select().from(volunteers).where(eq(volunteers.personId, id)))[0]!.status).toBe('pending');

    await app.press('o-r2-town', 'o-r2-town', `approve:${id}`);
    expect(app.lastTo('o-r2-town')!.payload.text).toBe(t.decided(id, true));
    expect(app.lastTo('v-r2')!.payload.text).toBe(t.volunteerApproved);
    const [after] = await app.db.select().from(volunteers).where(eq(volunteers.personId, id));
    expect(after).toMatchObject({ status: 'approved', decidedBy: town });
    expect(after!.decidedAt).toBeInstanceOf(Date);

    await app.say('v-r2', 'v-r2', '我要当志愿者', '小王');
    expect(app.lastTo('v-r2')!.payload.text).toBe(vt.statusApproved('李秀英'));
  });

  it('a pending volunteer cannot claim (claimPending); once approved, the same volunteer wins the claim', async () => {
    const app = await createDispatchApp(ctx.database);
    await app.organizer('o-r3-town', 'nanhu-jianshe');
    await app.bindGroup('g-r3', WENCHANG);
    await register(app, 'v-r3', '张卫东');
    const [row] = await app.db.select().from(volunteers).where(eq(volunteers.name, '张卫东'));
    const id = row!.personId;
    const ticket = await app.request('r-r3');
    const card = app.lastTo('g-r3')!;
    expect(card.payload.choices).toEqual([{ id: `claim:${ticket}`, label: t.claimButton }]);

    const pressed = await app.press('g-r3', 'v-r3', `claim:${ticket}`, '张卫东');
    expect(pressed).toMatchObject({ status: 'handled', notice: t.claimPending });
    await app.say('g-r3', 'v-r3', `接单 ${ticket}`, '张卫东');
    expect(app.lastTo('v-r3')!.payload.text).toBe(t.claimPending);
    expect(app.lastTo('g-r3')).toEqual(card);
    const [still] = await app.db.select().from(requests).where(eq(requests.ticket, ticket));
    expect(still).toMatchObject({ status: 'open', volunteerId: null });
    expect(app.to('g-r3').filter((s) => s.edited)).toEqual([]);

    await app.say('o-r3-town', 'o-r3-town', `/approve ${id}`);
    expect(app.lastTo('o-r3-town')!.payload.text).toBe(t.decided(id, true));
    const won = await app.press('g-r3', 'v-r3', `claim:${ticket}`, '张卫东');
    expect(won).toMatchObject({ status: 'handled' });
    expect((won as { notice?: string }).notice).toBeUndefined();
    const details = app.lastTo('v-r3')!;
    expect(details.payload.text).toContain(`您已接单 ${ticket}`);
    expect(details.payload.text).toContain('13812345678');
    expect(details.payload.choices?.map((c) => c.id)).toEqual([`depart:${ticket}`, `arrive:${ticket}`, `done:${ticket}`, `release:${ticket}`]);
    const edit = app.lastTo('g-r3')!;
    expect(edit).toMatchObject({ edited: card.externalId, payload: { text: t.cardTaken(ticket, '张卫东') } });
    const [claimed] = await app.db.select().from(requests).where(eq(requests.ticket, ticket));
    expect(claimed).toMatchObject({ status: 'claimed', volunteerId: id });
    const events = await app.db.select().from(requestEvents).where(eq(requestEvents.requestId, claimed!.id)).orderBy(requestEvents.id);
    expect(events.map((e) => [e.type, e.actorId])).toEqual([
      ['created', expect.anything()],
      ['claimed', id],
    ]);
  });

  it('/reject and the 不通过 button refuse an approved volunteer who has taken tasks (done, running or given back)', async () => {
    const app = await createDispatchApp(ctx.database);
    const town = await app.organizer('o-r5-town', 'nanhu-jianshe');
    await app.bindGroup('g-r5', WENCHANG);
    const done = await app.volunteer('v-r5-done', WENCHANG, { name: '周师傅' });
    const running = await app.volunteer('v-r5-run', WENCHANG, { name: '吴师傅' });
    const gaveBack = await app.volunteer('v-r5-back', WENCHANG, { name: '郑师傅' });
    const first = await app.request('r-r5a');
    await app.press('g-r5', 'v-r5-done', `claim:${first}`, '周师傅');
    await app.say('v-r5-done', 'v-r5-done', `完成 ${first} 1小时 修好了`);
    const second = await app.request('r-r5b', { address: '文昌小区4幢101' });
    await app.press('g-r5', 'v-r5-run', `claim:${second}`, '吴师傅');
    const third = await app.request('r-r5c', { address: '文昌小区5幢102' });
    await app.press('g-r5', 'v-r5-back', `claim:${third}`, '郑师傅');
    await app.say('v-r5-back', 'v-r5-back', `放弃 ${third} 临时有事`);
    const decisions = async (id: number) => (await app.db.select().from(volunteers).where(eq(volunteers.personId, id)))[0]!;

    await app.say('o-r5-town', 'o-r5-town', `/reject ${done}`);
    expect(app.lastTo('o-r5-town')!.payload.text).toBe(t.rejectHasTasks(done));
    await app.press('o-r5-town', 'o-r5-town', `reject:${running}`);
    expect(app.lastTo('o-r5-town')!.payload.text).toBe(t.rejectHasTasks(running));
    await app.say('o-r5-town', 'o-r5-town', `/reject #${gaveBack}`);
    expect(app.lastTo('o-r5-town')!.payload.text).toBe(t.rejectHasTasks(gaveBack));
    for (const [userId, id] of [
      ['v-r5-done', done],
      ['v-r5-run', running],
      ['v-r5-back', gaveBack],
    ] as const) {
      expect(await decisions(id)).toMatchObject({ status: 'approved', decidedBy: null });
      expect(textsSince(app, userId, 0)).not.toContain(t.volunteerRejected('96345'));
    }
    // Still a volunteer: the running task goes on.
    await app.say('v-r5-run', 'v-r5-run', `出发 ${second}`);
    expect(app.lastTo('v-r5-run')!.payload.text).toBe(t.departed(second));
    // An approved volunteer who never took a task can still be turned down (a second thought).
    const fresh = await app.volunteer('v-r5-new', WENCHANG, { name: '冯师傅' });
    await app.say('o-r5-town', 'o-r5-town', `/reject ${fresh}`);
    expect(app.lastTo('o-r5-town')!.payload.text).toBe(t.decided(fresh, false));
    expect(await decisions(fresh)).toMatchObject({ status: 'rejected', decidedBy: town });
  });

  it('/me shows profile, status and current tasks; a non-volunteer is invited to register', async () => {
    const app = await createDispatchApp(ctx.database);
    await app.organizer('o-r4-town', 'nanhu-jianshe');
    await app.bindGroup('g-r4', 'nanhu-jianshe-hexing');
    await register(app, 'v-r4', '陈美华');
    const [row] = await app.db.select().from(volunteers).where(eq(volunteers.name, '陈美华'));
    const id = row!.personId;
    const profile = { id, name: '陈美华', community: '文昌社区', skills: '家电维修', suspendedUntil: null, alerts: t.alertsLabel.on };

    await app.say('v-r4', 'v-r4', '/me');
    expect(app.lastTo('v-r4')!.payload.text).toBe(t.me({ ...profile, status: '审核中', tasks: [] }));
    expect(app.lastTo('v-r4')!.payload.text).toContain('当前没有任务。');

    await app.say('o-r4-town', 'o-r4-town', `/approve ${id}`);
    const first = await app.request('r-r4a', { community: '禾兴' });
    const second = await app.request('r-r4b', { community: '禾兴', address: '禾兴南路8号' });
    await app.press('g-r4', 'v-r4', `claim:${first}`, '陈美华');
    await app.say('g-r4', 'v-r4', `接单 ${second}`, '陈美华');
    await app.press('v-r4', 'v-r4', `depart:${second}`);
    expect(app.lastTo('v-r4')!.payload.text).toBe(t.departed(second));

    await app.say('v-r4', 'v-r4', '我的任务');
    const me = app.lastTo('v-r4')!.payload.text;
    expect(me).toBe(t.me({ ...profile, status: '已通过', community: '文昌社区', tasks: [`· ${first}（已接单）`, `· ${second}（服务中）`] }));
    expect(me).not.toContain('13812345678');

    await app.say('v-r4', 'v-r4', `完成 ${first} 1小时 修好了`);
    await app.say('v-r4', 'v-r4', '/me');
    expect(app.lastTo('v-r4')!.payload.text).toBe(t.me({ ...profile, status: '已通过', tasks: [`· ${second}（服务中）`] }));

    await app.say('u-r4-nobody', 'u-r4-nobody', '/me');
    expect(app.to('u-r4-nobody').map((s) => s.payload.text)).toEqual([t.notAVolunteer]);
    // A resident is not a volunteer either, even after a request.
    await app.say('r-r4a', 'r-r4a', '/me');
    expect(app.lastTo('r-r4a')!.payload.text).toBe(t.notAVolunteer);
  });
});
