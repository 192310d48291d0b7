import { eq } from 'drizzle-orm';
import type { Logger } from 'pino';
import { type AnyMachineSnapshot, type EventObject, initialTransition, transition } from 'xstate';
import { type Db, lockKey } from '../../db/client.js';
import { conversations, processedMessages } from '../../db/schema.js';
import { ensurePerson } from '../domain/people/people.js';
import type { FlowDefinition, FlowPerson } from './flow.js';
import { cleanIncoming } from './input-clean.js';
import { createKeyedQueue } from './keyed-queue.js';
import { type IncomingMessage, type OutgoingPayload, conversationKey } from './message.js';
import { enqueueMessages } from './outbox.js';
import type { Clock, Sender } from './ports.js';
import { safeError } from './privacy.js';
import { texts } from './texts.js';

/** A conversation idle for longer than this starts afresh. */
export const CONVERSATION_TTL_MS = 24 * 60 * 60 * 1000;
/** Effects answering with events, per message, at most (guards against a loop between machine and runtime). */
const MAX_STEPS = 20;

/** Handles a message that is a command rather than part of a conversation; true when it was one. */
export type CommandHook = (ctx: {
  tx: Db;
  person: FlowPerson;
  msg: IncomingMessage;
  now: Date;
  /** Answer in the chat the message came from (written to the outbox). */
  reply(payload: OutgoingPayload): void;
  /** A short answer on the pressed button (returned to the channel as `notice`). */
  notice(text: string): void;
}) => Promise<boolean>;

export interface FlowRunnerOptions {
  db: Db;
  /** The flows a private conversation can be in; the first is the default. */
  flows: FlowDefinition[];
  /** Which flow a message starts, whatever the conversation is in (e.g. 我要当志愿者); null for none. */
  startFlow?: (content: IncomingMessage['content']) => string | null;
  /** Commands (groups always; private chats before the flows). */
  commands?: CommandHook;
  log: Logger;
  clock?: Clock;
  /** Called after each committed message with the outbox ids it wrote; resolves when the person's replies are out. */
  deliver: (outboxIds: number[], msg: IncomingMessage) => Promise<unknown>;
  /** Used to apologise directly when the database fails (no outbox then). */
  senders: Record<string, Sender>;
  /** Extra tries of a message whose transaction failed. */
  retries?: number;
}

export type HandleResult =
  | { status: 'handled'; outboxIds: number[]; state: unknown; events: string[]; notice?: string }
  | { status: 'duplicate' }
  | { status: 'ignored' }
  | { status: 'failed'; error: unknown };

interface PersistedSnapshot {
  value: unknown;
  context: Record<string, unknown>;
  status: string;
}

/**
 * The flow runner: per incoming message, load the conversation's snapshot → transition → save the
 * snapshot, the domain writes and the outgoing messages in one transaction → deliver.
 * Messages of one conversation are handled one at a time, in order; redeliveries have no effect.
 */
export function createFlowRunner(options: FlowRunnerOptions) {
  const { db, flows, log } = options;
  const defaultFlow = flows[0]!;
  const flowById = new Map(flows.map((f) => [f.id, f]));
  const clock = options.clock ?? (() => new Date());
  const queue = createKeyedQueue();
  const retries = options.retries ?? 2;

  function restore(row: typeof conversations.$inferSelect | undefined, flow: FlowDefinition, now: Date): { snapshot: AnyMachineSnapshot | null; notice?: string } {
    if (!row) return { snapshot: null };
    const saved = row.snapshot as PersistedSnapshot;
    if (row.flowId !== flow.id || row.flowVersion !== flow.version) return { snapshot: null, notice: texts.flowUpdated };
    if (saved.status !== 'active') return { snapshot: null };
    if (now.getTime() - row.updatedAt.getTime() > CONVERSATION_TTL_MS) return { snapshot: null, notice: texts.conversationExpired };
    try {
      return { snapshot: flow.machine.resolveState({ value: saved.value as never, context: saved.context }) };
    } catch (err) {
      log.warn({ key: row.key, err: safeError(err) }, 'saved conversation no longer fits the flow; restarting');
      return { snapshot: null, notice: texts.flowUpdated };
    }
  }

  async function handleInTransaction(msg: IncomingMessage, key: string): Promise<HandleResult> {
    const now = clock();
    return db.transaction(async (tx) => {
      await lockKey(tx, key);
      const fresh = await tx
        .insert(processedMessages)
        .values({ key: `${msg.channel}:${msg.chatId}:${msg.messageId}`, processedAt: now })
        .onConflictDoNothing()
        .returning({ key: processedMessages.key });
      if (fresh.length === 0) return { status: 'duplicate' } as const;

      const person = await ensurePerson(tx, msg.channel, msg.userId, msg.displayName);
      if (options.commands) {
        const replies: OutgoingPayload[] = [];
        let notice: string | undefined;
        const handled = await options.commands({ tx, person, msg, now, reply: (p) => replies.push(p), notice: (text) => (notice = text) });
        if (handled || msg.isGroup) {
          const outboxIds = await enqueueMessages(tx, replies.map((payload) => ({ channel: msg.channel, chatId: msg.chatId, payload })), now);
          return { status: 'handled', outboxIds, state: null, events: ['command'], ...(notice ? { notice } : {}) } as const;
        }
      }
      const [row] = await tx.select().from(conversations).where(eq(conversations.key, key));
      const started = options.startFlow?.(msg.content);
      const flow = (started && flowById.get(started)) || (row && flowById.get(row.flowId)) || defaultFlow;
      const restored = started ? { snapshot: null } : restore(row, flow, now);
      const replies: OutgoingPayload[] = restored.notice ? [{ text: restored.notice }] : [];
      const pending: EventObject[] = [];
      let snapshot: AnyMachineSnapshot;
      let current = flow;
      if (restored.snapshot) snapshot = restored.snapshot;
      else {
        // A finished, expired or outdated conversation goes back to the default flow.
        if (!started) current = defaultFlow;
        const [initial, actions] = initialTransition(current.machine, await current.input(person, tx));
        snapshot = initial;
        pending.push(...(await perform(current, actions, replies, tx, msg, person.id, key, now)));
      }
      const queued = [...current.interpret(snapshot.context, msg.content), ...pending];
      const eventTypes = queued.map((e) => e.type);
      let steps = 0;
      while (queued.length > 0) {
        if (++steps > MAX_STEPS) throw new Error(`flow ${flow.id} did not settle after ${MAX_STEPS} steps`);
        const event = queued.shift()!;
        if (snapshot.status !== 'active') break;
        const [next, actions]: [AnyMachineSnapshot, { type: string; params?: unknown }[]] = transition(current.machine, snapshot, event);
        snapshot = next;
        queued.unshift(...(await perform(current, actions, replies, tx, msg, person.id, key, now)));
      }
      const persisted: PersistedSnapshot = { value: snapshot.value, context: snapshot.context, status: snapshot.status };
      await tx
        .insert(conversations)
        .values({ key, flowId: current.id, flowVersion: current.version, snapshot: persisted, updatedAt: now })
        .onConflictDoUpdate({ target: conversations.key, set: { flowId: current.id, flowVersion: current.version, snapshot: persisted, updatedAt: now } });
      const outboxIds = await enqueueMessages(
        tx,
        mergeReplies(replies).map((payload) => ({ channel: msg.channel, chatId: msg.chatId, payload })),
        now,
      );
      return { status: 'handled', outboxIds, state: snapshot.value, events: eventTypes } as const;
    });
  }

  async function perform(
    flow: FlowDefinition,
    actions: { type: string; params?: unknown }[],
    replies: OutgoingPayload[],
    tx: Db,
    message: IncomingMessage,
    personId: number,
    key: string,
    now: Date,
  ): Promise<EventObject[]> {
    const events: EventObject[] = [];
    for (const action of actions) {
      if (action.type.startsWith('xstate.')) continue;
      if (action.type === 'reply') {
        replies.push(action.params as OutgoingPayload);
        continue;
      }
      const effect = flow.effects[action.type];
      if (!effect) throw new Error(`flow ${flow.id} asked for "${action.type}", which has no effect handler`);
      const answer = await effect(action.params, { tx, personId, conversationKey: key, message, now });
      if (answer) events.push(answer);
    }
    return events;
  }

  /** The question the conversation is at, if it can still be read (a write may fail while reads work). */
  async function currentQuestion(key: string): Promise<OutgoingPayload | null> {
    try {
      const [row] = await db.select({ snapshot: conversations.snapshot }).from(conversations).where(eq(conversations.key, key));
      const saved = row?.snapshot as PersistedSnapshot | undefined;
      const q = saved?.status === 'active' ? (saved.context.question as { id: number; text: string; choices: OutgoingPayload['choices'] } | undefined) : undefined;
      return q?.text ? { text: q.text, choices: q.choices ?? [], questionId: q.id } : null;
    } catch {
      return null;
    }
  }

  async function apologise(msg: IncomingMessage, key: string) {
    try {
      const q = msg.isGroup ? null : await currentQuestion(key);
      await options.senders[msg.channel]?.send(msg.chatId, q ? { ...q, text: `${texts.sorry}\n${q.text}` } : { text: texts.sorry });
    } catch (err) {
      log.warn({ channel: msg.channel, err: safeError(err) }, 'could not send apology');
    }
  }

  /**
   * Handles one incoming message; never throws (failures are logged and apologised for).
   * Every channel's message enters here, so this is where its text is cleaned (see input-clean.ts).
   */
  async function handle(incoming: IncomingMessage): Promise<HandleResult> {
    const msg = cleanIncoming(incoming);
    if (msg.isGroup && !options.commands) return { status: 'ignored' };
    const key = conversationKey(msg);
    return queue.run(key, async () => {
      const started = performance.now();
      for (let attempt = 0; ; attempt++) {
        try {
          const result = await handleInTransaction(msg, key);
          log.debug({ key, messageId: msg.messageId, status: result.status, ms: Math.round(performance.now() - started) }, 'message handled');
          if (result.status === 'handled') await options.deliver(result.outboxIds, msg);
          return result;
        } catch (err) {
          if (attempt < retries) {
            log.warn({ key, messageId: msg.messageId, attempt, err: safeError(err) }, 'message failed; retrying');
            await new Promise((r) => setTimeout(r, 50 * 2 ** attempt));
            continue;
          }
          log.error({ key, messageId: msg.messageId, err: safeError(err) }, 'message failed');
          await apologise(msg, key);
          return { status: 'failed', error: err };
        }
      }
    });
  }

  return { handle };
}

/** Adjacent replies are merged while the earlier has no choices: fewer, clearer messages. */
export function mergeReplies(replies: OutgoingPayload[]): OutgoingPayload[] {
  const out: OutgoingPayload[] = [];
  for (const r of replies) {
    const last = out.at(-1);
    if (last && !last.choices?.length && last.questionId === undefined) {
      out[out.length - 1] = { ...r, text: `${last.text}\n${r.text}` };
    } else out.push({ ...r });
  }
  return out;
}

export type FlowRunner = ReturnType<typeof createFlowRunner>;
