import type { AnyMachineSnapshot, AnyStateMachine, EventObject } from 'xstate';
import type { Choice, IncomingContent } from '../../src/core/message.js';
import { runTurn, stepSync, type TurnStart } from '../../src/core/turn.js';

// === Drives any flow as pure transitions, the way src/core/flow-runner.ts does, with no database

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

export interface DriverOptions<E extends EventObject> {
  machine: AnyStateMachine;
  input: unknown;
  interpret: (context: never, content: IncomingContent) => E[];
  /** The runtime's answer to an effect (null: none); throw for effects the flow should not ask for. */
  answer: (effect: Effect) => E | null;
}

/** Starts the machine; `send` feeds a message; replies and effects are recorded. One turn = `runTurn`, as in the runner. */
export function driveFlow<E extends EventObject>(options: DriverOptions<E>) {
  const replies: Reply[] = [];
  const effects: Effect[] = [];
  let turn: Reply[] = [];
  const flow = { id: 'test', machine: options.machine, interpret: options.interpret as (c: unknown, content: IncomingContent) => E[] };
  const startAnswers: E[] = [];

  const play = (start: TurnStart, content: IncomingContent | null, recordAnswers = false): AnyMachineSnapshot => {
    const outcome = stepSync(runTurn(flow, start, content), (action) => {
      const effect = { type: action.type, params: action.params };
      effects.push(effect);
      const answer = options.answer(effect);
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
  let snapshot = play({ input: options.input }, null, true);

  return {
    replies,
    effects,
    /** Events the start itself asked the runtime for (flows here ask for none). */
    startAnswers,
    /** Replies of the last message only. */
    get turn(): Reply[] {
      return turn;
    },
    get snapshot(): AnyMachineSnapshot {
      return snapshot;
    },
    send(content: IncomingContent) {
      turn = [];
      snapshot = play({ snapshot }, content);
    },
  };
}
