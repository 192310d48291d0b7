import { type AnyMachineSnapshot, initialTransition, transition } from 'xstate';
import { interpretResidentInput } from '../../flows/resident.input.js';
import { createResidentMachine } from '../../flows/resident.machine.js';
import type { RequestDraft, RequestSummary, ResidentContext, ResidentEvent, ResidentFlowDeps, ResidentProfile } from '../../flows/resident.types.js';
import type { Choice, IncomingContent } from '../../src/core/message.js';
import { createCatalogueMatcher } from '../../src/domain/catalogue/matcher.js';
import { readCatalogueFile, readStationsFile } from '../../src/domain/reference-data.js';
import { residentFlowDeps } from '../../src/domain/resident-flow.js';
import { createStationDirectory } from '../../src/domain/stations/matcher.js';

// === A tiny driver of the resident flow as pure transitions: no database, effects answered here

const catalogue = readCatalogueFile();
/** The real catalogue and stations from db/seed, as the flow sees them. */
export const deps: ResidentFlowDeps = residentFlowDeps(catalogue, createCatalogueMatcher(catalogue), createStationDirectory(readStationsFile()));
export const machine = createResidentMachine(deps);

export interface Reply {
  text: string;
  choices: Choice[];
  questionId: number | undefined;
}

export interface Effect {
  type: string;
  params: unknown;
}

export interface ConversationOptions {
  /** What `listRequests` answers with. */
  requests?: RequestSummary[];
  /** Whether `cancelRequest` succeeds. */
  cancelOk?: boolean;
  /** The ticket `createRequest` answers with. */
  ticket?: string;
}

const EFFECT_LIMIT = 20;

export function startConversation(profile: Partial<ResidentProfile> = {}, options: ConversationOptions = {}) {
  const fullProfile: ResidentProfile = { phone: null, lastCommunityCode: null, ...profile };
  const replies: Reply[] = [];
  const effects: Effect[] = [];
  /** The replies of the last message sent, only. */
  let turn: Reply[] = [];
  const opts = { requests: [] as RequestSummary[], cancelOk: true, ticket: '20261122-0001', ...options };

  const perform = (actions: { type: string; params?: unknown }[]): ResidentEvent[] => {
    const answers: ResidentEvent[] = [];
    for (const action of actions) {
      if (action.type.startsWith('xstate.')) continue;
      if (action.type === 'reply') {
        const p = action.params as { text: string; choices?: Choice[]; questionId?: number };
        const reply = { text: p.text, choices: p.choices ?? [], questionId: p.questionId };
        replies.push(reply);
        turn.push(reply);
        continue;
      }
      effects.push({ type: action.type, params: action.params });
      switch (action.type) {
        case 'createRequest':
          answers.push({ type: 'request.created', ticket: opts.ticket });
          break;
        case 'listRequests':
          answers.push({ type: 'requests.listed', requests: opts.requests });
          break;
        case 'cancelRequest':
          answers.push({ type: 'request.cancelled', ticket: (action.params as { ticket: string }).ticket, ok: opts.cancelOk });
          break;
        case 'recordAlert':
          break;
        default:
          throw new Error(`the flow asked for an unknown effect "${action.type}"`);
      }
    }
    return answers;
  };

  const [initial, initialActions] = initialTransition(machine, { profile: fullProfile });
  let snapshot: AnyMachineSnapshot = initial;
  const startEvents = perform(initialActions as { type: string; params?: unknown }[]);
  if (startEvents.length > 0) throw new Error('the flow should not ask for effects when it starts');

  function send(content: IncomingContent) {
    turn = [];
    const queued: ResidentEvent[] = interpretResidentInput(snapshot.context as ResidentContext, content);
    let steps = 0;
    while (queued.length > 0) {
      if (++steps > EFFECT_LIMIT) throw new Error('the flow did not settle');
      const event = queued.shift()!;
      if (snapshot.status !== 'active') break;
      const [next, actions] = transition(machine, snapshot, event);
      snapshot = next;
      queued.unshift(...perform(actions as { type: string; params?: unknown }[]));
    }
    return convo;
  }

  const convo = {
    replies,
    effects,
    profile: fullProfile,
    /** Replies of the last message only. */
    get turn(): Reply[] {
      return turn;
    },
    /** All the text of the last message's replies, joined by newlines. */
    get turnText(): string {
      return turn.map((r) => r.text).join('\n');
    },
    get state(): unknown {
      return snapshot.value;
    },
    get context(): ResidentContext {
      return snapshot.context as ResidentContext;
    },
    get status(): string {
      return snapshot.status;
    },
    get lastReply(): Reply | undefined {
      return replies.at(-1);
    },
    /** Labels of the last reply's choices. */
    get labels(): string[] {
      return (replies.at(-1)?.choices ?? []).map((c) => c.label);
    },
    /** The id of the question currently asked. */
    get questionId(): number {
      return (snapshot.context as ResidentContext).question.id;
    },
    /** The createRequest draft, when one was asked for. */
    get draft(): RequestDraft | undefined {
      return effects.find((e) => e.type === 'createRequest')?.params as RequestDraft | undefined;
    },
    effectsOf(type: string): unknown[] {
      return effects.filter((e) => e.type === type).map((e) => e.params);
    },
    say(text: string) {
      return send({ kind: 'text', text });
    },
    press(choiceId: string, questionId: number = (snapshot.context as ResidentContext).question.id) {
      return send({ kind: 'choice', choiceId, questionId });
    },
    send,
  };
  return convo;
}

export type Conversation = ReturnType<typeof startConversation>;

/** The answers of a plain intake, each leading to the named step. */
const HAPPY_PATH: ReadonlyArray<readonly [string, string]> = [
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
  if (step === 'describe') c.say('你好');
  else if (step === 'pickItem') c.say('你好').say('1');
  else if (step === 'editDescription') {
    for (const [answer] of HAPPY_PATH) c.say(answer);
    c.press('edit:description');
  } else {
    for (const [answer, reached] of HAPPY_PATH) {
      c.say(answer);
      if (reached === step) break;
    }
  }
  if (c.state !== step) throw new Error(`could not bring the conversation to ${step}: it is at ${JSON.stringify(c.state)}`);
  return c;
}
