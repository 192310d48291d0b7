import { assign, createMachine, setup } from 'xstate';
import { describe, expect, it } from 'vitest';
import { FlowError } from '../../src/core/errors.js';
import type { IncomingContent } from '../../src/core/message.js';
import { type FlowAction, MAX_STEPS, runTurn, type Steppable, stepAsync, stepSync } from '../../src/core/turn.js';

// === runTurn, stepSync and stepAsync on small machines made for the purpose

/** A counter: `ping` replies, `save` asks the runtime to store and waits for `saved`, `stop` ends. */
const counter = setup({
  types: {} as {
    context: { n: number; greeting: string };
    events: { type: 'ping' } | { type: 'save' } | { type: 'saved'; id: number } | { type: 'stop' };
    input: { greeting: string };
  },
  actions: {
    reply: (_, _params: { text: string }) => {},
    store: (_, _params: { n: number }) => {},
  },
}).createMachine({
  id: 'counter',
  context: ({ input }) => ({ n: 0, greeting: input.greeting }),
  initial: 'idle',
  entry: [{ type: 'reply', params: ({ context }) => ({ text: context.greeting }) }],
  states: {
    idle: {
      on: {
        ping: { actions: [assign({ n: ({ context }) => context.n + 1 }), { type: 'reply', params: ({ context }) => ({ text: `pong ${context.n}` }) }] },
        save: { target: 'saving', actions: [{ type: 'store', params: ({ context }) => ({ n: context.n }) }] },
        stop: { target: 'done', actions: [{ type: 'reply', params: { text: 'bye' } }] },
      },
    },
    saving: {
      on: { saved: { target: 'idle', actions: [{ type: 'reply', params: ({ event }) => ({ text: `saved as ${event.id}` }) }] } },
    },
    done: { type: 'final' },
  },
});

/** Text → event: "a b" is two events in one message. */
const flow: Steppable = {
  id: 'counter',
  machine: counter,
  interpret: (_context, content: IncomingContent) => (content.kind === 'text' ? content.text.split(' ').map((type) => ({ type })) : []),
};
const text = (t: string): IncomingContent => ({ kind: 'text', text: t });
const noEffects = (action: FlowAction) => {
  throw new Error(`unexpected effect ${action.type}`);
};

describe('runTurn with stepSync', () => {
  it('starts a conversation: the entry replies, no content means no events', () => {
    const out = stepSync(runTurn(flow, { input: { greeting: '您好' } }, null), noEffects);
    expect(out.replies).toEqual([{ text: '您好' }]);
    expect(out.events).toEqual([]);
    expect(out.snapshot.value).toBe('idle');
  });

  it('applies every event of a message in order, on a restored snapshot, collecting the replies', () => {
    const start = stepSync(runTurn(flow, { input: { greeting: 'hi' } }, null), noEffects);
    const out = stepSync(runTurn(flow, { snapshot: start.snapshot }, text('ping ping')), noEffects);
    expect(out.events).toEqual(['ping', 'ping']);
    expect(out.replies.map((r) => r.text)).toEqual(['pong 1', 'pong 2']);
    expect(out.snapshot.context.n).toBe(2);
    // The restored snapshot itself is not changed: turns are pure.
    expect(start.snapshot.context.n).toBe(0);
  });

  it('yields an effect with its params and applies the event it is answered with, before later events', () => {
    const start = stepSync(runTurn(flow, { input: { greeting: 'hi' } }, null), noEffects);
    const asked: FlowAction[] = [];
    const out = stepSync(runTurn(flow, { snapshot: start.snapshot }, text('ping save ping')), (action) => {
      asked.push({ type: action.type, params: action.params });
      return { type: 'saved', id: 42 };
    });
    expect(asked).toEqual([{ type: 'store', params: { n: 1 } }]);
    // `saved` is applied right after the effect, so the last `ping` meets the idle state again.
    expect(out.replies.map((r) => r.text)).toEqual(['pong 1', 'saved as 42', 'pong 2']);
    expect(out.events).toEqual(['ping', 'save', 'ping']);
    expect(out.snapshot.value).toBe('idle');
  });

  it('an effect answered with nothing leaves the machine where the action put it', () => {
    const start = stepSync(runTurn(flow, { input: { greeting: 'hi' } }, null), noEffects);
    const out = stepSync(runTurn(flow, { snapshot: start.snapshot }, text('save')), () => null);
    expect(out.snapshot.value).toBe('saving');
    expect(out.replies).toEqual([]);
  });

  it('a finished machine takes no further events of the same message', () => {
    const start = stepSync(runTurn(flow, { input: { greeting: 'hi' } }, null), noEffects);
    const out = stepSync(runTurn(flow, { snapshot: start.snapshot }, text('stop ping ping')), noEffects);
    expect(out.snapshot.status).toBe('done');
    expect(out.replies.map((r) => r.text)).toEqual(['bye']);
    expect(out.snapshot.context.n).toBe(0);
  });

  it('copies each reply: the machine’s params are not shared between turns', () => {
    const start = stepSync(runTurn(flow, { input: { greeting: 'hi' } }, null), noEffects);
    const a = stepSync(runTurn(flow, { snapshot: start.snapshot }, text('stop')), noEffects);
    const b = stepSync(runTurn(flow, { snapshot: start.snapshot }, text('stop')), noEffects);
    expect(a.replies[0]).toEqual(b.replies[0]);
    expect(a.replies[0]).not.toBe(b.replies[0]);
    (a.replies[0] as { text: string }).text = 'changed';
    expect(b.replies[0]!.text).toBe('bye');
  });
});

describe('a machine and runtime in a loop', () => {
  /** Every `tick` asks for `again`, whose answer is another `tick`: it never settles. */
  const looping = setup({ actions: { again: () => {} } }).createMachine({
    id: 'loop',
    on: { tick: { actions: ['again'] } },
  });
  const loopFlow: Steppable = { id: 'loop', machine: looping, interpret: () => [{ type: 'tick' }] };

  it(`fails with did_not_settle after ${MAX_STEPS} steps, naming the flow`, () => {
    let asked = 0;
    const start = stepSync(runTurn(loopFlow, { input: undefined }, null), noEffects);
    let error: unknown;
    try {
      stepSync(runTurn(loopFlow, { snapshot: start.snapshot }, text('x')), () => {
        asked++;
        return { type: 'tick' };
      });
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(FlowError);
    expect(error).toMatchObject({ code: 'did_not_settle', name: 'FlowError' });
    expect((error as Error).message).toContain('loop');
    expect(asked).toBe(MAX_STEPS);
  });

  it(`settles when the message and its answers take exactly ${MAX_STEPS} steps`, () => {
    let left = MAX_STEPS;
    const start = stepSync(runTurn(loopFlow, { input: undefined }, null), noEffects);
    const out = stepSync(runTurn(loopFlow, { snapshot: start.snapshot }, text('x')), () => (--left > 0 ? { type: 'tick' } : null));
    expect(out.events).toEqual(['tick']);
    expect(left).toBe(0);
  });
});

describe('effects of the start, and stepAsync', () => {
  /** Asks the runtime for the person's data on entry, then greets them by it. */
  const greeter = createMachine(
    {
      id: 'greeter',
      initial: 'loading',
      context: { name: '' },
      entry: ['load'],
      states: {
        loading: { on: { loaded: { target: 'ready', actions: [assign({ name: ({ event }) => (event as unknown as { name: string }).name }), 'greet'] } } },
        ready: {},
      },
    },
    {
      actions: {
        load: () => {},
        greet: () => {},
      },
    },
  );
  const greeterFlow: Steppable = { id: 'greeter', machine: greeter, interpret: () => [] };

  it('an effect of the entry is answered before the first message’s events are applied', async () => {
    const asked: string[] = [];
    const out = await stepAsync(runTurn(greeterFlow, { input: undefined }, text('hello')), async (action) => {
      asked.push(action.type);
      await new Promise((r) => setTimeout(r, 1));
      return action.type === 'load' ? { type: 'loaded', name: '张阿姨' } : undefined;
    });
    expect(asked).toEqual(['load', 'greet']);
    expect(out.snapshot.value).toBe('ready');
    expect(out.snapshot.context.name).toBe('张阿姨');
    expect(out.events).toEqual(['loaded']);
  });

  it('stepAsync passes a failing effect’s error on', async () => {
    await expect(
      stepAsync(runTurn(greeterFlow, { input: undefined }, null), async () => {
        throw new Error('database gone');
      }),
    ).rejects.toThrow('database gone');
  });
});
