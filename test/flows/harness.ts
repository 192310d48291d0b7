import type { AnyMachineSnapshot, AnyStateMachine, EventObject } from 'xstate';
import type { WithQuestion } from '../../flows/common/question.js';
import type { ResidentFlowDeps } from '../../flows/resident.types.js';
import type { Choice, IncomingContent } from '../../src/core/message.js';
import { runTurn, stepSync, type TurnStart } from '../../src/core/turn.js';
import { createCatalogueMatcher } from '../../src/domain/catalogue/matcher.js';
import { readCatalogueFile } from '../../src/domain/reference-data.js';
import { residentFlowDeps } from '../../src/app/resident-flow.js';
import { stationTreeOf } from '../../src/domain/stations/tree.js';
import { readDemoStations } from '../support/stations.js';

// === Any flow as pure transitions, one turn = `runTurn` as in the runner, with no database:
// a conversation to send messages to and read replies, effects and the snapshot from

/** One reply the flow sent. */
export interface Reply {
  text: string;
  choices: Choice[];
  questionId: number | undefined;
}

/** An action other than `reply`, as the flow asked for it. */
export interface Effect {
  type: string;
  params: unknown;
}

/** A flow under test: its machine and input, how it reads messages, and how the runtime answers its effects. */
export interface FlowUnderTest<C extends WithQuestion, E extends EventObject> {
  machine: AnyStateMachine;
  input: unknown;
  interpret: (context: C, content: IncomingContent) => E[];
  /** The runtime's answer to an effect (null: none); throw for effects the flow should not ask for. */
  answer: (effect: Effect) => E | null;
  /** The effect whose params are the flow's result (`draft`), e.g. `createRequest`. */
  draftEffect?: string;
}

const catalogue = readCatalogueFile();
/** The real catalogue (db/seed) and the demo stations (test/fixtures), as the flows see them (the runtime's own deps). */
export const referenceDeps: ResidentFlowDeps = residentFlowDeps(catalogue, createCatalogueMatcher(catalogue), stationTreeOf(readDemoStations()));

/**
 * Starts the flow (its start may already reply); `say`, `press` and `send` feed it a message.
 * `D` is the type of the `draftEffect`'s params.
 */
export function converse<C extends WithQuestion, E extends EventObject, D = unknown>(flow: FlowUnderTest<C, E>) {
  const replies: Reply[] = [];
  const effects: Effect[] = [];
  let turn: Reply[] = [];
  const runnable = { id: 'test', machine: flow.machine, interpret: flow.interpret as (c: unknown, content: IncomingContent) => E[] };
  const startAnswers: E[] = [];

  const play = (start: TurnStart, content: IncomingContent | null, recordAnswers = false): AnyMachineSnapshot => {
    const outcome = stepSync(runTurn(runnable, start, content), (action) => {
      const effect = { type: action.type, params: action.params };
      effects.push(effect);
      const answer = flow.answer(effect);
      if (answer && recordAnswers) startAnswers.push(answer);
      return answer;
    });
    for (const p of outcome.replies) {
      const reply = { text: p.text, choices: p.choices ?? [], questionId: p.questionId };
      replies.push(reply);
      turn.push(reply);
    }
    return outcome.snapshot;
  };
  let snapshot = play({ input: flow.input }, null, true);

  function send(content: IncomingContent) {
    turn = [];
    snapshot = play({ snapshot }, content);
    return convo;
  }

  const convo = {
    replies,
    effects,
    /** Events the start itself asked the runtime for (flows here ask for none). */
    startAnswers,
    /** Replies of the last message only. */
    get turn(): Reply[] {
      return turn;
    },
    /** The texts of the last message's replies. */
    get texts(): string[] {
      return turn.map((r) => r.text);
    },
    get snapshot(): AnyMachineSnapshot {
      return snapshot;
    },
    get state(): unknown {
      return snapshot.value;
    },
    get context(): C {
      return snapshot.context as C;
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
      return (snapshot.context as C).question.id;
    },
    /** The params of the flow's `draftEffect`, when it asked for it. */
    get draft(): D | undefined {
      return effects.find((e) => e.type === flow.draftEffect)?.params as D | undefined;
    },
    effectsOf(type: string): unknown[] {
      return effects.filter((e) => e.type === type).map((e) => e.params);
    },
    say(text: string) {
      return send({ kind: 'text', text });
    },
    press(choiceId: string, questionId: number = (snapshot.context as C).question.id) {
      return send({ kind: 'choice', choiceId, questionId });
    },
    send,
  };
  return convo;
}

/** A conversation `converse` started. */
export type FlowConversation<C extends WithQuestion, D = unknown> = ReturnType<typeof converse<C, EventObject, D>>;

/** Plain answers, each with the step it leads to. */
export type Path<S extends string = string> = ReadonlyArray<readonly [answer: string, reached: S]>;

/**
 * Brings a conversation to `step` by saying the path's answers up to the first that leads there;
 * throws when the conversation is not at `step` then.
 */
export function bringTo<T extends { say(text: string): unknown; readonly state: unknown }>(c: T, step: string, path: Path): T {
  for (const [answer, reached] of path) {
    c.say(answer);
    if (reached === step) break;
  }
  if (c.state !== step) throw new Error(`could not bring the conversation to ${step}: it is at ${JSON.stringify(c.state)}`);
  return c;
}
