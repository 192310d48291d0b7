// npm run bench [-- --quick] — what users feel (lianxin by `npm start` against local stand-ins of Telegram and
// WeChat, beside a bare echo bot in the same run), understanding and safety figures, a broadcast at Telegram's
// limits; written to docs/benchmarks.md. PGlite always; PostgreSQL too when DATABASE_URL is set (the bench
// makes and drops databases of its own there). --quick: shorter loads and fewer starts, for development.
import os from 'node:os';
import { benchBroadcast } from './broadcast.js';
import { benchMatcher, benchUnderstanding, benchWechatCallback } from './inprocess.js';
import { Report, writeDoc } from './report.js';
import { benchSafety } from './safety.js';
import { benchUsers } from './users/index.js';
import { planFrom } from './users/plan.js';

const plan = planFrom(process.argv.slice(2));
const report = new Report();
const started = performance.now();
const loadBefore = os.loadavg()[0]!;

// The user-facing runs first: they are what the ratios are about, and the longest.
await benchUsers(report, plan);
const loadAfterUsers = os.loadavg()[0]!;

report.figures('Understanding and safety', 'In process, on the labelled phrasings under `test/fixtures/` (the held-out batches tuned on are scored apart).');
benchMatcher(report.line);
benchUnderstanding(report.line);
benchSafety(report.line);
benchWechatCallback(report.line);

report.figures(
  'Broadcast at Telegram’s limits',
  `\`npm start\` at its default pacing against the Bot API stand-in enforcing Telegram's limits; an organizer sends the broadcast
by chat (群发). The ideal is groups / 30 s (2,342 → 78 s); the outbox paces at 25/s to leave room for residents' replies.`,
);
await benchBroadcast(report.line, plan.broadcastGroups);

const cores = os.cpus().length;
const loads = [loadBefore, loadAfterUsers, os.loadavg()[0]!];
const busy = Math.max(...loads) > cores;
const head = `# Benchmarks

Made by \`npm run bench${plan.quick ? ' -- --quick' : ''}\` (\`bench/run.ts\`) on ${new Date().toISOString().slice(0, 10)} in ${((performance.now() - started) / 60_000).toFixed(1)} min:
Node ${process.version}, ${cores} cores, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB; PostgreSQL ${process.env.DATABASE_URL ? 'on 127.0.0.1' : 'not measured (DATABASE_URL unset)'}.
${
  busy
    ? `**A busy machine**: load average ${loads.map((l) => l.toFixed(1)).join(' → ')} on ${cores} cores (other work was running). Absolute
figures are slow and noisy; the ratios, taken in the same minutes against the echo bot, are what to read.`
    : `Load average ${loads.map((l) => l.toFixed(1)).join(' → ')} on ${cores} cores.`
}${plan.quick ? '\n**Quick mode**: short loads and few starts, for development only.' : ''}

Every program is started as people start it, \`npm start\` in its project folder, and talks to local stand-ins over HTTP:
lianxin (\`scripts/start.mjs\`, Telegram by long polling and the WeChat service account) and a bare grammY echo bot
(\`bench/users/echo-bot.mjs\`: \`bot.start()\`, a reply per message) at the Bot API stand-in (\`test/standins/telegram-bot-api.ts\`),
lianxin and a bare \`node:http\` server answering \`success\` at the WeChat stand-in (\`test/standins/wechat-api.ts\`). The two
alternate, load by load, so both meet the same machine; each ratio is lianxin ÷ the other, beside the target of issue 20 (✓ met, ✗ not).
The stand-ins and the residents they play run in the bench's own process.
`;
writeDoc(new URL('../docs/benchmarks.md', import.meta.url), head, report);
process.stdout.write(`\ndocs/benchmarks.md written (${((performance.now() - started) / 60_000).toFixed(1)} min)\n`);
process.exit(0);
