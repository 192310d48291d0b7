import type { AnyStateMachine, EventObject } from 'xstate';
import type { Db } from '../../db/client.js';
import type { IncomingContent, IncomingMessage } from './message.js';

/** What an effect may use: the open transaction and who the conversation is with. */
export interface EffectEnv {
  tx: Db;
  personId: number;
  conversationKey: string;
  message: IncomingMessage;
  now: Date;
}

/** Performs one named action of a flow inside the transaction; may answer with an event. */
export type EffectHandler = (params: any, env: EffectEnv) => Promise<EventObject | void>;

/** What the runner needs to know of a person to start a flow. */
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
}
