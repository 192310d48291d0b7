import type { Database } from '../../db/client.js';
import { createApp } from '../../src/app.js';
import { createConfig } from '../../src/config.js';
import { chatGroups, volunteers } from '../../db/schema.js';
import type { IncomingContent, IncomingMessage, OutgoingPayload } from '../../src/core/message.js';
import type { Sender } from '../../src/core/ports.js';
import { ensurePerson } from '../../src/domain/people/people.js';
import { createRequest } from '../../src/domain/requests/requests.js';
import { grantOrganizer } from '../../src/domain/people/roles.js';
import { texts as residentTexts } from '../../src/texts/resident.js';
import { createCapturingLogger } from './app.js';
import { DEMO_STATIONS_FILE } from './stations.js';

export interface SentRecord {
  chatId: string;
  payload: OutgoingPayload;
  /** Set when this record is an edit of an earlier message. */
  edited?: string;
  externalId: string;
}

/** A sender for the `test` channel that can edit, and records everything (groups have ids starting with `g`). */
export function createEditingSender() {
  const log: SentRecord[] = [];
  let n = 0;
  let fail: ((chatId: string) => Error | null) | null = null;
  const sender: Sender & { log: SentRecord[]; failWith(f: typeof fail): void } = {
    log,
    failWith(f) {
      fail = f;
    },
    async send(chatId, payload) {
      const err = fail?.(chatId);
      if (err) throw err;
      const externalId = String(++n);
      log.push({ chatId, payload, externalId });
      return { externalId };
    },
    async edit(chatId, externalId, payload) {
      const err = fail?.(chatId);
      if (err) throw err;
      log.push({ chatId, payload, edited: externalId, externalId });
    },
  };
  return sender;
}

export interface DispatchAppOptions {
  clock?: () => Date;
  noDelivery?: boolean;
  remindMinutes?: number;
  escalateMinutes?: number;
  /** The stations file the app lists (default: the demo tree); sync it into the database first. */
  stationsFile?: string;
}

/** The app as main.ts builds it (src/app.ts), on the `test` channel with an editing, recording sender. */
export async function createDispatchApp(database: Database, options: DispatchAppOptions = {}) {
  const sender = createEditingSender();
  const { log, lines } = createCapturingLogger();
  const config = createConfig({
    STATIONS_FILE: options.stationsFile ?? DEMO_STATIONS_FILE,
    CLAIM_REMIND_MINUTES: String(options.remindMinutes ?? 10),
    ESCALATE_MINUTES: String(options.escalateMinutes ?? 30),
  });
  const built = await createApp({
    config,
    database,
    log,
    clock: options.clock,
    // `wx`: a second channel with no groups (as WeChat), where volunteers are reached privately.
    senders: { test: sender, wx: sender },
    delivery: options.noDelivery ? 'none' : 'await-all',
  });
  const { db, tree, dispatch, runner, delivery } = built;
  let seq = 0;
  /** The channel of a person registered with `channel: 'wx'`; everyone else (and every group) is on `test`. */
  const channels = new Map<string, string>();
  const message = (chatId: string, userId: string, content: IncomingContent, name = '用户'): IncomingMessage => ({
    channel: chatId === userId ? (channels.get(userId) ?? 'test') : 'test',
    chatId,
    userId,
    displayName: name,
    isGroup: chatId.startsWith('g'),
    messageId: `d${++seq}-${Math.random().toString(36).slice(2, 8)}`,
    content,
  });
  const stationId = (code: string) => tree.byCode(code)!.id;

  const app = {
    db,
    tree,
    dispatch,
    runner,
    delivery,
    reminders: built.reminders,
    sender,
    logLines: lines,
    stationId,
    /** A text from `userId` in `chatId` (a private chat when chatId === userId; a group when it starts with g). */
    async say(chatId: string, userId: string, text: string, name?: string) {
      return runner.handle(message(chatId, userId, { kind: 'text', text }, name));
    },
    async press(chatId: string, userId: string, choiceId: string, name?: string) {
      return runner.handle(message(chatId, userId, { kind: 'choice', choiceId }, name));
    },
    /** Tasks offered to a volunteer in their private chat (the notice says so), in order. */
    offersTo: (chatId: string) => sender.log.filter((s) => s.chatId === chatId && s.payload.notice?.kind === 'task_offered'),
    /** What reached a chat apart from private task offers. */
    toButOffers: (chatId: string) => sender.log.filter((s) => s.chatId === chatId && s.payload.notice?.kind !== 'task_offered'),
    /** Messages (and edits) that reached a chat, in order. */
    to: (chatId: string) => sender.log.filter((s) => s.chatId === chatId),
    lastTo: (chatId: string) => sender.log.filter((s) => s.chatId === chatId).at(-1),
    /** Everything that went to group chats. */
    groupTraffic: () => sender.log.filter((s) => s.chatId.startsWith('g')),
    /** An organizer of a station (by code), known on the test channel as `userId`. */
    async organizer(userId: string, stationCode: string) {
      const p = await ensurePerson(db, 'test', userId, `组织者${userId}`);
      await grantOrganizer(db, p.id, stationId(stationCode), null, new Date());
      return p.id;
    },
    /** An approved volunteer (unless `status` says otherwise) of a station, with skills. */
    async volunteer(
      userId: string,
      stationCode: string,
      opts: {
        status?: 'pending' | 'approved' | 'rejected';
        suspendedUntil?: Date;
        skills?: string[];
        name?: string;
        /** 新任务提醒 (private offers): on unless told. */
        taskAlerts?: 'on' | 'off' | 'urgent';
        /** When they registered (offers go to the earliest first, among the equally busy). */
        registeredAt?: Date;
        /** `wx`: on the channel without groups (private offers reach them even when a `test` group got the card). */
        channel?: 'test' | 'wx';
      } = {},
    ) {
      const channel = opts.channel ?? 'test';
      if (channel !== 'test') channels.set(userId, channel);
      const p = await ensurePerson(db, channel, userId, opts.name ?? `志愿者${userId}`);
      await db
        .insert(volunteers)
        .values({
          personId: p.id,
          name: opts.name ?? `志愿者${userId}`,
          phone: '13900000000',
          partyMember: true,
          skills: opts.skills ?? ['daily-life'],
          stationId: stationId(stationCode),
          availability: '随时',
          status: opts.status ?? 'approved',
          suspendedUntil: opts.suspendedUntil ?? null,
          taskAlerts: opts.taskAlerts ?? 'on',
          ...(opts.registeredAt ? { createdAt: opts.registeredAt } : {}),
        })
        .onConflictDoNothing();
      return p.id;
    },
    /** Binds a group chat directly (the /bind command is tested on its own). */
    async bindGroup(chatId: string, stationCode: string, skill: string | null = null) {
      await db
        .insert(chatGroups)
        .values({ channel: 'test', chatId, stationId: stationId(stationCode), skill, boundBy: 0 })
        .onConflictDoNothing();
    },
    /** A request stored and announced directly (any community, item, urgency, time), then delivered. */
    async storedRequest(
      resident: string,
      o: { community: string; item: string; cls?: string; urgent?: boolean; description?: string; wantedTime?: string; at?: Date },
    ) {
      const at = o.at ?? new Date();
      const person = await ensurePerson(db, 'test', resident, `居民${resident}`);
      const r = await db.transaction(async (tx) => {
        const created = await createRequest(
          tx,
          {
            classCode: o.cls ?? 'daily-life',
            itemCode: o.item,
            communityCode: o.community,
            description: o.description ?? '需要帮忙',
            address: '幸福小区7幢302',
            phone: '13812345678',
            wantedTime: o.wantedTime ?? '尽快',
            urgent: o.urgent ?? false,
            emergencyWords: [],
            attachments: [],
          },
          { residentId: person.id, channel: 'test', chatId: resident, conversationKey: `test:${resident}:${resident}` },
          at,
        );
        await dispatch.afterRequestCreated(tx, created.id, [], at);
        return created;
      });
      if (!options.noDelivery) await delivery.deliverDue();
      return { ...r, residentId: person.id };
    },
    /** A resident's whole typed intake; returns the ticket. */
    async request(userId: string, o: { problem?: string; community?: string; address?: string; phone?: string; when?: string } = {}) {
      const lastText = () => sender.log.filter((s) => s.chatId === userId).at(-1)?.payload.text ?? '';
      await app.say(userId, userId, o.problem ?? '电视坏了', `居民${userId}`);
      // After an emergency the one fitting item is taken without asking.
      if (!lastText().includes(residentTexts.askCommunity)) await app.say(userId, userId, '1', `居民${userId}`);
      for (const t of [o.community ?? '文昌', o.address ?? '文昌小区3幢2单元501', o.phone ?? '13812345678']) await app.say(userId, userId, t, `居民${userId}`);
      // An urgent request gets 尽快 without asking.
      if (!lastText().startsWith(residentTexts.summaryTitle)) await app.say(userId, userId, o.when ?? '尽快', `居民${userId}`);
      await app.say(userId, userId, '1', `居民${userId}`);
      const text = sender.log
        .filter((s) => s.chatId === userId)
        .map((s) => s.payload.text)
        .join('\n');
      const all = [...text.matchAll(/单号 (\d{8}-\d{4})/g)];
      if (!all.length) throw new Error(`no ticket for ${userId}: ${text.slice(-300)}`);
      return all.at(-1)![1]!;
    },
  };
  return app;
}

export type DispatchApp = Awaited<ReturnType<typeof createDispatchApp>>;
