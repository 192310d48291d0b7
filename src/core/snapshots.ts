import type { AnyMachineSnapshot } from 'xstate';
import { FlowError } from './errors.js';
import type { FlowDefinition } from './flow.js';

// === Saving and restoring a conversation's snapshot, with the flow's id and version

/** A conversation idle for longer than this starts afresh. */
export const CONVERSATION_TTL_MS = 24 * 60 * 60 * 1000;

/** What is stored per conversation: the machine's state value, context and status (plain JSON). */
export interface PersistedSnapshot {
  value: unknown;
  context: Record<string, unknown>;
  status: string;
}

/** A saved conversation as read from the database. */
export interface SavedConversation {
  flowId: string;
  flowVersion: number;
  snapshot: unknown;
  updatedAt: Date;
}

/** Why a saved conversation was not resumed, when the person should be told. */
export type RestartReason = 'flow_updated' | 'expired';

export type Restored = { snapshot: AnyMachineSnapshot; restart?: undefined } | { snapshot: null; restart?: RestartReason; error?: FlowError };

/**
 * The snapshot to resume, or null to start afresh: a saved conversation of another flow version,
 * one that no longer fits the machine (`snapshot_unfit`), or one idle beyond the TTL restarts;
 * a finished one simply starts again.
 */
export function restoreSnapshot(saved: SavedConversation | undefined, flow: FlowDefinition, now: Date): Restored {
  if (!saved) return { snapshot: null };
  const persisted = saved.snapshot as PersistedSnapshot;
  if (saved.flowId !== flow.id || saved.flowVersion !== flow.version) return { snapshot: null, restart: 'flow_updated' };
  if (persisted.status !== 'active') return { snapshot: null };
  if (now.getTime() - saved.updatedAt.getTime() > CONVERSATION_TTL_MS) return { snapshot: null, restart: 'expired' };
  try {
    return { snapshot: flow.machine.resolveState({ value: persisted.value as never, context: persisted.context }) };
  } catch (cause) {
    return { snapshot: null, restart: 'flow_updated', error: new FlowError('snapshot_unfit', `saved conversation no longer fits flow ${flow.id}`, { cause }) };
  }
}

/** The JSON stored for a snapshot. */
export function persistSnapshot(snapshot: AnyMachineSnapshot): PersistedSnapshot {
  return { value: snapshot.value, context: snapshot.context, status: snapshot.status };
}

/** The context of a saved, still active conversation (to ask its question again), or null. */
export function activeContext(saved: { snapshot: unknown } | undefined): Record<string, unknown> | null {
  const persisted = saved?.snapshot as PersistedSnapshot | undefined;
  return persisted?.status === 'active' ? persisted.context : null;
}
