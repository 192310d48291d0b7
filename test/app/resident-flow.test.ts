import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { initialResidentContext, RESIDENT_FLOW_ID, RESIDENT_FLOW_VERSION } from '../../flows/resident.machine.js';
import type { RequestDraft } from '../../flows/resident.types.js';
import { alerts, people, requests } from '../../db/schema.js';
import { createResidentFlow, residentFlowDeps } from '../../src/app/resident-flow.js';
import type { EffectEnv, FlowDefinition } from '../../src/core/flow.js';
import { createCatalogueMatcher } from '../../src/domain/catalogue/matcher.js';
import { ensurePerson } from '../../src/domain/people/people.js';
import { readCatalogueFile } from '../../src/domain/reference-data.js';
import { stationTreeOf } from '../../src/domain/stations/tree.js';
import { type Classifier, rulesAreUnsure } from '../../src/domain/understanding/classifier.js';
import { describeDb } from '../support/db.js';
import { readDemoStations } from '../support/stations.js';

// === The resident flow wired to the domain: its look-ups, and what its effects do in the database

const catalogue = readCatalogueFile();
const tree = stationTreeOf(readDemoStations());
const matcher = createCatalogueMatcher(catalogue);
const deps = residentFlowDeps(catalogue, matcher, tree);

describe('residentFlowDeps', () => {
  it('the catalogue’s classes and items, and items matched from words', () => {
    expect(deps.classes.map((c) => c.code)).toEqual(catalogue.classes.map((c) => c.code));
    expect(deps.itemsOf('daily-life').map((i) => i.code)).toContain('appliance-repair');
    expect(deps.itemsOf('no-such-class')).toEqual([]);
    expect(deps.item('appliance-repair')?.name).toBe('家电维修');
    expect(deps.matchItems('电视坏了')[0]?.itemCode).toBe('appliance-repair');
    expect(deps.matchItems('电视坏了').length).toBeLessThanOrEqual(3);
  });

  it('communities only: a town or a county is no community', () => {
    expect(deps.community('nanhu-jianshe-wenchang')?.name).toBe('文昌社区');
    expect(deps.community('nanhu-jianshe')).toBeUndefined();
    expect(deps.community('nowhere')).toBeUndefined();
    expect(deps.placesUnder('nanhu-jianshe').every((c) => tree.byCode(c.code)?.level === 'community')).toBe(true);
    expect(deps.place('nanhu-jianshe')).toMatchObject({ level: 'town', parent: 'nanhu' });
    expect(deps.topPlace()).toBe('jx');
    expect(deps.matchCommunities('文昌').map((c) => c.code)).toEqual(['nanhu-jianshe-wenchang']);
  });
});

describe('classify and prepare: a second opinion asked before the transaction, for the description only', () => {
  const UNKNOWN = '家里的猫爬到树上下不来了';
  const asked: string[] = [];
  const classifier: Classifier = {
    wantsSecondOpinion: (text) => rulesAreUnsure(matcher.match(text)),
    classify: async (text) => {
      asked.push(text);
      return { itemCodes: ['errands'], source: 'llm' };
    },
  };
  const withModel = residentFlowDeps(catalogue, matcher, tree, { classifier });
  const flow = createResidentFlow(withModel, {}, classifier);
  const text = (t: string) => ({ kind: 'text', text: t }) as const;
  const fakeEnv = (prepared?: unknown) => ({ prepared }) as unknown as EffectEnv;

  it('deps say a second opinion may be asked only with a classifier', () => {
    expect(withModel.secondOpinion?.(UNKNOWN)).toBe(true);
    expect(withModel.secondOpinion?.('电视坏了')).toBe(false);
    expect(deps.secondOpinion).toBeUndefined();
  });

  it('prepare classifies exactly the words the turn will classify, and nothing else', async () => {
    asked.length = 0;
    const first = (await flow.prepare!(null, text(UNKNOWN))) as { classifications: Map<string, unknown> };
    expect([...first.classifications.keys()]).toEqual([UNKNOWN]);
    expect(await flow.prepare!(null, text('电视坏了'))).toBeUndefined();
    expect(await flow.prepare!(null, text('我妈叫不醒了'))).toBeUndefined();
    expect(await flow.prepare!(null, text('你好'))).toBeUndefined();
    // At the address step the words are an address: never sent.
    const atAddress = flow.machine.resolveState({ value: 'address', context: initialResidentContext({ phone: null, lastCommunityCode: null }) });
    expect(await flow.prepare!(atAddress, text('幸福家园5号楼2单元302室'))).toBeUndefined();
    expect(asked).toEqual([UNKNOWN]);
  });

  it('the classify effect takes what was prepared; without it, asks the classifier; without a classifier, the rules', async () => {
    asked.length = 0;
    const prepared = { classifications: new Map([[UNKNOWN, { itemCodes: ['haircut'], source: 'llm' }]]) };
    expect(await flow.effects.classify!({ text: UNKNOWN }, fakeEnv(prepared))).toEqual({ type: 'classifier.suggested', itemCodes: ['haircut'], source: 'llm' });
    expect(asked).toEqual([]);
    expect(await flow.effects.classify!({ text: UNKNOWN }, fakeEnv())).toEqual({ type: 'classifier.suggested', itemCodes: ['errands'], source: 'llm' });
    expect(asked).toEqual([UNKNOWN]);
    const rulesOnly = createResidentFlow(deps);
    expect(await rulesOnly.effects.classify!({ text: '电视坏了' }, fakeEnv())).toEqual({
      type: 'classifier.suggested',
      itemCodes: ['appliance-repair'],
      source: 'rules',
    });
  });
});

describeDb('the resident flow’s effects', (ctx) => {
  const db = () => ctx.database.db;
  const calls: string[] = [];
  let flow: FlowDefinition;
  beforeAll(() => {
    flow = createResidentFlow(deps, {
      afterRequestCreated: async (_tx, id, words) => void calls.push(`created ${id} ${words.join(',')}`),
      afterRequestCancelled: async (_tx, id, volunteerId) => void calls.push(`cancelled ${id} ${volunteerId}`),
      afterEmergencyWords: async (_tx, personId, words) => void calls.push(`emergency ${personId} ${words.join(',')}`),
    });
  });
  const env = async (userId: string): Promise<EffectEnv> => {
    const person = await ensurePerson(db(), 'test', userId, '居民');
    const key = `test:${userId}:${userId}`;
    return {
      tx: db(),
      personId: person.id,
      conversationKey: key,
      now: new Date('2026-06-01T02:00:00Z'),
      message: { channel: 'test', chatId: userId, userId, displayName: '居民', isGroup: false, messageId: 'm', content: { kind: 'text', text: 'x' } },
    };
  };
  const draft: RequestDraft = {
    classCode: 'daily-life',
    itemCode: 'appliance-repair',
    communityCode: 'nanhu-jianshe-wenchang',
    description: '电视坏了',
    address: '文昌小区1幢101',
    phone: '13900002222',
    wantedTime: '尽快',
    urgent: true,
    emergencyWords: ['摔倒'],
    attachments: [],
  };

  it('is the resident flow: id, version, its question and stale event', () => {
    expect(flow).toMatchObject({ id: RESIDENT_FLOW_ID, version: RESIDENT_FLOW_VERSION });
    const context = initialResidentContext({ phone: null, lastCommunityCode: null });
    expect(flow.question(context)).toBeNull();
    expect(flow.question({ ...context, question: { id: 4, text: '哪个社区？', choices: [], help: '' } })).toEqual({
      text: '哪个社区？',
      choices: [],
      questionId: 4,
    });
    expect(flow.isStale('answer.stale')).toBe(true);
    expect(flow.isStale('answer.text')).toBe(false);
    expect(flow.input({ id: 1, displayName: 'x', phone: '13900001111', lastCommunityCode: 'c' }, db())).toEqual({
      profile: { phone: '13900001111', lastCommunityCode: 'c' },
    });
  });

  it('createRequest stores the request, remembers the phone, runs the hook and answers with the ticket', async () => {
    const e = await env('rf-create');
    const answer = (await flow.effects.createRequest!(draft, e)) as unknown as { type: string; ticket: string };
    expect(answer).toEqual({ type: 'request.created', ticket: expect.stringMatching(/^20260601-\d{4}$/) });
    const [row] = await db().select().from(requests).where(eq(requests.ticket, answer.ticket));
    expect(row).toMatchObject({ residentId: e.personId, chatId: 'rf-create', urgent: true });
    expect((await db().select().from(people).where(eq(people.id, e.personId)))[0]!.phone).toBe('13900002222');
    expect(calls).toContain(`created ${row!.id} 摔倒`);
  });

  it('listRequests answers with the person’s requests and which may be cancelled', async () => {
    const e = await env('rf-list');
    const { ticket } = (await flow.effects.createRequest!(draft, e)) as unknown as { ticket: string };
    expect(await flow.effects.listRequests!(undefined, e)).toEqual({
      type: 'requests.listed',
      requests: [{ ticket, itemName: '家电维修', status: 'open', cancellable: true }],
    });
  });

  it('cancelRequest cancels once; the hook runs only when it did', async () => {
    const e = await env('rf-cancel');
    const { ticket } = (await flow.effects.createRequest!(draft, e)) as unknown as { ticket: string };
    const before = calls.filter((c) => c.startsWith('cancelled')).length;
    expect(await flow.effects.cancelRequest!({ ticket }, e)).toEqual({ type: 'request.cancelled', ticket, ok: true });
    expect(await flow.effects.cancelRequest!({ ticket }, e)).toEqual({ type: 'request.cancelled', ticket, ok: false });
    expect(calls.filter((c) => c.startsWith('cancelled'))).toHaveLength(before + 1);
  });

  it('recordAlert stores an alert for the conversation and tells the hook at once', async () => {
    const e = await env('rf-alert');
    expect(await flow.effects.recordAlert!({ words: ['着火'], services: ['119'] }, e)).toBeUndefined();
    const rows = await db().select().from(alerts).where(eq(alerts.conversationKey, e.conversationKey));
    expect(rows).toMatchObject([{ kind: 'emergency', personId: e.personId, detail: { words: ['着火'], services: ['119'] } }]);
    expect(calls).toContain(`emergency ${e.personId} 着火`);
  });
});
