import { interpretResidentInput } from '../../flows/resident.input.js';
import { createResidentMachine } from '../../flows/resident.machine.js';
import type { RequestDraft, RequestSummary, ResidentContext, ResidentEvent, ResidentFlowDeps, ResidentProfile } from '../../flows/resident.types.js';
import type { IncomingContent } from '../../src/core/message.js';
import { createCatalogueMatcher } from '../../src/domain/catalogue/matcher.js';
import { readCatalogueFile, readStationsFile } from '../../src/domain/reference-data.js';
import { residentFlowDeps } from '../../src/domain/resident-flow.js';
import { createStationDirectory } from '../../src/domain/stations/matcher.js';
import { driveFlow, type Reply } from './driver.js';

// === A tiny driver of the resident flow as pure transitions: no database, effects answered here

const catalogue = readCatalogueFile();
/** The real catalogue and stations from db/seed, as the flow sees them. */
export const deps: ResidentFlowDeps = residentFlowDeps(catalogue, createCatalogueMatcher(catalogue), createStationDirectory(readStationsFile()));
export const machine = createResidentMachine(deps);

export type { Effect, Reply } from './driver.js';

export interface ConversationOptions {
  /** What `listRequests` answers with. */
  requests?: RequestSummary[];
  /** Whether `cancelRequest` succeeds. */
  cancelOk?: boolean;
  /** The ticket `createRequest` answers with. */
  ticket?: string;
}

export function startConversation(profile: Partial<ResidentProfile> = {}, options: ConversationOptions = {}) {
  const fullProfile: ResidentProfile = { phone: null, lastCommunityCode: null, ...profile };
  const opts = { requests: [] as RequestSummary[], cancelOk: true, ticket: '20261122-0001', ...options };
  const driver = driveFlow<ResidentEvent>({
    machine,
    input: { profile: fullProfile },
    interpret: interpretResidentInput,
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
  if (driver.startAnswers.length > 0) throw new Error('the flow should not ask for effects when it starts');
  const { replies, effects } = driver;

  function send(content: IncomingContent) {
    driver.send(content);
    return convo;
  }

  const convo = {
    replies,
    effects,
    profile: fullProfile,
    /** Replies of the last message only. */
    get turn(): Reply[] {
      return driver.turn;
    },
    /** All the text of the last message's replies, joined by newlines. */
    get turnText(): string {
      return driver.turn.map((r) => r.text).join('\n');
    },
    get state(): unknown {
      return driver.snapshot.value;
    },
    get context(): ResidentContext {
      return driver.snapshot.context as ResidentContext;
    },
    get status(): string {
      return driver.snapshot.status;
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
      return (driver.snapshot.context as ResidentContext).question.id;
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
    press(choiceId: string, questionId: number = (driver.snapshot.context as ResidentContext).question.id) {
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
