import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { VOLUNTEER_FLOW_ID, VOLUNTEER_FLOW_VERSION } from '../../flows/volunteer.machine.js';
import type { VolunteerDraft } from '../../flows/volunteer.types.js';
import { alerts, volunteers } from '../../db/schema.js';
import { residentFlowDeps } from '../../src/app/resident-flow.js';
import { createVolunteerFlow, startsVolunteerFlow } from '../../src/app/volunteer-flow.js';
import type { EffectEnv, FlowDefinition } from '../../src/core/flow.js';
import { createCatalogueMatcher } from '../../src/domain/catalogue/matcher.js';
import { ensurePerson } from '../../src/domain/people/people.js';
import { readCatalogueFile } from '../../src/domain/reference-data.js';
import { loadStationTree } from '../../src/domain/stations/tree.js';
import { describeDb } from '../support/db.js';
import { readDemoStations } from '../support/stations.js';

describe('startsVolunteerFlow', () => {
  it('the words that ask to register, and /volunteer with or without the bot’s name', () => {
    for (const words of ['我要当志愿者', ' 我想当志愿者 ', '志愿者报名', '报名志愿者', '/volunteer', '/volunteer@lianxin_bot', '/VOLUNTEER']) {
      expect(startsVolunteerFlow({ kind: 'text', text: words })).toBe(true);
    }
  });

  it('not words that only contain them, nor a button or media', () => {
    expect(startsVolunteerFlow({ kind: 'text', text: '我要当志愿者吗' })).toBe(false);
    expect(startsVolunteerFlow({ kind: 'text', text: '志愿者' })).toBe(false);
    expect(startsVolunteerFlow({ kind: 'choice', choiceId: '我要当志愿者' })).toBe(false);
    expect(startsVolunteerFlow({ kind: 'media', media: 'photo', caption: '我要当志愿者' })).toBe(false);
  });
});

describeDb('the volunteer flow’s effects', (ctx) => {
  const db = () => ctx.database.db;
  const heard: string[] = [];
  let flow: FlowDefinition;
  beforeAll(async () => {
    const catalogue = readCatalogueFile();
    const tree = await loadStationTree(db(), readDemoStations());
    const deps = residentFlowDeps(catalogue, createCatalogueMatcher(catalogue), tree);
    flow = createVolunteerFlow(deps, tree, { afterEmergencyWords: async (_tx, personId, words) => void heard.push(`${personId} ${words.join(',')}`) });
  });
  const env = async (userId: string): Promise<EffectEnv> => {
    const person = await ensurePerson(db(), 'test', userId, '王小明');
    return {
      tx: db(),
      personId: person.id,
      conversationKey: `test:${userId}:${userId}`,
      now: new Date('2026-06-01T02:00:00Z'),
      message: { channel: 'test', chatId: userId, userId, displayName: '王小明', isGroup: false, messageId: 'm', content: { kind: 'text', text: 'x' } },
    };
  };
  const draft: VolunteerDraft = {
    name: '王小明',
    phone: '13900003333',
    partyMember: false,
    skills: ['appliance-repair'],
    communityCode: 'nanhu-jianshe-wenchang',
    availability: '周末',
  };

  it('is the volunteer flow, started with the person and their registration, if any', async () => {
    expect(flow).toMatchObject({ id: VOLUNTEER_FLOW_ID, version: VOLUNTEER_FLOW_VERSION });
    const e = await env('vf-input');
    const person = { id: e.personId, displayName: '王小明', phone: null, lastCommunityCode: null };
    expect(await flow.input(person, db())).toEqual({ profile: { displayName: '王小明', phone: null }, registration: null });
    await flow.effects.registerVolunteer!(draft, e);
    expect(await flow.input(person, db())).toEqual({ profile: { displayName: '王小明', phone: null }, registration: { status: 'pending', name: '王小明' } });
  });

  it('registerVolunteer stores the registration as pending and answers so', async () => {
    const e = await env('vf-register');
    expect(await flow.effects.registerVolunteer!(draft, e)).toEqual({ type: 'volunteer.registered', status: 'pending' });
    const [row] = await db().select().from(volunteers).where(eq(volunteers.personId, e.personId));
    expect(row).toMatchObject({ name: '王小明', phone: '13900003333', skills: ['appliance-repair'], availability: '周末', status: 'pending' });
  });

  it('recordAlert is the same emergency effect as the resident flow’s', async () => {
    const e = await env('vf-alert');
    await flow.effects.recordAlert!({ words: ['摔倒'], services: ['120'] }, e);
    expect(await db().select().from(alerts).where(eq(alerts.conversationKey, e.conversationKey))).toHaveLength(1);
    expect(heard).toEqual([`${e.personId} 摔倒`]);
  });
});
