import type { AnyMachineSnapshot, AnyStateMachine, EventObject } from 'xstate';
import type { Db } from '../../db/client.js';
import type { IncomingContent, IncomingMessage, OutgoingPayload } from './message.js';

// === What a flow is to the runtime, and what the runtime gives it

/** What an effect may use: the open transaction and who the conversation is with. */
export interface EffectEnv {
  tx: Db;
  personId: number;
  conversationKey: string;
  message: IncomingMessage;
  now: Date;
  /** What the flow's `prepare` gave for this message, before the transaction (undefined: nothing). */
  prepared?: unknown;
}

/** Performs one named action of a flow inside the transaction; may answer with an event. */
export type EffectHandler = (params: any, env: EffectEnv) => Promise<EventObject | void>;

/** A person as the runtime and the flows know them: who, and what we already know. */
export interface FlowPerson {
  id: number;
  displayName: string;
  phone: string | null;
  lastCommunityCode: string | null;
}

/** A machine plus how to feed it and how to carry out what it asks for. */
export interface FlowDefinition {
  id: string;
  /** Saved snapshots of another version are not restored: the conversation restarts politely. */
  version: number;
  machine: AnyStateMachine;
  /** Machine input for a new conversation with this person (may look things up in the transaction). */
  input(person: FlowPerson, tx: Db): unknown;
  /** Incoming content → events, in order, given the current context. */
  interpret(context: any, content: IncomingContent): EventObject[];
  /** Handlers for the machine's actions other than `reply`. */
  effects: Record<string, EffectHandler>;
  /**
   * Slow, read-only work the message's effects will need (a language model), done before the
   * transaction so that no lock or connection is held while it runs; its result reaches the effects as
   * `env.prepared`. Gets the restored snapshot (null: a new conversation) and the message. Optional.
   */
  prepare?(snapshot: AnyMachineSnapshot | null, content: IncomingContent): Promise<unknown>;
  /** The question the conversation is at (to ask it again after an apology), or null. */
  question(context: any): OutgoingPayload | null;
  /** True for an event that says a pressed button belonged to an older question. */
  isStale(event: string): boolean;
}
