import { type AnyMachineSnapshot, type AnyStateMachine, type EventObject, initialTransition, transition } from 'xstate';
import { FlowError } from './errors.js';
import type { IncomingContent, OutgoingPayload } from './message.js';

// === One turn of a conversation: the one stepping function of the runner, the flow tests and the bench

/** An action a flow asks the runtime to perform (other than `reply`), with its parameters. */
export interface FlowAction {
  type: string;
  params?: unknown;
}

/** What a turn ends with: the new snapshot, what to say, and the events the message became. */
export interface TurnOutcome {
  snapshot: AnyMachineSnapshot;
  replies: OutgoingPayload[];
  events: string[];
}

/** The part of a flow a turn needs: its machine and how it reads incoming content. */
export interface Steppable {
  id: string;
  machine: AnyStateMachine;
  interpret(context: any, content: IncomingContent): EventObject[];
}

/** Where a turn starts: a restored snapshot, or a new conversation with the machine's input. */
export type TurnStart = { snapshot: AnyMachineSnapshot } | { input: unknown };

/** Effects answering with events, per message, at most (guards against a loop between machine and runtime). */
export const MAX_STEPS = 20;

/**
 * One turn, pure: starts or resumes the machine, reads `content` as events (none when null) and
 * applies them with XState's pure `transition()`. Every action other than `reply` is yielded; the
 * caller performs it and passes back the event it answers with (or nothing). A database-backed
 * runner performs them in a transaction; a test answers them from memory — the stepping is the same.
 */
export function* runTurn(flow: Steppable, start: TurnStart, content: IncomingContent | null): Generator<FlowAction, TurnOutcome, EventObject | void> {
  const replies: OutgoingPayload[] = [];
  function* perform(actions: FlowAction[]): Generator<FlowAction, EventObject[], EventObject | void> {
    const answers: EventObject[] = [];
    for (const action of actions) {
      if (action.type.startsWith('xstate.')) continue;
      if (action.type === 'reply') {
        replies.push({ ...(action.params as OutgoingPayload) });
        continue;
      }
      const answer = yield action;
      if (answer) answers.push(answer);
    }
    return answers;
  }

  let snapshot: AnyMachineSnapshot;
  const pending: EventObject[] = [];
  if ('snapshot' in start) snapshot = start.snapshot;
  else {
    const [initial, actions] = initialTransition(flow.machine, start.input);
    snapshot = initial;
    pending.push(...(yield* perform(actions as FlowAction[])));
  }
  const queued = [...(content ? flow.interpret(snapshot.context, content) : []), ...pending];
  const events = queued.map((e) => e.type);
  let steps = 0;
  while (queued.length > 0) {
    if (++steps > MAX_STEPS) throw new FlowError('did_not_settle', `flow ${flow.id} did not settle after ${MAX_STEPS} steps`);
    const event = queued.shift()!;
    if (snapshot.status !== 'active') break;
    const [next, actions] = transition(flow.machine, snapshot, event);
    snapshot = next;
    queued.unshift(...(yield* perform(actions as FlowAction[])));
  }
  return { snapshot, replies, events };
}

/** Runs a turn whose actions are performed asynchronously (the runner: domain writes in a transaction). */
export async function stepAsync(
  turn: Generator<FlowAction, TurnOutcome, EventObject | void>,
  perform: (action: FlowAction) => Promise<EventObject | void>,
): Promise<TurnOutcome> {
  let step = turn.next();
  while (!step.done) step = turn.next(await perform(step.value));
  return step.value;
}

/** Runs a turn whose actions are answered synchronously (flow tests, benchmarks of the machines). */
export function stepSync(
  turn: Generator<FlowAction, TurnOutcome, EventObject | void>,
  perform: (action: FlowAction) => EventObject | void | null,
): TurnOutcome {
  let step = turn.next();
  while (!step.done) step = turn.next(perform(step.value) ?? undefined);
  return step.value;
}
