import { type AnyMachineSnapshot, type AnyStateMachine, type EventObject, initialTransition, transition } from 'xstate';
import type { Choice, IncomingContent } from '../../src/core/message.js';

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

const EFFECT_LIMIT = 20;

export interface DriverOptions<E extends EventObject> {
  machine: AnyStateMachine;
  input: unknown;
  interpret: (context: never, content: IncomingContent) => E[];
  /** The runtime's answer to an effect (null: none); throw for effects the flow should not ask for. */
  answer: (effect: Effect) => E | null;
}

/** Starts the machine; `send` feeds a message; replies and effects are recorded. */
export function driveFlow<E extends EventObject>(options: DriverOptions<E>) {
  const replies: Reply[] = [];
  const effects: Effect[] = [];
  let turn: Reply[] = [];

  const perform = (actions: { type: string; params?: unknown }[]): E[] => {
    const answers: E[] = [];
    for (const action of actions) {
      if (action.type.startsWith('xstate.')) continue;
      if (action.type === 'reply') {
        const p = action.params as { text: string; choices?: Choice[]; questionId?: number };
        const reply = { text: p.text, choices: p.choices ?? [], questionId: p.questionId };
        replies.push(reply);
        turn.push(reply);
        continue;
      }
      const effect = { type: action.type, params: action.params };
      effects.push(effect);
      const answer = options.answer(effect);
      if (answer) answers.push(answer);
    }
    return answers;
  };

  const [initial, initialActions] = initialTransition(options.machine, options.input);
  let snapshot: AnyMachineSnapshot = initial;
  const startAnswers = perform(initialActions as { type: string; params?: unknown }[]);

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
      const queued: E[] = options.interpret(snapshot.context as never, content);
      let steps = 0;
      while (queued.length > 0) {
        if (++steps > EFFECT_LIMIT) throw new Error('the flow did not settle');
        const event = queued.shift()!;
        if (snapshot.status !== 'active') break;
        const [next, actions] = transition(options.machine, snapshot, event);
        snapshot = next;
        queued.unshift(...perform(actions as { type: string; params?: unknown }[]));
      }
    },
  };
}
