import { BROADCAST_FLOW_ID, BROADCAST_FLOW_VERSION, createBroadcastMachine } from '../../flows/broadcast.machine.js';
import { BROADCAST_START_WORDS, interpretBroadcastInput } from '../../flows/broadcast.input.js';
import type { BroadcastContext, BroadcastDraft, BroadcastEvent, BroadcastFlowDeps, BroadcastInput } from '../../flows/broadcast.types.js';
import type { FlowDefinition } from '../core/flow.js';
import { MAX_TEXT_LENGTH } from '../core/input-clean.js';
import { createBroadcast } from '../domain/broadcasts/create.js';
import { broadcastTargets, countTargets, organizedRoots } from '../domain/broadcasts/targets.js';
import type { StationTree } from '../domain/stations/tree.js';
import { questionWiring, startsWith } from './flow-kit.js';

// === The broadcast flow (群发) wired to the domain: who may, counting targets, storing the broadcast

/** True when the message opens a broadcast (whatever the conversation is in). */
export const startsBroadcastFlow = startsWith(BROADCAST_START_WORDS);

/**
 * Longest broadcast text: Telegram takes 4,096 characters a message, but every incoming message is cut
 * at `MAX_TEXT_LENGTH` (2,000) first, so a text of that length may have been cut and is refused.
 */
export const BROADCAST_TEXT_LIMIT = Math.min(4096, MAX_TEXT_LENGTH - 1);

/** The station tree as the flow sees it. */
export function broadcastFlowDeps(tree: StationTree): BroadcastFlowDeps {
  const ref = (s: { id: number; name: string }) => ({ id: s.id, name: s.name });
  return {
    children: (id) =>
      tree
        .children(id)
        .filter((s) => !s.retired)
        .map(ref),
    find: (text) => {
      const s = tree.find(text);
      return s && ref(s);
    },
    within: (id, roots) => tree.chain(id).some((up) => roots.includes(up)),
  };
}

/** The broadcast flow: the machine, the organizer's stations as input, and its two effects. */
export function createBroadcastFlow(tree: StationTree, textLimit = BROADCAST_TEXT_LIMIT): FlowDefinition {
  return {
    id: BROADCAST_FLOW_ID,
    version: BROADCAST_FLOW_VERSION,
    machine: createBroadcastMachine(broadcastFlowDeps(tree)),
    input: async (person, tx): Promise<BroadcastInput> => {
      const roots = await organizedRoots(tx, tree, person.id);
      return { organizer: roots.length > 0, roots, textLimit };
    },
    ...questionWiring,
    interpret: (context: BroadcastContext, content) => interpretBroadcastInput(context, content),
    effects: {
      countTargets: async ({ stationIds }: { stationIds: number[] }, env): Promise<BroadcastEvent> => ({
        type: 'broadcast.counted',
        ...countTargets(await broadcastTargets(env.tx, tree, stationIds)),
      }),
      createBroadcast: async (draft: BroadcastDraft, env): Promise<BroadcastEvent> => {
        const at = env.now;
        const r = await createBroadcast(env.tx, tree, { organizerId: env.personId, ...draft, channel: env.message.channel, chatId: env.message.chatId, at });
        if (r.ok) return { type: 'broadcast.created', id: r.id, targets: r.targets };
        return r.reason === 'not_organizer' ? { type: 'broadcast.refused' } : { type: 'broadcast.counted', groups: 0, privateChats: 0 };
      },
    },
  };
}
