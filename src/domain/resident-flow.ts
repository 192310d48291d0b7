import { createResidentMachine, RESIDENT_FLOW_ID, RESIDENT_FLOW_VERSION } from '../../flows/resident.machine.js';
import { interpretResidentInput } from '../../flows/resident.input.js';
import type { RequestDraft, ResidentContext, ResidentFlowDeps } from '../../flows/resident.types.js';
import type { FlowDefinition } from '../core/flow.js';
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

/** The resident flow wired to the domain: what its effects do in the database. */
export function createResidentFlow(deps: ResidentFlowDeps): FlowDefinition {
  const machine = createResidentMachine(deps);
  return {
    id: RESIDENT_FLOW_ID,
    version: RESIDENT_FLOW_VERSION,
    machine,
    input: (person) => ({ profile: { phone: person.phone, lastCommunityCode: person.lastCommunityCode } }),
    interpret: (context: ResidentContext, content) => interpretResidentInput(context, content),
    effects: {
      createRequest: async (draft: RequestDraft, env) => {
        const { ticket } = await createRequest(
          env.tx,
          { ...draft, residentId: env.personId, channel: env.message.channel, conversationKey: env.conversationKey },
          env.now,
        );
        await rememberPhone(env.tx, env.personId, draft.phone);
        return { type: 'request.created', ticket };
      },
      recordAlert: async (params: { words: string[]; services: string[] }, env) => {
        await recordAlert(env.tx, { kind: 'emergency', personId: env.personId, conversationKey: env.conversationKey, detail: params }, env.now);
      },
      listRequests: async (_params, env) => {
        const rows = await listRequestsOf(env.tx, env.personId);
        return {
          type: 'requests.listed',
          requests: rows.map((r) => ({ ticket: r.ticket, itemName: r.itemName ?? '', status: r.status, cancellable: CANCELLABLE.includes(r.status) })),
        };
      },
      cancelRequest: async (params: { ticket: string }, env) => {
        const ok = await cancelByResident(env.tx, env.personId, params.ticket, env.now);
        return { type: 'request.cancelled', ticket: params.ticket, ok };
      },
    },
  };
}
