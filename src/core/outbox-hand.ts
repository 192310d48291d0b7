import type { Logger } from 'pino';
import type { OutboxRow as Row } from './outbox.js';
import type { PacerLane } from './pacer.js';
import { safeError } from './privacy.js';

// === The outbox rows a process holds: one worker per chat, sending its rows in order

/** A row this process holds, waiting for its turn in its chat. */
export interface Item {
  row: Row;
  lane: PacerLane;
  /** When its lease was last written (the claim, or the insert that claimed it), by the delivery's clock. */
  claimedAt: number;
  settle: () => void;
}

export type ItemOutcome = 'sent' | 'held' | 'failed' | 'lost';

/** One chat's rows in hand, sent one after another by one worker. */
interface ChatWork {
  channel: string;
  items: Item[];
  /** A row of this chat may have been written while its rows were in hand (and skipped by a claim): look again after. */
  recheck: boolean;
  /** A send failed: the chat's later rows go back, in order, for the retry. */
  failed: boolean;
}

export interface RowsInHandOptions {
  log: Logger;
  /** Sends one row (`lost`: no longer ours, or stopping). */
  send: (item: Item) => Promise<ItemOutcome>;
  /** Gives rows back unsent. */
  release: (items: Item[]) => Promise<void>;
  /** True once the delivery stops: rows not being sent yet go back. */
  stopping: () => boolean;
  /** A chat's worker is done; `recheck`: claim its channel again. */
  chatDone: (channel: string, recheck: boolean) => void;
  /** A row settled (sent or not); `inHand`: how many of its channel's rows are still held. */
  settled: (channel: string, sent: boolean, inHand: number) => void;
}

/**
 * Chats concurrently, one chat's rows in order (conversation rows first, then by id); bulk rows wait
 * while any other conversation row of their channel is in hand, and let their own chat's go first.
 * After a failure the chat's later rows go back; after a lost lease the row itself too.
 */
export function createRowsInHand(o: RowsInHandOptions) {
  const chats = new Map<string, ChatWork>();
  /** Rows in hand per channel, and how many of them are not bulk (bulk rows wait for those). */
  const counts = new Map<string, { all: number; conversation: number }>();
  const conversationClear: (() => void)[] = [];
  const countsOf = (channel: string) => counts.get(channel) ?? counts.set(channel, { all: 0, conversation: 0 }).get(channel)!;
  const chatKey = (channel: string, chatId: string) => `${channel}\u0000${chatId}`;
  const ownConversation = (work: ChatWork) => work.items.filter((i) => i.lane !== 'bulk').length;

  function settle(item: Item, sent: boolean) {
    const c = countsOf(item.row.channel);
    c.all--;
    if (item.lane !== 'bulk' && --c.conversation === 0) for (const go of conversationClear.splice(0)) go();
    item.settle();
    o.settled(item.row.channel, sent, c.all);
  }

  async function run(key: string, work: ChatWork) {
    // Started from `add`: let it finish adding the batch's rows first.
    await Promise.resolve();
    while (work.items.length > 0) {
      if (work.failed || o.stopping()) {
        // Keep the chat's order: later messages wait for the failed one; what is still ours goes back.
        const rest = work.items.splice(0);
        await o.release(rest);
        for (const item of rest) settle(item, false);
        continue;
      }
      const item = work.items.shift()!;
      if (item.lane === 'bulk') {
        while (!o.stopping() && ownConversation(work) === 0 && countsOf(work.channel).conversation > 0)
          await new Promise<void>((r) => conversationClear.push(r));
        if (ownConversation(work) > 0) {
          const firstBulk = work.items.findIndex((i) => i.lane === 'bulk');
          work.items.splice(firstBulk < 0 ? work.items.length : firstBulk, 0, item);
          continue;
        }
      }
      let outcome: ItemOutcome;
      try {
        outcome = await o.send(item);
      } catch (err) {
        o.log.error({ outboxId: item.row.id, err: safeError(err) }, 'outbox send could not be recorded');
        outcome = 'failed';
      }
      // After a lost lease or a stop, the row goes back (if still ours); after a failure it waits for its retry.
      if (outcome === 'lost') await o.release([item]);
      if (outcome === 'failed' || outcome === 'lost') work.failed = true;
      settle(item, outcome === 'sent');
    }
    chats.delete(key);
    o.chatDone(work.channel, work.recheck);
  }

  return {
    /** Takes rows to send; each promise settles with its row. */
    add(rows: Row[], lane: (row: Row) => PacerLane, claimedAt: number): Promise<void>[] {
      const done: Promise<void>[] = [];
      for (const row of rows) {
        const key = chatKey(row.channel, row.chatId);
        const work = chats.get(key) ?? { channel: row.channel, items: [], recheck: false, failed: false };
        const item: Item = { row, lane: lane(row), claimedAt, settle: () => {} };
        done.push(new Promise<void>((r) => (item.settle = r)));
        const c = countsOf(row.channel);
        c.all++;
        if (item.lane !== 'bulk') c.conversation++;
        const before = work.items.findIndex((x) => x.row.priority > row.priority || (x.row.priority === row.priority && x.row.id > row.id));
        work.items.splice(before < 0 ? work.items.length : before, 0, item);
        if (!chats.has(key)) {
          chats.set(key, work);
          void run(key, work);
        }
      }
      return done;
    },
    /** A row was written for this chat: if its rows are in hand, its channel is claimed again once they are out. */
    recheck(channel: string, chatId: string) {
      const work = chats.get(chatKey(channel, chatId));
      if (work) work.recheck = true;
    },
    /** Rows of a channel in hand. */
    inHand: (channel: string) => countsOf(channel).all,
    /** Chats with rows in hand. */
    chats: () => chats.size,
    /** Lets bulk rows waiting for conversation rows go (on stopping). */
    wakeBulk() {
      for (const go of conversationClear.splice(0)) go();
    },
  };
}
