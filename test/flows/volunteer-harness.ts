import { type AnyMachineSnapshot, initialTransition, transition } from 'xstate';
import { interpretVolunteerInput } from '../../flows/volunteer.input.js';
import { createVolunteerMachine } from '../../flows/volunteer.machine.js';
import type { VolunteerContext, VolunteerDraft, VolunteerEvent, VolunteerFlowDeps, VolunteerInput, VolunteerStatus } from '../../flows/volunteer.types.js';
import type { Choice, IncomingContent } from '../../src/core/message.js';
import { createCatalogueMatcher } from '../../src/domain/catalogue/matcher.js';
import { readCatalogueFile, readStationsFile } from '../../src/domain/reference-data.js';
import { residentFlowDeps } from '../../src/domain/resident-flow.js';
import { createStationDirectory } from '../../src/domain/stations/matcher.js';

// === A tiny driver of the volunteer flow as pure transitions: no database, effects answered here

const catalogue = readCatalogueFile();

/** The real catalogue and stations from db/seed, as the flow sees them (the runtime's own deps). */
export const deps: VolunteerFlowDeps = residentFlowDeps(catalogue, createCatalogueMatcher(catalogue), createStationDirectory(readStationsFile()));
/** The machine under test, built on the real reference data. */
export const machine = createVolunteerMachine(deps);

/** One reply the flow sent. */
export interface Reply {
  text: string;
  choices: Choice[];
  questionId: number | undefined;
}

/** Who the person is, and how the runtime answers. */
export interface VolunteerSetup {
  displayName?: string;
  phone?: string | null;
  registration?: VolunteerInput['registration'];
  /** What `registerVolunteer` answers with. */
  status?: VolunteerStatus;
}

const EFFECT_LIMIT = 20;

/** A volunteer conversation, not yet started: the first message opens it. */
export function startVolunteer(setup: VolunteerSetup = {}) {
  const input: VolunteerInput = {
    profile: { displayName: setup.displayName ?? '', phone: setup.phone ?? null },
    registration: setup.registration ?? null,
  };
  const replies: Reply[] = [];
  const effects: { type: string; params: unknown }[] = [];
  let turn: Reply[] = [];

  const perform = (actions: { type: string; params?: unknown }[]): VolunteerEvent[] => {
    const answers: VolunteerEvent[] = [];
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
      if (action.type === 'recordAlert') continue;
      if (action.type !== 'registerVolunteer') throw new Error(`the flow asked for an unknown effect "${action.type}"`);
      answers.push({ type: 'volunteer.registered', status: setup.status ?? 'pending' });
    }
    return answers;
  };

  const [initial, initialActions] = initialTransition(machine, input);
  let snapshot: AnyMachineSnapshot = initial;
  if (perform(initialActions as { type: string; params?: unknown }[]).length > 0 || replies.length > 0) {
    throw new Error('the flow should wait for the first message');
  }

  function send(content: IncomingContent) {
    turn = [];
    const queued = interpretVolunteerInput(snapshot.context as VolunteerContext, content);
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
    /** Replies of the last message only. */
    get turn(): Reply[] {
      return turn;
    },
    get texts(): string[] {
      return turn.map((r) => r.text);
    },
    get state(): unknown {
      return snapshot.value;
    },
    get context(): VolunteerContext {
      return snapshot.context as VolunteerContext;
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
    get questionId(): number {
      return (snapshot.context as VolunteerContext).question.id;
    },
    /** The registerVolunteer params, when the flow asked for them. */
    get draft(): VolunteerDraft | undefined {
      return effects.find((e) => e.type === 'registerVolunteer')?.params as VolunteerDraft | undefined;
    },
    say(text: string) {
      return send({ kind: 'text', text });
    },
    press(choiceId: string, questionId: number = (snapshot.context as VolunteerContext).question.id) {
      return send({ kind: 'choice', choiceId, questionId });
    },
    send,
  };
  return convo;
}

/** A conversation driven by `startVolunteer`. */
export type VolunteerConversation = ReturnType<typeof startVolunteer>;

/** The steps `volunteerAt` can bring a conversation to. */
export type VolunteerStep = 'name' | 'phone' | 'party' | 'skills' | 'community' | 'availability' | 'summary';

/** The plain answers, each leading to the named step. */
const HAPPY_PATH: ReadonlyArray<readonly [string, VolunteerStep]> = [
  ['我要当志愿者', 'name'],
  ['王建国', 'phone'],
  ['13812345678', 'party'],
  ['1', 'skills'],
  ['1 3', 'skills'],
  ['选好了', 'community'],
  ['文昌', 'availability'],
  ['3', 'summary'],
];

/** A conversation brought to `step` by the plain answers (王建国, 13812345678, party member, classes 1 and 3, 文昌, weekends). */
export function volunteerAt(step: VolunteerStep, setup: VolunteerSetup = {}): VolunteerConversation {
  const c = startVolunteer(setup);
  for (const [answer, reached] of HAPPY_PATH) {
    c.say(answer);
    if (reached === step) break;
  }
  if (c.state !== step) throw new Error(`could not bring the conversation to ${step}: it is at ${JSON.stringify(c.state)}`);
  return c;
}
