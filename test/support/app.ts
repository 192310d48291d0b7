import { Writable } from 'node:stream';
import type { Logger } from 'pino';
import type { Database, Db } from '../../db/client.js';
import { createApp } from '../../src/app.js';
import { createConfig } from '../../src/config.js';
import type { IncomingContent, IncomingMessage, OutgoingPayload } from '../../src/core/message.js';
import type { Sender } from '../../src/core/ports.js';
import { createLogger } from '../../src/logger.js';
import { DEMO_STATIONS_FILE } from './stations.js';

/** A sender that records what it was asked to send; `fail` lets a test make it throw. */
export function createMemorySender() {
  const sent: { chatId: string; payload: OutgoingPayload }[] = [];
  let fail: ((chatId: string, payload: OutgoingPayload) => Error | null) | null = null;
  const sender: Sender & { sent: typeof sent; failWith(f: typeof fail): void } = {
    sent,
    failWith(f) {
      fail = f;
    },
    async send(chatId, payload) {
      const err = fail?.(chatId, payload);
      if (err) throw err;
      sent.push({ chatId, payload });
      return { externalId: String(sent.length) };
    },
  };
  return sender;
}

/** A logger whose JSON lines are kept in `lines`, to check what logs contain. */
export function createCapturingLogger(): { log: Logger; lines: string[] } {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk, _enc, cb) {
      lines.push(String(chunk));
      cb();
    },
  });
  return { log: createLogger('debug', stream), lines };
}

export interface TestAppOptions {
  clock?: () => Date;
  /** Replace the database seen by the runner (e.g. to inject failures). */
  db?: Db;
  /** Skip delivery after commit (simulates a crash between commit and send). */
  noDelivery?: boolean;
  /** Environment for the configuration (e.g. `LLM_*`); default: none. */
  env?: Record<string, string>;
}

/** The app as main.ts builds it (src/app.ts), on the `test` channel with a recording sender. */
export async function createTestApp(database: Database, options: TestAppOptions = {}) {
  const sender = createMemorySender();
  const { log, lines } = createCapturingLogger();
  const app = await createApp({
    config: createConfig({ STATIONS_FILE: DEMO_STATIONS_FILE, ...options.env }),
    database,
    log,
    clock: options.clock,
    senders: { test: sender },
    delivery: options.noDelivery ? 'none' : 'await-all',
    ...(options.db ? { runnerDb: options.db } : {}),
  });
  const { runner, delivery } = app;
  let seq = 0;
  const message = (userId: string, content: IncomingContent, messageId?: string): IncomingMessage => ({
    channel: 'test',
    chatId: userId,
    userId,
    displayName: '张阿姨',
    isGroup: false,
    messageId: messageId ?? `m${++seq}-${Math.random().toString(36).slice(2, 8)}`,
    content,
  });
  return {
    runner,
    delivery,
    sender,
    logLines: lines,
    message,
    /** Sends a text as `userId` and returns the texts sent back to them for it. */
    async say(userId: string, text: string, messageId?: string): Promise<string[]> {
      const before = sender.sent.length;
      await runner.handle(message(userId, { kind: 'text', text }, messageId));
      return sender.sent
        .slice(before)
        .filter((s) => s.chatId === userId)
        .map((s) => s.payload.text);
    },
    /** The whole intake for `userId`, answering every step with typed text. */
    async completeIntake(userId: string, answers: Partial<Record<'problem' | 'community' | 'address' | 'phone', string>> = {}) {
      await this.say(userId, answers.problem ?? '电视坏了');
      await this.say(userId, '1');
      await this.say(userId, answers.community ?? '文昌');
      await this.say(userId, answers.address ?? '文昌小区3幢2单元501');
      await this.say(userId, answers.phone ?? '13812345678');
      await this.say(userId, '尽快');
      const last = await this.say(userId, '1');
      const ticket = /单号 (\d{8}-\d{4})/.exec(last.join('\n'))?.[1];
      if (!ticket) throw new Error(`no ticket in the last reply: ${last.join(' / ')}`);
      return ticket;
    },
  };
}
