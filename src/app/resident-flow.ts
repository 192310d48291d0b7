import { createResidentMachine, RESIDENT_FLOW_ID, RESIDENT_FLOW_VERSION } from '../../flows/resident.machine.js';
import { interpretResidentInput } from '../../flows/resident.input.js';
import type { RequestDraft, ResidentContext, ResidentFlowDeps } from '../../flows/resident.types.js';
import type { Db } from '../../db/client.js';
import type { AnyMachineSnapshot } from 'xstate';
import { DEFAULT_HOTLINE, type HotlineConfig } from '../config.js';
import type { FlowDefinition } from '../core/flow.js';
import type { IncomingContent } from '../core/message.js';
import type { CatalogueMatcher } from '../domain/catalogue/matcher.js';
import { itemPages } from '../domain/catalogue/pages.js';
import type { Catalogue } from '../domain/catalogue/types.js';
import { rememberPhone } from '../domain/people/people.js';
import type { DailyCap } from '../domain/requests/quota.js';
import { CANCELLABLE, cancelByResident, createRequest, createRequestWithinCap, listRequestsOf, type RequestFields } from '../domain/requests/requests.js';
import { createStationMatcher } from '../domain/stations/matcher.js';
import type { Station, StationTree } from '../domain/stations/tree.js';
import type { Place, PlaceLookup } from '../../flows/common/places.js';
import type { Classification, Classifier } from '../domain/understanding/classifier.js';
import { runTurn, stepSync } from '../core/turn.js';
import { type EmergencyHooks, emergencyAlertEffect, questionWiring, type Same } from './flow-kit.js';

// The flow's draft is the domain's request fields (flows and domain do not import each other).
true satisfies Same<RequestDraft, RequestFields>;

/** The station tree as the flows see it: typed names, labels, the step-by-step pick. */
export function placeLookup(stations: StationTree): PlaceLookup & Pick<ResidentFlowDeps, 'matchCommunities'> {
  const places = createStationMatcher(stations);
  const asPlace = (s: Station, label = places.displayName(s)): Place => ({ code: s.code, label, level: s.level });
  const offered = (s: Station | undefined) => (s && !s.retired ? s : undefined);
  return {
    findPlaces(text, within) {
      const area = within === undefined ? undefined : offered(stations.byCode(within));
      const m = places.matchPlaces(text, area?.id);
      return { communities: m.communities.map((c) => asPlace(c, places.label(c))), exact: m.exact, areas: m.areas.map((a) => asPlace(a, places.label(a))) };
    },
    placesUnder(code) {
      const s = offered(stations.byCode(code));
      return s
        ? stations
            .children(s.id)
            .filter((c) => !c.retired)
            .map((c) => asPlace(c))
        : [];
    },
    place(code) {
      const s = offered(stations.byCode(code));
      if (!s) return undefined;
      const parent = s.parentId === null ? undefined : stations.byId(s.parentId);
      return { ...asPlace(s, places.label(s)), parent: parent?.code ?? null };
    },
    topPlace: () => stations.root().code,
    matchCommunities: (text) => places.matchCommunities(text),
    community(code) {
      const s = offered(stations.byCode(code));
      return s?.level === 'community' ? { code: s.code, name: places.displayName(s) } : undefined;
    },
  };
}

/**
 * The catalogue and places as pure look-ups for the resident flow. With a `classifier` that may give a
 * second opinion, the flow asks for it (`classify`) when the rules are unsure.
 */
export function residentFlowDeps(
  catalogue: Catalogue,
  matcher: CatalogueMatcher,
  stations: StationTree,
  { hotline = DEFAULT_HOTLINE, classifier }: { hotline?: HotlineConfig; classifier?: Classifier } = {},
): ResidentFlowDeps {
  return {
    ...(classifier ? { secondOpinion: (text: string) => classifier.wantsSecondOpinion(text) } : {}),
    classes: catalogue.classes.map((c) => ({ code: c.code, name: c.name, plainName: c.plainName ?? null, homeVisit: c.homeVisit ?? true })),
    itemsOf: (classCode) => catalogue.classes.find((c) => c.code === classCode)?.items ?? [],
    itemPages: (classCode) => {
      const cls = catalogue.classes.find((c) => c.code === classCode);
      return cls ? itemPages(cls) : [];
    },
    item: (code) => matcher.item(code),
    matchItems: (text) => matcher.match(text, 3),
    emergencyItem: catalogue.classes.flatMap((c) => c.items).find((i) => i.emergency)?.code ?? null,
    ...placeLookup(stations),
    hotlinePhone: hotline.phone,
    localAreaCode: hotline.localAreaCode,
  };
}

/** The resident flow's `prepare`: the words its turn will `classify`, already classified. */
interface PreparedClassifications {
  classifications: Map<string, Classification>;
}

/** What happens after the resident flow's writes (dispatch plugs in here). */
export interface ResidentFlowHooks extends EmergencyHooks {
  afterRequestCreated?: (tx: Db, requestId: number, emergencyWords: string[], at: Date) => Promise<void>;
  afterRequestCancelled?: (tx: Db, requestId: number, volunteerId: number | null, at: Date) => Promise<void>;
}

/** How the resident flow stores requests: their tickets' time zone and a resident's daily cap. */
export interface ResidentFlowOptions {
  /** The daily cap on a resident's new requests; none when absent. */
  cap?: DailyCap;
  /** Tickets' days are in this zone (`TIME_ZONE`); the cap's zone when a cap is given. */
  timeZone?: string;
}

/**
 * The resident flow wired to the domain: what its effects do in the database, who answers `classify`
 * (default: the rules, through `deps.matchItems`), and the daily cap on a resident's new requests (none when absent).
 */
export function createResidentFlow(
  deps: ResidentFlowDeps,
  hooks: ResidentFlowHooks = {},
  classifier?: Classifier,
  options: ResidentFlowOptions = {},
): FlowDefinition {
  const { cap, timeZone } = options;
  const machine = createResidentMachine(deps);
  const steppable = { id: RESIDENT_FLOW_ID, machine, interpret: interpretResidentInput };
  return {
    id: RESIDENT_FLOW_ID,
    version: RESIDENT_FLOW_VERSION,
    machine,
    input: (person) => ({ profile: { phone: person.phone, lastCommunityCode: person.lastCommunityCode } }),
    ...questionWiring,
    interpret: (context: ResidentContext, content) => interpretResidentInput(context, content),
    // The turn played ahead, answering nothing: the words it will `classify` (exactly those, and only
    // when it will) are classified before the transaction, so no lock waits for a language model.
    ...(classifier ? { prepare: (snapshot, content) => prepareClassifications(steppable, snapshot, content, classifier) } : {}),
    effects: {
      createRequest: async (draft: RequestDraft, env) => {
        const owner = { residentId: env.personId, channel: env.message.channel, chatId: env.message.chatId, conversationKey: env.conversationKey };
        const created = cap ? await createRequestWithinCap(env.tx, draft, owner, env.now, cap) : await createRequest(env.tx, draft, owner, env.now, timeZone);
        if (!created) return { type: 'request.capped', perDay: cap?.perDay ?? 0 };
        const { id, ticket } = created;
        await rememberPhone(env.tx, env.personId, draft.phone);
        await hooks.afterRequestCreated?.(env.tx, id, draft.emergencyWords, env.now);
        return { type: 'request.created', ticket };
      },
      recordAlert: emergencyAlertEffect(hooks),
      classify: async (params: { text: string }, env) => {
        const prepared = (env.prepared as PreparedClassifications | undefined)?.classifications.get(params.text);
        const { itemCodes, source } =
          prepared ??
          (classifier ? await classifier.classify(params.text) : { itemCodes: deps.matchItems(params.text).map((m) => m.itemCode), source: 'rules' as const });
        return { type: 'classifier.suggested', itemCodes, source };
      },
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

/**
 * The resident flow's `prepare`: the turn played ahead, answering nothing — the words it will `classify`
 * (exactly those, and only when it will) are classified before the transaction, so no lock waits for a
 * language model.
 */
async function prepareClassifications(
  steppable: Parameters<typeof runTurn>[0],
  snapshot: AnyMachineSnapshot | null,
  content: IncomingContent,
  classifier: Classifier,
): Promise<PreparedClassifications | undefined> {
  if (content.kind !== 'text') return undefined;
  const start = snapshot ? { snapshot } : { input: { profile: { phone: null, lastCommunityCode: null } } };
  const texts: string[] = [];
  stepSync(runTurn(steppable, start, content), (action) => {
    if (action.type === 'classify') texts.push((action.params as { text: string }).text);
  });
  if (texts.length === 0) return undefined;
  return { classifications: new Map(await Promise.all(texts.map(async (t) => [t, await classifier.classify(t)] as const))) };
}
