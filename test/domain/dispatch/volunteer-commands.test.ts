import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { requestEvents, requests, visitReports, volunteers } from '../../../db/schema.js';
import type { Choice, IncomingContent } from '../../../src/core/message.js';
import type { CommandContext } from '../../../src/domain/commands/context.js';
import { handleAlertsCommand, handleVisitStep, showMe } from '../../../src/domain/dispatch/volunteer-commands.js';
import { ensurePerson } from '../../../src/domain/people/people.js';
import { createRequest } from '../../../src/domain/requests/requests.js';
import { loadStationTree, type StationTree } from '../../../src/domain/stations/tree.js';
import { dispatchTexts as t } from '../../../src/texts/dispatch.js';
import { describeDb } from '../../support/db.js';
import { readDemoStations } from '../../support/stations.js';
import { createStationMatcher } from '../../../src/domain/stations/matcher.js';
import { requestFields } from '../../support/requests.js';

// === Volunteers in private chat: the visit steps read from buttons and text, and /me

const at = new Date('2026-06-01T02:00:00Z');

describeDb('volunteer commands', (ctx) => {
  const db = () => ctx.database.db;
  let tree: StationTree;
  beforeAll(async () => {
    tree = await loadStationTree(db(), readDemoStations());
  });

  /** A command context for `userId` with `content`, recording replies. */
  async function context(userId: string, content: IncomingContent) {
    const person = await ensurePerson(db(), 'test', userId, userId);
    const replies: string[] = [];
    const choices: Choice[][] = [];
    const c: CommandContext = {
      tx: db(),
      tree,
      hotline: '96345',
      places: createStationMatcher(tree),
      person,
      msg: { channel: 'test', chatId: userId, userId, displayName: userId, isGroup: false, messageId: `vc-${Math.random()}`, content },
      now: at,
      reply: (text, offered) => {
        replies.push(text);
        if (offered) choices.push(offered);
      },
      notice: (text) => replies.push(text),
      tellPrivately: async (text) => {
        replies.push(text);
      },
      findSkill: (code) => (code === 'appliance-repair' ? { code, name: '家电维修' } : null),
      settings: { remindMinutes: 10, escalateMinutes: 30 },
    };
    return { c, replies, choices, person };
  }
  const say = (userId: string, text: string) => context(userId, { kind: 'text', text });

  /** A request claimed by `volunteerId`. */
  async function claimedBy(volunteerId: number, residentId: string) {
    const resident = await ensurePerson(db(), 'test', residentId, '居民');
    const fields = requestFields();
    const { id, ticket } = await createRequest(
      db(),
      fields,
      { residentId: resident.id, channel: 'test', chatId: residentId, conversationKey: `test:${residentId}:${residentId}` },
      at,
    );
    await db().update(requests).set({ status: 'claimed', volunteerId, claimedAt: at }).where(eq(requests.id, id));
    return { id, ticket };
  }

  it('is no visit step: other text, other buttons, media, a step word without a ticket', async () => {
    for (const content of [
      { kind: 'text', text: '你好' },
      { kind: 'text', text: '出发' },
      { kind: 'text', text: '出发了 20260601-0001' },
      { kind: 'choice', choiceId: 'claim:20260601-0001' },
      { kind: 'choice', choiceId: 'depart:not-a-ticket' },
      { kind: 'media', media: 'photo' },
    ] as IncomingContent[]) {
      const { c, replies } = await context('vc-none', content);
      expect(await handleVisitStep(c)).toBe(false);
      expect(replies).toEqual([]);
    }
  });

  it('完成 with hours that cannot be read: explains how, and records nothing', async () => {
    const { c, replies, person } = await say('vc-hours', '完成 20260601-0099 很久 修好了');
    const { id, ticket } = await claimedBy(person.id, 'vc-hours-r');
    expect(await handleVisitStep(c)).toBe(true);
    expect(replies).toEqual([t.doneHowTo('20260601-0099')]);
    const again = await say('vc-hours', `完成 ${ticket} 很久`);
    await handleVisitStep(again.c);
    expect(again.replies).toEqual([t.doneHowTo(ticket)]);
    expect((await db().select().from(requests).where(eq(requests.id, id)))[0]!.status).toBe('claimed');
  });

  it('a step on a task that is not theirs is refused', async () => {
    const owner = await ensurePerson(db(), 'test', 'vc-owner', '甲');
    const { ticket } = await claimedBy(owner.id, 'vc-owner-r');
    const { c, replies } = await context('vc-stranger', { kind: 'choice', choiceId: `depart:${ticket}` });
    expect(await handleVisitStep(c)).toBe(true);
    expect(replies).toEqual([t.notYourTask(ticket)]);
  });

  it('完成 with hours and a note records both; the note is cut to 200 characters', async () => {
    const { person } = await say('vc-done', 'x');
    const { id, ticket } = await claimedBy(person.id, 'vc-done-r');
    const { c, replies } = await say('vc-done', `完成 ${ticket} 1.5小时 换了 ${'线'.repeat(300)}`);
    expect(await handleVisitStep(c)).toBe(true);
    expect(replies).toEqual([t.doneRecorded(ticket, 1.5)]);
    const [report] = await db().select().from(visitReports).where(eq(visitReports.requestId, id));
    expect(report!.hours).toBe(1.5);
    expect(report!.note).toHaveLength(200);
    expect(report!.note.startsWith('换了 线')).toBe(true);
  });

  it('放弃 without a reason is recorded as 未说明', async () => {
    const { person } = await say('vc-release', 'x');
    const { id, ticket } = await claimedBy(person.id, 'vc-release-r');
    const { c, replies } = await say('vc-release', `放弃 ${ticket}`);
    expect(await handleVisitStep(c)).toBe(true);
    expect(replies).toEqual([t.released(ticket)]);
    const events = await db().select().from(requestEvents).where(eq(requestEvents.requestId, id));
    expect(events.at(-1)).toMatchObject({ type: 'released', data: { reason: '未说明' } });
  });

  it('/me: a volunteer’s profile with skill names and tasks; anyone else is invited to register', async () => {
    const { c, replies, person } = await say('vc-me', '/me');
    await db()
      .insert(volunteers)
      .values({
        personId: person.id,
        name: '孙师傅',
        phone: '13900000000',
        partyMember: false,
        skills: ['appliance-repair', 'unknown-skill'],
        stationId: tree.byCode('nanhu-jianshe-wenchang')!.id,
        availability: '随时',
        status: 'approved',
        suspendedUntil: new Date(at.getTime() + 86_400_000),
      });
    const { ticket } = await claimedBy(person.id, 'vc-me-r');
    await showMe(c);
    expect(replies).toHaveLength(1);
    expect(replies[0]).toBe(
      t.me({
        id: person.id,
        name: '孙师傅',
        status: '已通过',
        community: '文昌社区',
        skills: '家电维修、unknown-skill',
        suspendedUntil: '6月2日',
        tasks: [`· ${ticket}（已接单）`],
        alerts: t.alertsLabel.on,
      }),
    );
    const nobody = await say('vc-me-nobody', '/me');
    await showMe(nobody.c);
    expect(nobody.replies).toEqual([t.notAVolunteer]);
  });

  describe('新任务提醒: new tasks offered in private chat, on, off or urgent ones only', () => {
    const alertsOf = async (personId: number) => (await db().select().from(volunteers).where(eq(volunteers.personId, personId)))[0]!.taskAlerts;
    async function registered(userId: string) {
      const person = await ensurePerson(db(), 'test', userId, userId);
      await db()
        .insert(volunteers)
        .values({
          personId: person.id,
          name: '周师傅',
          phone: '1',
          partyMember: false,
          skills: [],
          stationId: tree.byCode('nanhu-jianshe-wenchang')!.id,
          availability: '',
          status: 'approved',
        })
        .onConflictDoNothing();
      return person.id;
    }

    it('stores the setting however it is typed, and confirms it', async () => {
      const id = await registered('vc-alerts');
      for (const [words, setting] of [
        ['新任务提醒 关', 'off'],
        ['新任务提醒 开', 'on'],
        ['新任务提醒 关闭', 'off'],
        ['新任务提醒 开启', 'on'],
        ['新任务提醒紧急', 'urgent'],
        ['新任务提醒 打开', 'on'],
        ['新任务提醒 只要紧急', 'urgent'],
        ['/alerts off', 'off'],
        ['/Alerts ON', 'on'],
        ['/alerts urgent', 'urgent'],
      ] as const) {
        const { c, replies } = await say('vc-alerts', words);
        expect(await handleAlertsCommand(c)).toBe(true);
        expect([words, replies, await alertsOf(id)]).toEqual([words, [t.alertsSet[setting]], setting]);
      }
    });

    it('without a setting shows the current one with three buttons, which work when pressed; /me shows it too', async () => {
      const id = await registered('vc-alerts-show');
      for (const words of ['新任务提醒', '/alerts', '新任务提醒 随便']) {
        const { c, replies, choices } = await say('vc-alerts-show', words);
        expect(await handleAlertsCommand(c)).toBe(true);
        expect(replies).toEqual([t.alertsCurrent(t.alertsLabel.on)]);
        expect(choices).toEqual([
          [
            { id: 'alerts:on', label: '开' },
            { id: 'alerts:off', label: '关' },
            { id: 'alerts:urgent', label: '只要紧急' },
          ],
        ]);
      }
      const pressed = await context('vc-alerts-show', { kind: 'choice', choiceId: 'alerts:urgent' });
      expect(await handleAlertsCommand(pressed.c)).toBe(true);
      expect(pressed.replies).toEqual([t.alertsSet.urgent]);
      expect(await alertsOf(id)).toBe('urgent');
      const me = await say('vc-alerts-show', '/me');
      await showMe(me.c);
      expect(me.replies[0]).toContain(`新任务提醒：${t.alertsLabel.urgent}`);
    });

    it('anyone else gets a short hint; other words and buttons are not this command', async () => {
      const { c, replies } = await say('vc-alerts-nobody', '新任务提醒 关');
      expect(await handleAlertsCommand(c)).toBe(true);
      expect(replies).toEqual([t.alertsNotVolunteer]);
      for (const content of [
        { kind: 'text', text: '新任务' },
        { kind: 'text', text: '提醒我吃药' },
        { kind: 'choice', choiceId: 'alerts:loud' },
        { kind: 'choice', choiceId: 'claim:20260601-0001' },
      ] as IncomingContent[]) {
        const other = await context('vc-alerts-nobody', content);
        expect(await handleAlertsCommand(other.c)).toBe(false);
        expect(other.replies).toEqual([]);
      }
    });
  });
});
