import { describe, expect, it } from 'vitest';
import { createMachine } from 'xstate';
import type { FlowDefinition } from '../../src/core/flow.js';
import { activeContext, CONVERSATION_TTL_MS, persistSnapshot, restoreSnapshot, type SavedConversation } from '../../src/core/snapshots.js';

/** Two steps and an end; the context is a plain count. */
const machine = createMachine({
  id: 'steps',
  initial: 'first',
  context: { count: 0 },
  states: { first: { on: { next: 'second' } }, second: { on: { next: 'done' } }, done: { type: 'final' } },
});
const flow = { id: 'steps', version: 3, machine } as unknown as FlowDefinition;
const now = new Date('2026-06-01T12:00:00Z');
const saved = (over: Partial<SavedConversation> = {}): SavedConversation => ({
  flowId: 'steps',
  flowVersion: 3,
  snapshot: { value: 'second', context: { count: 2 }, status: 'active' },
  updatedAt: new Date(now.getTime() - 60_000),
  ...over,
});

describe('restoreSnapshot', () => {
  it('nothing saved: a new conversation, nothing to tell', () => {
    expect(restoreSnapshot(undefined, flow, now)).toEqual({ snapshot: null });
  });

  it('resumes a saved conversation of this flow and version, at its state with its context', () => {
    const restored = restoreSnapshot(saved(), flow, now);
    expect(restored.restart).toBeUndefined();
    expect(restored.snapshot?.value).toBe('second');
    expect(restored.snapshot?.context).toEqual({ count: 2 });
    expect(restored.snapshot?.status).toBe('active');
  });

  it('another version, or another flow, restarts: the flow was updated', () => {
    expect(restoreSnapshot(saved({ flowVersion: 2 }), flow, now)).toEqual({ snapshot: null, restart: 'flow_updated' });
    expect(restoreSnapshot(saved({ flowId: 'other' }), flow, now)).toEqual({ snapshot: null, restart: 'flow_updated' });
  });

  it('a finished conversation simply starts again, with nothing to tell', () => {
    expect(restoreSnapshot(saved({ snapshot: { value: 'done', context: { count: 2 }, status: 'done' } }), flow, now)).toEqual({ snapshot: null });
  });

  it('idle for longer than the TTL: expired; just within it: resumed', () => {
    const old = saved({ updatedAt: new Date(now.getTime() - CONVERSATION_TTL_MS - 1) });
    expect(restoreSnapshot(old, flow, now)).toEqual({ snapshot: null, restart: 'expired' });
    const recent = saved({ updatedAt: new Date(now.getTime() - CONVERSATION_TTL_MS) });
    expect(restoreSnapshot(recent, flow, now).snapshot?.value).toBe('second');
  });

  it('a state the machine no longer has: restarts as updated, with a snapshot_unfit FlowError and its cause', () => {
    const restored = restoreSnapshot(saved({ snapshot: { value: 'removedState', context: {}, status: 'active' } }), flow, now);
    expect(restored.snapshot).toBeNull();
    expect(restored.restart).toBe('flow_updated');
    const error = (restored as { error?: Error & { code?: string } }).error;
    expect(error).toMatchObject({ name: 'FlowError', code: 'snapshot_unfit' });
    expect(error?.message).toContain('steps');
    expect(error?.cause).toBeInstanceOf(Error);
  });
});

describe('persistSnapshot and activeContext', () => {
  it('stores value, context and status as plain JSON that restores to the same state', () => {
    const restored = restoreSnapshot(saved(), flow, now).snapshot!;
    const persisted = persistSnapshot(restored);
    expect(persisted).toEqual({ value: 'second', context: { count: 2 }, status: 'active' });
    const roundTrip = JSON.parse(JSON.stringify(persisted));
    expect(restoreSnapshot(saved({ snapshot: roundTrip }), flow, now).snapshot?.value).toBe('second');
  });

  it('the context of an active conversation only', () => {
    expect(activeContext({ snapshot: { value: 'first', context: { count: 1 }, status: 'active' } })).toEqual({ count: 1 });
    expect(activeContext({ snapshot: { value: 'done', context: { count: 1 }, status: 'done' } })).toBeNull();
    expect(activeContext(undefined)).toBeNull();
  });
});
