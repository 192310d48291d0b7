import { type Bot, closeStandins, startEcho, startLianxin } from './bots.js';
import { confirmedToCard, type PressResult, pressCard, pressEcho } from './dispatch-runs.js';
import { newResidents, type Plan } from './plan.js';
import { sleep } from './processes.js';
import { type BenchBackend, seedHistory } from './seed.js';
import { ms, stamp } from './stats.js';
import { type LoadResult, residentsLoad } from './telegram-load.js';
import { type CallbackLoadResult, callbacksLoad } from './wechat-load.js';

// === One database's runs: lianxin and the echo bot alternating, load after load

export interface Pair<T> {
  ours: T;
  echo: T;
}

export interface Memory {
  idle: number;
  /** 2 s after the last of `messages`, and `settleSeconds` later with nothing to do. */
  after: number;
  settled: number;
  messages: number;
}

export interface BackendFigures {
  label: BenchBackend['label'];
  engine: { sizes: Map<number, Pair<LoadResult>>; memory: Pair<Memory> };
  limits: { sizes: Map<number, Pair<LoadResult>>; wechat: Pair<CallbackLoadResult>; presses: Pair<PressResult> };
  /** Confirmation → card, ms, with the database as the runs left it and with `history` requests stored. */
  cards: { few: number[]; many: number[]; history: number };
}

const progress = (what: string, r: LoadResult | CallbackLoadResult) =>
  process.stdout.write(`${stamp()}${what}: ${r.perSecond.toFixed(1)}/s, p50 ${ms(r.p50)}, p99 ${ms(r.p99)}, unanswered ${r.unanswered}\n`);

/** One message from a new resident, answered: the program has done everything once. */
async function warm(bot: Bot) {
  const id = newResidents(1);
  const reply = bot.telegram.nextSend(id, 120_000);
  bot.telegram.pushUpdate(bot.telegram.textMessage({ chatId: id, userId: id, text: '你好', firstName: '居民' }));
  if (Number.isNaN(await reply)) throw new Error(`${bot.program.name}: no first reply\n${bot.program.errTail()}`);
}

/** 1, 10, 100 residents at each bot in turn; every message either handled is counted in `handled`. */
async function sizes(plan: Plan, ours: Bot, echo: Bot, handled: Pair<number>, label: string) {
  const out = new Map<number, Pair<LoadResult>>();
  for (const n of plan.sizes) {
    const load = (bot: Bot) =>
      residentsLoad(bot.telegram, { residents: n, seconds: plan.seconds, warmupSeconds: plan.warmupSeconds, firstId: newResidents(n) });
    const o = await load(ours);
    progress(`${label} lianxin, ${n} residents`, o);
    const e = await load(echo);
    progress(`${label} echo, ${n} residents`, e);
    handled.ours += o.total;
    handled.echo += e.total;
    out.set(n, { ours: o, echo: e });
  }
  return out;
}

/** Engine cost: no limits at the stand-ins, the pace as high as it goes; memory idle and after `plan.memoryMessages`. */
async function engineCost(plan: Plan, backend: BenchBackend): Promise<BackendFigures['engine']> {
  const [ours, echo] = await Promise.all([startLianxin({ backend, pacing: 'engine' }), startEcho({ pacing: 'engine' })]);
  try {
    await warm(ours);
    await warm(echo);
    await sleep(2000);
    const memory: Pair<Memory> = {
      ours: { idle: ours.program.rssMiB(), after: 0, settled: 0, messages: 0 },
      echo: { idle: echo.program.rssMiB(), after: 0, settled: 0, messages: 0 },
    };
    const handled = { ours: 1, echo: 1 };
    const figures = await sizes(plan, ours, echo, handled, `${backend.label} engine cost:`);
    for (const [who, bot] of [
      ['ours', ours],
      ['echo', echo],
    ] as const) {
      const left = plan.memoryMessages - handled[who];
      if (left > 0) {
        const r = await residentsLoad(bot.telegram, { residents: 20, seconds: 900, warmupSeconds: 0, firstId: newResidents(20), maxMessages: left });
        handled[who] += r.total;
      }
    }
    await sleep(2000);
    memory.ours = { ...memory.ours, after: ours.program.rssMiB(), messages: handled.ours };
    memory.echo = { ...memory.echo, after: echo.program.rssMiB(), messages: handled.echo };
    await sleep(plan.settleSeconds * 1000);
    memory.ours.settled = ours.program.rssMiB();
    memory.echo.settled = echo.program.rssMiB();
    process.stdout.write(
      `  memory (MiB) idle / after: lianxin ${memory.ours.idle.toFixed(0)} / ${memory.ours.after.toFixed(0)}, echo ${memory.echo.idle.toFixed(0)} / ${memory.echo.after.toFixed(0)}\n`,
    );
    return { sizes: figures, memory };
  } finally {
    await Promise.all([ours.stop(), echo.stop()]);
    await Promise.all([closeStandins(ours), closeStandins(echo)]);
  }
}

/** Limits on: Telegram's limits at the stand-ins, both bots at the default pace; WeChat's callbacks; cards; presses. */
async function limitsOn(plan: Plan, backend: BenchBackend) {
  const [ours, echo] = await Promise.all([startLianxin({ backend, pacing: 'limits', wechat: true }), startEcho({ pacing: 'limits', wechat: true })]);
  try {
    await warm(ours);
    await warm(echo);
    const figures = await sizes(plan, ours, echo, { ours: 0, echo: 0 }, `${backend.label} limits on:`);
    const callbacks = (bot: Bot) =>
      callbacksLoad(bot.wechat!, { residents: 100, seconds: plan.seconds, warmupSeconds: plan.warmupSeconds, firstId: newResidents(100) });
    const wechat = { ours: await callbacks(ours), echo: await callbacks(echo) };
    progress(`${backend.label} WeChat lianxin, 100 residents`, wechat.ours);
    progress(`${backend.label} WeChat bare server, 100 residents`, wechat.echo);
    const few: number[] = [];
    let card: Awaited<ReturnType<typeof confirmedToCard>>['card'] | undefined;
    for (let i = 0; i < plan.cards; i++) {
      const c = await confirmedToCard(ours.telegram);
      few.push(c.ms);
      card = c.card;
    }
    process.stdout.write(`${stamp()}${backend.label} confirmation → card: ${few.map(ms).join(', ')}\n`);
    const presses = { ours: await pressCard(ours.telegram, card!, plan.presses), echo: await pressEcho(echo.telegram, plan.presses) };
    process.stdout.write(
      `  ${backend.label} ${plan.presses} presses: lianxin p99 ${ms(presses.ours.p99)}, ${presses.ours.winners} winner(s); echo p99 ${ms(presses.echo.p99)}\n`,
    );
    return { figures: { sizes: figures, wechat, presses }, few, ours };
  } finally {
    await Promise.all([ours.stop(), echo.stop()]);
    await closeStandins(echo);
  }
}

/** Confirmation → card again, after `plan.history` requests of the past were stored (the program stopped meanwhile). */
async function withHistory(plan: Plan, backend: BenchBackend, before: Bot): Promise<number[]> {
  const database = await backend.open();
  const t = performance.now();
  await seedHistory(database, plan.history);
  await database.close();
  process.stdout.write(`${stamp()}${backend.label}: ${plan.history} requests stored in ${ms(performance.now() - t)}\n`);
  const ours = await startLianxin({ backend, pacing: 'limits', reuse: before });
  try {
    const many: number[] = [];
    for (let i = 0; i < plan.cards; i++) many.push((await confirmedToCard(ours.telegram)).ms);
    process.stdout.write(`${stamp()}${backend.label} confirmation → card, ${plan.history} requests stored: ${many.map(ms).join(', ')}\n`);
    return many;
  } finally {
    await ours.stop();
    await closeStandins(ours);
  }
}

/** Every user-facing figure of one database. */
export async function runBackend(plan: Plan, backend: BenchBackend): Promise<BackendFigures> {
  const engine = await engineCost(plan, backend);
  const limits = await limitsOn(plan, backend);
  const many = await withHistory(plan, backend, limits.ours);
  return { label: backend.label, engine, limits: limits.figures, cards: { few: limits.few, many, history: plan.history } };
}
