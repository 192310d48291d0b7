import { beforeAll, expect, it } from 'vitest';
import { volunteers } from '../../../db/schema.js';
import { appCommands } from '../../../src/app/commands.js';
import type { CommandHook } from '../../../src/core/flow-runner.js';
import type { FlowPerson } from '../../../src/core/flow.js';
import type { IncomingContent } from '../../../src/core/message.js';
import { type Command, type CommandDeps, commandHook, type Place, refusalOf } from '../../../src/domain/commands/registry.js';
import { dispatchCommandDeps } from '../../../src/domain/dispatch/dispatch.js';
import { ensurePerson } from '../../../src/domain/people/people.js';
import { grantOrganizer } from '../../../src/domain/people/roles.js';
import { loadStationTree } from '../../../src/domain/stations/tree.js';
import { describeDb } from '../../support/db.js';
import { readDemoStations } from '../../support/stations.js';

// === The command registry: every command reachable by each declared form, refused with its own reason where not allowed

const now = new Date('2026-06-01T02:00:00Z');
const TICKET = '20261122-0001';

/** What follows each command's words in these tests (and the button pressed), by name: a new command needs a row. */
const SAMPLES: Record<string, { args: string; button?: string }> = {
  'check-in-by-location': { args: '' },
  'sign-up': { args: ' 3', button: 'event-signup:3' },
  'cancel-sign-up': { args: ' 3' },
  'check-in': { args: ' 3', button: 'event-checkin:3' },
  'check-out': { args: ' 3', button: 'event-checkout:3' },
  'upcoming-events': { args: '' },
  events: { args: '' },
  event: { args: ' 3' },
  cancelevent: { args: ' 3' },
  checkin: { args: ' 3 4' },
  broadcasts: { args: '' },
  me: { args: '' },
  whoami: { args: '' },
  alerts: { args: ' 开', button: 'alerts:on' },
  'visit-step': { args: ` ${TICKET}`, button: `depart:${TICKET}` },
  pending: { args: '' },
  request: { args: ` ${TICKET}` },
  assign: { args: ` ${TICKET} 5` },
  volunteers: { args: '' },
  approve: { args: ' 5', button: 'approve:5' },
  reject: { args: ' 5', button: 'reject:5' },
  organizer: { args: ' 5 文昌' },
  link: { args: ' 1 2' },
  undelivered: { args: '' },
  audit: { args: '' },
  alias: { args: ' 文昌 文昌小区' },
  unalias: { args: ' 文昌 文昌小区' },
  'claim-offered': { args: ` ${TICKET}`, button: `claim:${TICKET}` },
  bind: { args: ' 文昌' },
  unbind: { args: '' },
  'unbound-group': { args: '' },
  claim: { args: ` ${TICKET}`, button: `claim:${TICKET}` },
  'visit-step-without-ticket': { args: '' },
};

/** Each way a command is said: its slash forms and words with its sample, its button, a location, any message. */
function formsOf(cmd: Command): { form: string; content: IncomingContent }[] {
  const { args, button } = SAMPLES[cmd.name]!;
  const text = (form: string) => ({ form, content: { kind: 'text', text: `${form}${args}` } as IncomingContent });
  return [
    ...(cmd.slash ?? []).map(text),
    ...(cmd.words ?? []).map(text),
    ...(button ? [{ form: button, content: { kind: 'choice', choiceId: button } as IncomingContent }] : []),
    ...(cmd.location ? [{ form: 'location', content: { kind: 'location', latitude: 30.75, longitude: 120.75 } as IncomingContent }] : []),
    ...(cmd.anyMessage ? [{ form: 'any', content: { kind: 'text', text: '大家好' } as IncomingContent }] : []),
  ];
}

describeDb('the command registry', (ctx) => {
  const db = () => ctx.database.db;
  let commands: Command[];
  let deps: CommandDeps;
  let everything: FlowPerson;
  let nobody: FlowPerson;
  beforeAll(async () => {
    const tree = await loadStationTree(db(), readDemoStations());
    const events = { timeZone: 'Asia/Shanghai', remindHoursBefore: 24, checkInEarlyMinutes: 30, checkInRadiusMeters: 500 };
    commands = appCommands({ tree, events, timeZone: 'Asia/Shanghai' });
    deps = dispatchCommandDeps({ tree, findSkill: () => null, remindMinutes: 10, escalateMinutes: 30, hotlinePhone: '96345' });
    everything = await ensurePerson(db(), 'test', 'reg-all', '全能');
    nobody = await ensurePerson(db(), 'test', 'reg-nobody', '路人');
    const station = tree.byCode('nanhu-jianshe-wenchang')!.id;
    await grantOrganizer(db(), everything.id, station, null, now);
    await db()
      .insert(volunteers)
      .values({ personId: everything.id, name: '全能', phone: '1', partyMember: false, skills: [], stationId: station, availability: '', status: 'approved' });
  });

  /**
   * Runs the app's list on one message with every handler replaced by a recorder: which command took it
   * (a command for any message, the unbound group's, is recorded and passes on: it decides by the binding),
   * and what the registry itself answered.
   */
  async function send(person: FlowPerson, place: Place, content: IncomingContent, list = commands) {
    const ran: string[] = [];
    const recorded = list.map((c) => ({
      ...c,
      run: () => {
        ran.push(c.name);
        return !c.anyMessage;
      },
    }));
    const replies: string[] = [];
    const userId = person === everything ? 'reg-all' : 'reg-nobody';
    const h: Parameters<CommandHook>[0] = {
      tx: db(),
      person,
      msg: { channel: 'test', chatId: place === 'group' ? 'g-reg' : userId, userId, displayName: '', isGroup: place === 'group', messageId: 'm', content },
      now,
      reply: (p) => replies.push(p.text),
      notice: (text) => replies.push(text),
    };
    const taken = await commandHook(recorded, deps)(h);
    return { taken, took: taken ? ran.at(-1) : undefined, ran, replies };
  }

  it('has a sample for every command, and no two commands share a name', () => {
    expect(Object.keys(SAMPLES).sort()).toEqual(commands.map((c) => c.name).sort());
  });

  it('reaches every command by each of its forms, in each place it is for, from someone allowed', async () => {
    for (const cmd of commands) {
      for (const { form, content } of formsOf(cmd)) {
        for (const place of cmd.where) {
          const { ran, replies } = await send(everything, place, content);
          expect([cmd.name, form, place, ran.includes(cmd.name), replies]).toEqual([cmd.name, form, place, true, []]);
          if (!cmd.anyMessage) expect([cmd.name, form, place, ran.at(-1)]).toEqual([cmd.name, form, place, cmd.name]);
        }
      }
    }
  });

  it('refuses someone without the role with the command’s own requirement in a private chat, silently in a group', async () => {
    const refused = commands.filter((c) => c.who !== 'anyone');
    expect(refused.length).toBeGreaterThan(10);
    for (const cmd of refused) {
      // The refusal names what is missing: a volunteer's registration, or a station to organize.
      expect(refusalOf(cmd)).toContain(cmd.who === 'organizer' ? '组织者' : '志愿者');
      for (const { form, content } of formsOf(cmd)) {
        for (const place of cmd.where) {
          const { taken, ran, replies } = await send(nobody, place, content);
          const ordinary = cmd.ordinaryWords && content.kind === 'text' && !form.startsWith('/');
          const expected = place === 'group' ? [true, []] : ordinary ? [false, []] : [true, [refusalOf(cmd)]];
          expect([cmd.name, form, place, ran.includes(cmd.name), taken, replies]).toEqual([cmd.name, form, place, false, ...expected]);
        }
      }
    }
  });

  it('answers a group’s command typed in a private chat with where it belongs, and leaves private commands in a group to others', async () => {
    for (const cmd of commands) {
      for (const { form, content } of formsOf(cmd)) {
        if (!cmd.where.includes('private') && cmd.elsewhere && content.kind === 'text') {
          const { ran, replies } = await send(everything, 'private', content, [cmd]);
          expect([cmd.name, form, ran.includes(cmd.name), replies]).toEqual([cmd.name, form, false, [cmd.elsewhere.text]]);
        }
        if (!cmd.where.includes('group')) {
          const { ran } = await send(everything, 'group', content);
          expect([cmd.name, form, ran.filter((n) => n !== 'unbound-group').includes(cmd.name)]).toEqual([cmd.name, form, false]);
        }
      }
    }
  });

  it('matches a slash form whatever its case; nothing glued to a word that takes no words after it, nor a command to another bot', async () => {
    expect((await send(everything, 'private', { kind: 'text', text: '/PENDING' })).took).toBe('pending');
    expect((await send(everything, 'private', { kind: 'text', text: '我的信息呢' })).took).toBeUndefined();
    expect((await send(everything, 'private', { kind: 'text', text: '/events2' })).took).toBeUndefined();
    // The channel strips its own bot's name (Telegram's updates.ts); a name left on is another bot's.
    expect((await send(everything, 'private', { kind: 'text', text: '/pending@other_bot' })).took).toBeUndefined();
    expect((await send(everything, 'group', { kind: 'text', text: '/bind@other_bot 文昌' })).took).toBeUndefined();
  });
});
