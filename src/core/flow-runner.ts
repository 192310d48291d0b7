import { eq, sql } from 'drizzle-orm';
import type { Logger } from 'pino';
import type { EventObject } from 'xstate';
import type { Db } from '../../db/client.js';
import { conversations, processedMessages } from '../../db/schema.js';
import { apologyPayload } from './apology.js';
import { FlowError } from './errors.js';
import type { FlowDefinition, FlowPerson } from './flow.js';
import { cleanIncoming } from './input-clean.js';
import { createKeyedQueue } from './keyed-queue.js';
import { conversationKey, type IncomingContent, type IncomingMessage, isFlowContent, type OutgoingPayload } from './message.js';
import { enqueueClaimed, enqueueMessages, type Handed, type OutboxClaim } from './outbox.js';
import type { Clock, PeoplePort, Sender } from './ports.js';
import { markMerged, recordInbound, releaseHeld } from './reply-window.js';
import { safeError } from './privacy.js';
import { activeContext, persistSnapshot, restoreSnapshot } from './snapshots.js';
import { texts } from '../texts/resident.js';
import { type FlowAction, runTurn, stepAsync } from './turn.js';

// === The flow runner: one message, one transaction around one turn

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
  startFlow?: (content: IncomingContent) => string | null;
  /** Commands (groups always; private chats before the flows). */
  commands?: CommandHook;
  people: PeoplePort;
  log: Logger;
  clock?: Clock;
  /**
   * Who delivers a channel's messages in this process, and until when a claim holds: the replies are
   * then written claimed (`enqueueClaimed`) and handed to `deliver` after commit, with no claim in
   * between. Null (or absent): they are written due, for whoever delivers.
   */
  claim?: (channel: string, now: Date) => OutboxClaim | null;
  /**
   * Called after each committed message with the replies written claimed (those with `windowSlot`
   * counted in the person's reply window already); `handle` resolves when this does (at once, unless a test waits for sends).
   */
  deliver: (handed: Handed, msg: IncomingMessage) => Promise<unknown> | void;
  /** Used to apologise directly when the database fails (no outbox then). */
  senders: Record<string, Sender>;
  /** Extra tries of a message whose transaction failed. */
  retries?: number;
}

export type HandleResult =
  | { status: 'handled'; outboxIds: number[]; state: unknown; events: string[]; command: boolean; stale: boolean; notice?: string }
  | { status: 'duplicate' }
  | { status: 'ignored' }
  /** Beyond the person's allowance: not handled, acknowledged (src/core/flood-control.ts). */
  | { status: 'throttled' }
  | { status: 'failed'; error: unknown };

/** What a flow's `prepare` gave, and for which flow. */
interface Prepared {
  flowId: string;
  value: unknown;
}

const RESTART_NOTICE = { flow_updated: texts.flowUpdated, expired: texts.conversationExpired } as const;

/**
 * Per incoming message: clean it, then in one transaction record its id (a redelivery stops
 * there), find the person, run commands or load the conversation's snapshot, run one turn (effects
 * as domain writes), save the snapshot and the outgoing messages; after commit, deliver. Messages of
 * one conversation are handled one at a time, in order.
 */
export function createFlowRunner(options: FlowRunnerOptions) {
  const { db, flows, log } = options;
  const defaultFlow = flows[0]!;
  const flowById = new Map(flows.map((f) => [f.id, f]));
  const clock = options.clock ?? (() => new Date());
  const queue = createKeyedQueue();
  const retries = options.retries ?? 2;

  /** Without a flow that prepares, no message pays for the extra read. */
  const anyPrepares = options.flows.some((f) => f.prepare);
  /** The flow's `prepare` for this message, outside any transaction; never throws (the effects then do the work). */
  async function prepare(msg: IncomingMessage, key: string): Promise<Prepared | undefined> {
    const content = msg.content;
    if (!anyPrepares || msg.isGroup || !isFlowContent(content) || options.startFlow?.(content)) return undefined;
    try {
      const [saved] = await db.select().from(conversations).where(eq(conversations.key, key));
      const resumed = (saved && flowById.get(saved.flowId)) || defaultFlow;
      const restored = restoreSnapshot(saved, resumed, clock());
      const flow = restored.snapshot ? resumed : defaultFlow;
      if (!flow.prepare) return undefined;
      return { flowId: flow.id, value: await flow.prepare(restored.snapshot, content) };
    } catch (err) {
      log.warn({ key, err: safeError(err) }, 'preparing a message failed; its effects do the work');
      return undefined;
    }
  }

  /** A channel whose platform limits replies to a window after the person wrote (or whose sender is not known here). */
  const windowOf = (channel: string) => {
    const sender = options.senders[channel];
    return sender ? sender.replyWindow : { ms: 0, perMessage: 0 };
  };

  /**
   * Writes the replies to the message's chat, claimed for this process's delivery when it delivers the
   * channel. In a private chat on a channel with a reply window, what was held for the person follows
   * them as one digest, and the window is opened again (its slots for the claimed replies taken, and for
   * those to earlier messages not sent yet).
   */
  async function writeReplies(tx: Db, msg: IncomingMessage, payloads: OutgoingPayload[], now: Date, handed: Handed): Promise<number[]> {
    const window = msg.isGroup || msg.content.kind === 'unfollowed' ? undefined : windowOf(msg.channel);
    const held = window ? await releaseHeld(tx, msg.channel, msg.chatId) : null;
    const all = held ? [...payloads, { text: held.text }] : payloads;
    const claim = all.length > 0 ? (options.claim?.(msg.channel, now) ?? null) : null;
    const chat = { channel: msg.channel, chatId: msg.chatId };
    const rows = claim ? await enqueueClaimed(tx, chat, all, now, claim, window?.perMessage ?? 0) : [];
    const ids = claim
      ? rows.map((r) => r.id)
      : await enqueueMessages(
          tx,
          all.map((payload) => ({ ...chat, payload })),
          now,
        );
    if (held) await markMerged(tx, held.ids, ids.at(-1));
    handed.rows = rows.filter((r) => claim && r.claimedBy === claim.by);
    if (window) await recordInbound(tx, msg.channel, msg.chatId, now, { perMessage: window.perMessage, rows: handed.rows });
    return ids;
  }

  /** Takes the conversation's lock (serialising it across instances) and records the message id, in one statement: false for a redelivery. */
  async function firstDelivery(tx: Db, msg: IncomingMessage, key: string, now: Date): Promise<boolean> {
    const result = await tx.execute(sql`with locked as (select pg_advisory_xact_lock(hashtext(${key})))
      insert into ${processedMessages} (key, processed_at) select ${`${msg.channel}:${msg.chatId}:${msg.messageId}`}, ${now.toISOString()}::timestamptz
      from locked on conflict do nothing returning key`);
    // PGlite answers { rows }, postgres.js an array.
    const rows = Array.isArray(result) ? result : (result as unknown as { rows: unknown[] }).rows;
    return rows.length > 0;
  }

  async function handleInTransaction(msg: IncomingMessage, key: string, handed: Handed, prepared?: Prepared): Promise<HandleResult> {
    const now = clock();
    return db.transaction(async (tx) => {
      if (!(await firstDelivery(tx, msg, key, now))) return { status: 'duplicate' } as const;

      const person = await options.people.identify(tx, msg.channel, msg.userId, msg.displayName, msg.unionId);
      const replies: OutgoingPayload[] = [];
      const enqueueReplies = (payloads: OutgoingPayload[]) => writeReplies(tx, msg, payloads, now, handed);
      const lifecycle = msg.content;
      if (lifecycle.kind === 'followed' || lifecycle.kind === 'unfollowed') {
        // Following greets; unfollowing stops every message to this account until they write again.
        if (lifecycle.kind === 'unfollowed') await options.people.markBlocked(tx, msg.channel, msg.userId, now);
        const outboxIds = lifecycle.kind === 'followed' ? await enqueueReplies([{ text: texts.welcome }]) : [];
        return { status: 'handled', outboxIds, state: null, events: [], command: true, stale: false } as const;
      }
      const content = lifecycle;
      if (options.commands) {
        let notice: string | undefined;
        const handled = await options.commands({ tx, person, msg, now, reply: (p) => replies.push(p), notice: (text) => (notice = text) });
        if (handled || msg.isGroup) {
          const outboxIds = await enqueueReplies(replies);
          return { status: 'handled', outboxIds, state: null, events: [], command: true, stale: false, ...(notice ? { notice } : {}) } as const;
        }
      }

      const [saved] = await tx.select().from(conversations).where(eq(conversations.key, key));
      const started = options.startFlow?.(content);
      const resumed = (saved && flowById.get(saved.flowId)) || defaultFlow;
      const restored = started ? { snapshot: null } : restoreSnapshot(saved, resumed, now);
      if ('error' in restored && restored.error) log.warn({ key, err: safeError(restored.error) }, 'saved conversation no longer fits the flow; restarting');
      if (restored.restart) replies.push({ text: RESTART_NOTICE[restored.restart] });
      // A finished, expired or outdated conversation goes back to the default flow.
      const flow = (started && flowById.get(started)) || (restored.snapshot ? resumed : defaultFlow);
      const start = restored.snapshot ? { snapshot: restored.snapshot } : { input: await flow.input(person, tx) };
      const perform = async (action: FlowAction): Promise<EventObject | void> => {
        const effect = flow.effects[action.type];
        if (!effect) throw new FlowError('no_effect_handler', `flow ${flow.id} asked for "${action.type}", which has no effect handler`);
        const env = { tx, personId: person.id, conversationKey: key, message: msg, now };
        return effect(action.params, prepared?.flowId === flow.id ? { ...env, prepared: prepared.value } : env);
      };
      const outcome = await stepAsync(runTurn(flow, start, content), perform);
      replies.push(...outcome.replies);

      const snapshot = persistSnapshot(outcome.snapshot);
      await tx
        .insert(conversations)
        .values({ key, flowId: flow.id, flowVersion: flow.version, snapshot, updatedAt: now })
        .onConflictDoUpdate({ target: conversations.key, set: { flowId: flow.id, flowVersion: flow.version, snapshot, updatedAt: now } });
      const outboxIds = await enqueueReplies(mergeReplies(replies));
      const stale = outcome.events.some((e) => flow.isStale(e));
      return { status: 'handled', outboxIds, state: outcome.snapshot.value, events: outcome.events, command: false, stale } as const;
    });
  }

  /** The question the conversation is at, if it can still be read (a write may fail while reads work). */
  async function currentQuestion(key: string): Promise<OutgoingPayload | null> {
    try {
      const [saved] = await db.select({ flowId: conversations.flowId, snapshot: conversations.snapshot }).from(conversations).where(eq(conversations.key, key));
      const context = activeContext(saved);
      const flow = saved && flowById.get(saved.flowId);
      return context && flow ? flow.question(context) : null;
    } catch {
      return null;
    }
  }

  /** Messages apologised for that will come again: one apology each, not one per delivery. */
  const apologised = new Set<string>();

  /** The one apology path: the person is told, with the question they are at. */
  async function apologise(msg: IncomingMessage, key: string) {
    const redelivered = msg.redeliveredIfFailed === true;
    if (redelivered) {
      const id = `${key}:${msg.messageId}`;
      if (apologised.has(id)) return;
      apologised.add(id);
      if (apologised.size > 1000) apologised.delete(apologised.values().next().value!);
    }
    try {
      const question = msg.isGroup ? null : await currentQuestion(key);
      await options.senders[msg.channel]?.send(msg.chatId, apologyPayload(question, redelivered));
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
      const prepared = await prepare(msg, key);
      for (let attempt = 0; ; attempt++) {
        try {
          const handed: Handed = { rows: [] };
          const result = await handleInTransaction(msg, key, handed, prepared);
          log.debug({ key, messageId: msg.messageId, status: result.status, ms: Math.round(performance.now() - started) }, 'message handled');
          // Committed: the replies go to the delivery, which sends them on its own (the channel may answer the platform now).
          if (result.status === 'handled') await options.deliver(handed, msg);
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
