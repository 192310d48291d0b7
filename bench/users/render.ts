import type { Report } from '../report.js';
import { DEFAULT_PACE } from './bots.js';
import type { Plan } from './plan.js';
import type { BackendFigures } from './runs.js';
import type { StartupFigures } from './startup.js';
import type { PerMessage, StatementFigures } from './statements.js';
import { median, ms, ratio, verdict } from './stats.js';
import type { LoadResult } from './telegram-load.js';

// === The user-facing figures as tables: lianxin, its baseline in the same run, the ratio, the target

const mib = (x: number) => `${x.toFixed(0)} MiB`;
const perSecond = (x: number) => (x >= 100 ? x.toFixed(0) : x.toFixed(1));
const latencies = (r: { p50: number; p99: number }) => `${ms(r.p50)} / ${ms(r.p99)}`;
/** `0.42 ≥ 0.25 ✓` */
const atLeast = (x: number, target: number) => `≥ ${target} ${verdict(x >= target)}`;
const atMost = (x: number, target: number, unit = '') => `≤ ${target}${unit} ${verdict(x <= target)}`;

export interface UserFigures {
  startup: StartupFigures;
  backends: BackendFigures[];
  /** PostgreSQL only: a community of 5 volunteers, and of `plan.presses`. */
  statements?: { few: StatementFigures; many: StatementFigures };
}

function renderStartup(report: Report, f: UserFigures, plan: Plan) {
  const { startup } = f;
  report.comparison(
    'Start-up and memory',
    `Start-up: \`npm start\` spawned with a message already waiting at the Bot API stand-in, until the reply reaches it; lianxin on a
warm PGlite folder (Jiaxing's stations, default pacing), the echo bot from a project of its own, also by \`npm start\` (its \`start\`
runs \`node bot.mjs\`); ${plan.startRuns} starts each, in turn, medians. npm itself takes ${ms(median(startup.npm))} of each (\`npm run\` of
\`node -e 0\`). Memory: the resident set of the program's process (VmRSS), 2 s after its first reply and again after it has
handled ${plan.memoryMessages.toLocaleString('en')} messages (the engine-cost loads, then 20 residents until the count is reached),
2 s after the last and ${plan.settleSeconds} s later.`,
  );
  const ours = median(startup.ours);
  const echo = median(startup.echo);
  report.compare(
    'warm start to the first reply (Telegram, PGlite)',
    `${ms(ours)} (${startup.ours.map(ms).join(', ')})`,
    `${ms(echo)} (${startup.echo.map(ms).join(', ')})`,
    `${ratio(ours / echo)}×`,
    atMost(ours / echo, 5, '×'),
  );
  const phases = Object.keys(startup.phases[0] ?? {});
  if (phases.length > 0) {
    const mid = phases.map((p) => `${p} ${ms(median(startup.phases.map((x) => x[p] ?? 0)))}`);
    report.compare("where lianxin's start went (its `startup` log line, medians)", mid.join(' · '), '', '', '');
  }
  for (const b of f.backends) {
    const { ours: o, echo: e } = b.engine.memory;
    const pglite = b.label === 'PGlite';
    report.compare(`resident set, idle (${b.label})`, mib(o.idle), mib(e.idle), `${ratio(o.idle / e.idle)}×`, pglite ? atMost(o.idle, 300, ' MiB') : '–');
    report.compare(
      `resident set 2 s after ${o.messages.toLocaleString('en')} / ${e.messages.toLocaleString('en')} messages (${b.label})`,
      mib(o.after),
      mib(e.after),
      `${ratio(o.after / e.after)}×`,
      pglite ? atMost(o.after, 350, ' MiB') : '–',
    );
    report.compare(`… and ${plan.settleSeconds} s later, idle (${b.label})`, mib(o.settled), mib(e.settled), `${ratio(o.settled / e.settled)}×`, '');
  }
}

function loadRows(report: Report, label: string, sizes: Map<number, { ours: LoadResult; echo: LoadResult }>, target: (n: number, r: number) => string) {
  for (const [n, { ours, echo }] of sizes) {
    const r = ours.perSecond / echo.perSecond;
    const who = `${label}, ${n} resident${n > 1 ? 's' : ''}`;
    report.compare(`${who}: messages/s`, perSecond(ours.perSecond), perSecond(echo.perSecond), ratio(r), target(n, r));
    const lost = ours.unanswered + echo.unanswered > 0 ? ` (no reply: ${ours.unanswered} / ${echo.unanswered})` : '';
    report.compare(`${who}: reply p50 / p99${lost}`, latencies(ours), latencies(echo), `p99 ${ratio(ours.p99 / echo.p99)}×`, '');
  }
}

function renderEngine(report: Report, f: UserFigures) {
  report.comparison(
    'Engine cost: the stand-ins’ limits off, the pace as high as it goes',
    `Residents write the intake's answers (电视坏了, 1, 运南, an address, a phone, 尽快) and 取消 at the summary, over and over, each
the moment the previous message was answered (its first reply reached the Bot API stand-in). lianxin runs with
TELEGRAM_SEND_PER_SECOND=1000 and TELEGRAM_GROUP_SENDS_PER_MINUTE=1000 (the largest values), the echo bot unpaced. What pacing
remains in lianxin's process itself stays in the figures. Target: ≥ 0.5 of the echo on PostgreSQL, ≥ 0.25 on PGlite, at 10 and
100 residents.`,
  );
  for (const b of f.backends) {
    const goal = b.label === 'PostgreSQL' ? 0.5 : 0.25;
    loadRows(report, b.label, b.engine.sizes, (n, r) => (n >= 10 ? atLeast(r, goal) : ''));
  }
}

function renderLimits(report: Report, f: UserFigures) {
  report.comparison(
    'Limits on: Telegram’s limits at the stand-in, both bots at the same pace',
    `The stand-in answers 429 past 30 messages a second overall or 20 a minute to one group. lianxin at its defaults
(TELEGRAM_SEND_PER_SECOND=${DEFAULT_PACE}), the echo bot sending evenly at ${DEFAULT_PACE}/s. Where the echo bot keeps its pace full
(≥ 0.9 of it: saturated), lianxin should too, and its p99 should stay within 3× the echo's.`,
  );
  for (const b of f.backends) {
    for (const [n, { ours, echo }] of b.limits.sizes) {
      const who = `${b.label}, ${n} resident${n > 1 ? 's' : ''}`;
      const saturated = echo.sendsPerSecond >= 0.9 * DEFAULT_PACE;
      const share = ours.sendsPerSecond / DEFAULT_PACE;
      report.compare(
        `${who}: messages sent/s (429: ${ours.refused} / ${echo.refused})`,
        perSecond(ours.sendsPerSecond),
        perSecond(echo.sendsPerSecond),
        `${ratio(share)} of ${DEFAULT_PACE}/s`,
        saturated ? atLeast(share, 0.9) : 'not saturated',
      );
      report.compare(
        `${who}: reply p50 / p99`,
        latencies(ours),
        latencies(echo),
        `p99 ${ratio(ours.p99 / echo.p99)}×`,
        saturated ? atMost(ours.p99 / echo.p99, 3, '×') : '',
      );
    }
  }
}

function renderWechat(report: Report, f: UserFigures) {
  report.comparison(
    'WeChat: callbacks at 100 residents',
    `100 residents at the WeChat stand-in (安全模式: signed and encrypted), each posting the next message as soon as the previous
callback was answered (not waiting for what the bot then sends). lianxin at its default send pace (WECHAT_SEND_PER_SECOND=10),
beside a bare \`node:http\` server answering \`success\`. Unanswered: no answer within WeChat's 5 s, or an error.`,
    'bare server',
  );
  for (const b of f.backends) {
    const { ours, echo } = b.limits.wechat;
    const r = ours.perSecond / echo.perSecond;
    report.compare(`${b.label}: callbacks answered/s`, perSecond(ours.perSecond), perSecond(echo.perSecond), ratio(r), atLeast(r, 0.25));
    report.compare(`${b.label}: answer p50 / p99`, latencies(ours), latencies(echo), `p99 ${ratio(ours.p99 / echo.p99)}×`, atMost(ours.p99, 300, ' ms'));
    report.compare(
      `${b.label}: unanswered (of ${ours.callbacks} / ${echo.callbacks})`,
      String(ours.unanswered),
      String(echo.unanswered),
      '',
      atMost(ours.unanswered, 0),
    );
  }
}

function renderDispatch(report: Report, f: UserFigures, plan: Plan) {
  report.comparison(
    `${plan.presses} volunteers press 我来接单 on one card`,
    `In the limits-on run: ${plan.presses} approved volunteers of 运南社区 press the card's button in its group at once, each press
timed until it was answered (answerCallbackQuery); the echo bot answers the same presses. Winners: volunteers sent the request's details.`,
  );
  for (const b of f.backends) {
    const { ours, echo } = b.limits.presses;
    const lost = ours.unanswered + echo.unanswered > 0 ? ` (unanswered ${ours.unanswered} / ${echo.unanswered})` : '';
    report.compare(
      `${b.label}: press answered p50 / p99${lost}`,
      latencies(ours),
      latencies(echo),
      `p99 ${ratio(ours.p99 / echo.p99)}×`,
      atMost(ours.p99 / echo.p99, 3, '×'),
    );
    report.compare(`${b.label}: winners`, String(ours.winners), '–', '', `exactly 1 ${verdict(ours.winners === 1)}`);
  }
  report.comparison(
    'A confirmed request → its card in the group',
    `A new resident's intake confirmed (the summary's 1) until the card reaches the group (limits on, default pacing): first with what
the runs stored, then after ${plan.history.toLocaleString('en')} requests of past years (done or cancelled, each with its history and one in ten
with an alert) were stored and the program started again.`,
    `${plan.history.toLocaleString('en')} stored`,
  );
  for (const b of f.backends) {
    const few = median(b.cards.few);
    const many = median(b.cards.many);
    report.compare(`${b.label}: confirmation → card (median of ${b.cards.few.length})`, ms(few), ms(many), `${ratio(many / few)}×`, '');
  }
}

const perMessage = (m: PerMessage) => `${m.statements} statements, ${m.transactions} transactions (${m.outbox} on the outbox)`;

function renderStatements(report: Report, f: UserFigures, plan: Plan) {
  if (!f.statements) return;
  const { few, many } = f.statements;
  report.comparison(
    'Statements per message (PostgreSQL, counted on the wire)',
    `A proxy between lianxin and PostgreSQL counts every statement executed (begin / commit not counted) and every transaction, from
a message's arrival until the database is quiet again, its delivery included; medians over ${few.samples.ordinary} questions and
${few.samples.confirm} confirmations, in a community of 5 volunteers (the second column: of ${plan.presses}, one intake). Idle, lianxin runs ${few.idlePerSecond.toFixed(1)} statements a second (the outbox's poll, the schedulers).`,
    `${plan.presses} volunteers in the community`,
  );
  const o = few.ordinary;
  report.compare(
    'ordinary message (a question answered)',
    perMessage(o),
    perMessage(many.ordinary),
    '',
    `≤ 12, ≤ 2 transactions ${verdict(o.statements <= 12 && o.transactions <= 2)}`,
  );
  report.compare('confirm step (the request stored and announced)', perMessage(few.confirm), perMessage(many.confirm), '', atMost(few.confirm.statements, 25));
}

export function renderUsers(report: Report, f: UserFigures, plan: Plan) {
  renderStartup(report, f, plan);
  renderEngine(report, f);
  renderLimits(report, f);
  renderWechat(report, f);
  renderDispatch(report, f, plan);
  renderStatements(report, f, plan);
}
