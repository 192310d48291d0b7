import { createResidentMachine, RESIDENT_FLOW_ID, RESIDENT_FLOW_VERSION } from '../../flows/resident.machine.js';
import { interpretResidentInput } from '../../flows/resident.input.js';
import type { RequestDraft, ResidentContext, ResidentFlowDeps } from '../../flows/resident.types.js';
import type { Db } from '../../db/client.js';
import type { EffectHandler, FlowDefinition } from '../core/flow.js';
import { recordAlert } from './alerts.js';
import type { CatalogueMatcher } from './catalogue/matcher.js';
import type { Catalogue } from './catalogue/types.js';
import { rememberPhone } from './people/people.js';
import { CANCELLABLE, cancelByResident, createRequest, listRequestsOf } from './requests/requests.js';
import type { StationDirectory } from './stations/matcher.js';

/** The catalogue and places as pure look-ups for the resident flow. */
export function residentFlowDeps(catalogue: Catalogue, matcher: CatalogueMatcher, places: StationDirectory): ResidentFlowDeps {
  return {
    classes: catalogue.classes.map((c) => ({ code: c.code, name: c.name })),
    itemsOf: (classCode) => catalogue.classes.find((c) => c.code === classCode)?.items ?? [],
    item: (code) => matcher.item(code),
    matchItems: (text) => matcher.match(text, 3),
    communities: () => places.communities(),
    matchCommunities: (text) => places.matchCommunities(text),
    community: (code) => {
      const s = places.get(code);
      return s?.level === 'community' ? s : undefined;
    },
  };
}

/** What happens after the resident flow's writes (dispatch plugs in here). */
export interface ResidentFlowHooks {
  afterRequestCreated?: (tx: Db, requestId: number, emergencyWords: string[], at: Date) => Promise<void>;
  afterRequestCancelled?: (tx: Db, requestId: number, volunteerId: number | null, at: Date) => Promise<void>;
  /** Emergency words were heard: organizers must know now, before the intake is finished. */
  afterEmergencyWords?: (tx: Db, personId: number, words: string[], at: Date) => Promise<void>;
}

/** The `recordAlert` effect of every flow: an alert row, and organizers told at once. */
export function emergencyAlertEffect(hooks: Pick<ResidentFlowHooks, 'afterEmergencyWords'>): EffectHandler {
  return async (params: { words: string[]; services: string[] }, env) => {
    await recordAlert(env.tx, { kind: 'emergency', personId: env.personId, conversationKey: env.conversationKey, detail: params }, env.now);
    await hooks.afterEmergencyWords?.(env.tx, env.personId, params.words, env.now);
  };
}

/** The resident flow wired to the domain: what its effects do in the database. */
export function createResidentFlow(deps: ResidentFlowDeps, hooks: ResidentFlowHooks = {}): FlowDefinition {
  const machine = createResidentMachine(deps);
  return {
    id: RESIDENT_FLOW_ID,
    version: RESIDENT_FLOW_VERSION,
    machine,
    input: (person) => ({ profile: { phone: person.phone, lastCommunityCode: person.lastCommunityCode } }),
    question: (context: ResidentContext) => (context.question.text ? { text: context.question.text, choices: context.question.choices, questionId: context.question.id } : null),
    isStale: (event) => event === 'answer.stale',
    interpret: (context: ResidentContext, content) => interpretResidentInput(context, content),
    effects: {
      createRequest: async (draft: RequestDraft, env) => {
        const { id, ticket } = await createRequest(
          env.tx,
          { ...draft, residentId: env.personId, channel: env.message.channel, chatId: env.message.chatId, conversationKey: env.conversationKey },
          env.now,
        );
        await rememberPhone(env.tx, env.personId, draft.phone);
        await hooks.afterRequestCreated?.(env.tx, id, draft.emergencyWords, env.now);
        return { type: 'request.created', ticket };
      },
      recordAlert: emergencyAlertEffect(hooks),
      listRequests: async (_params, env) => {
        const rows = await listRequestsOf(env.tx, env.personId);
        return {
          type: 'requests.listed',
          requests: rows.map((r) => ({ ticket: r.ticket, itemName: r.itemName ?? '', status: r.status, cancellable: CANCELLABLE.includes(r.status) })),
        };
      },
      cancelRequest: async (params: { ticket: string }, env) => {
        const cancelled = await cancelByResident(env.tx, env.personId, params.ticket, env.now);
        if (cancelled) await hooks.afterRequestCancelled?.(env.tx, cancelled.requestId, cancelled.volunteerId, env.now);
        return { type: 'request.cancelled', ticket: params.ticket, ok: cancelled !== null };
      },
    },
  };
}
