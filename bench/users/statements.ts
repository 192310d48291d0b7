import { closeStandins, startLianxin } from './bots.js';
import { startCountingProxy, type WireCounts } from './pg-counter.js';
import { newResidents } from './plan.js';
import { sleep } from './processes.js';
import type { BenchBackend } from './seed.js';
import { median } from './stats.js';
import { CONFIRMED_SCRIPT } from './telegram-load.js';

// === Statements and transactions per message, counted on the wire between lianxin and PostgreSQL

export interface PerMessage {
  statements: number;
  transactions: number;
  outbox: number;
}

export interface StatementFigures {
  /** Medians over the intake's questions, and over its confirmations. */
  ordinary: PerMessage;
  confirm: PerMessage;
  /** With nothing to do: statements per second (the outbox's poll and the schedulers). */
  idlePerSecond: number;
  samples: { ordinary: number; confirm: number };
}

const snapshot = (c: WireCounts): PerMessage => ({ statements: c.statements, transactions: c.transactions, outbox: c.outbox });
const minus = (a: PerMessage, b: PerMessage): PerMessage => ({
  statements: a.statements - b.statements,
  transactions: a.transactions - b.transactions,
  outbox: a.outbox - b.outbox,
});
const medianOf = (xs: PerMessage[]): PerMessage => ({
  statements: median(xs.map((x) => x.statements)),
  transactions: median(xs.map((x) => x.transactions)),
  outbox: median(xs.map((x) => x.outbox)),
});

/** Until nothing passed the proxy for `quietMs` (at most `maxMs`). */
async function settled(counts: WireCounts, quietMs = 400, maxMs = 3000) {
  const until = performance.now() + maxMs;
  while (performance.now() - counts.lastTraffic < quietMs && performance.now() < until) await sleep(20);
}

/**
 * `intakes` residents' whole intakes, message by message: each message counted from its arrival until the
 * database is quiet again (its delivery included). Medians, so that an outbox poll falling into a
 * message's window does not count.
 */
export async function measureStatements(backend: BenchBackend, intakes: number): Promise<StatementFigures> {
  const server = new URL(backend.url!);
  const proxy = await startCountingProxy({ host: server.hostname, port: Number(server.port || 5432) }, Boolean(process.env.BENCH_SQL_TRACE));
  const bot = await startLianxin({ backend, pacing: 'engine', env: { DATABASE_URL: proxy.through(backend.url!) } });
  try {
    await settled(proxy.counts);
    const idleFrom = snapshot(proxy.counts);
    await sleep(5000);
    const idlePerSecond = minus(snapshot(proxy.counts), idleFrom).statements / 5;
    const ordinary: PerMessage[] = [];
    const confirm: PerMessage[] = [];
    for (let i = 0; i < intakes; i++) {
      const resident = newResidents(1);
      for (const [k, text] of CONFIRMED_SCRIPT.entries()) {
        await settled(proxy.counts);
        const before = snapshot(proxy.counts);
        const reply = bot.telegram.nextSend(resident, 60_000);
        bot.telegram.pushUpdate(bot.telegram.textMessage({ chatId: resident, userId: resident, text, firstName: '居民' }));
        if (Number.isNaN(await reply)) throw new Error(`no reply to "${text}"`);
        await settled(proxy.counts);
        (k === CONFIRMED_SCRIPT.length - 1 ? confirm : ordinary).push(minus(snapshot(proxy.counts), before));
        if (process.env.BENCH_SQL_TRACE)
          process.stdout.write(
            `--- ${text}\n${proxy.counts.texts
              .splice(0)
              .map((t) => t.slice(0, 140))
              .join('\n')}\n`,
          );
      }
    }
    const figures = {
      ordinary: medianOf(ordinary),
      confirm: medianOf(confirm),
      idlePerSecond,
      samples: { ordinary: ordinary.length, confirm: confirm.length },
    };
    process.stdout.write(
      `  statements / transactions: ordinary ${figures.ordinary.statements} / ${figures.ordinary.transactions}, confirm ${figures.confirm.statements} / ${figures.confirm.transactions}\n`,
    );
    return figures;
  } finally {
    await bot.stop();
    await closeStandins(bot);
    await proxy.close();
  }
}
