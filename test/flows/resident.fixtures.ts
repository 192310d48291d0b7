import { interpretResidentInput } from '../../flows/resident.input.js';
import { createResidentMachine } from '../../flows/resident.machine.js';
import type { RequestDraft, RequestSummary, ResidentContext, ResidentEvent, ResidentProfile } from '../../flows/resident.types.js';
import { bringTo, converse, type FlowConversation, type Path, referenceDeps } from './harness.js';

// === Resident conversations for the tests: how the runtime answers, and the plain path through intake

export const machine = createResidentMachine(referenceDeps);

export interface ConversationOptions {
  /** What `listRequests` answers with. */
  requests?: RequestSummary[];
  /** Whether `cancelRequest` succeeds. */
  cancelOk?: boolean;
  /** The ticket `createRequest` answers with. */
  ticket?: string;
}

/** A resident conversation on the real catalogue; the first message gets the greeting. */
export function startConversation(profile: Partial<ResidentProfile> = {}, options: ConversationOptions = {}): Conversation {
  const opts = { requests: [] as RequestSummary[], cancelOk: true, ticket: '20261122-0001', ...options };
  const c = converse<ResidentContext, ResidentEvent, RequestDraft>({
    machine,
    input: { profile: { phone: null, lastCommunityCode: null, ...profile } },
    interpret: interpretResidentInput,
    draftEffect: 'createRequest',
    answer: (effect) => {
      switch (effect.type) {
        case 'createRequest':
          return { type: 'request.created', ticket: opts.ticket };
        case 'listRequests':
          return { type: 'requests.listed', requests: opts.requests };
        case 'cancelRequest':
          return { type: 'request.cancelled', ticket: (effect.params as { ticket: string }).ticket, ok: opts.cancelOk };
        case 'recordAlert':
          return null;
        default:
          throw new Error(`the flow asked for an unknown effect "${effect.type}"`);
      }
    },
  });
  if (c.startAnswers.length > 0) throw new Error('the flow should not ask for effects when it starts');
  return c;
}

export type Conversation = FlowConversation<ResidentContext, RequestDraft>;

/** The answers of a plain intake, each leading to the named step. */
const HAPPY_PATH: Path<Step> = [
  ['电视坏了', 'confirmItem'],
  ['1', 'community'],
  ['文昌', 'address'],
  ['文昌小区3幢2单元501', 'phone'],
  ['13812345678', 'when'],
  ['1', 'confirm'],
];

export type Step = 'describe' | 'pickItem' | 'confirmItem' | 'community' | 'address' | 'phone' | 'when' | 'confirm' | 'editDescription';

/** A conversation brought to `step` by the plain answers (television broken, 文昌, …). */
export function conversationAt(step: Step, profile: Partial<ResidentProfile> = {}, options: ConversationOptions = {}): Conversation {
  const c = startConversation(profile, options);
  if (step === 'describe') return bringTo(c, step, [['你好', 'describe']]);
  if (step === 'pickItem')
    return bringTo(c, step, [
      ['你好', 'describe'],
      ['1', 'pickItem'],
    ]);
  if (step === 'editDescription') {
    bringTo(c, 'confirm', HAPPY_PATH);
    return bringTo(c.press('edit:description'), step, []);
  }
  return bringTo(c, step, HAPPY_PATH);
}
