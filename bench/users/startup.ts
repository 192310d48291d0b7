import { closeStandins, echoDir, startEcho, startLianxin } from './bots.js';
import { newResidents, type Plan } from './plan.js';
import { npmStart } from './processes.js';
import { makeBackend } from './seed.js';
import { ms, stamp } from './stats.js';
import { startWatchedStandin, type WatchedStandin } from './telegram-load.js';

// === Warm start to the first reply: lianxin (Telegram, PGlite) and the echo bot, each by `npm start`, in turn

export interface StartupFigures {
  /** Spawning `npm start` → the first reply at the stand-in, ms, a message waiting from before. */
  ours: number[];
  echo: number[];
  /** `npm run` of a script that does nothing (node -e 0): npm's own share of both. */
  npm: number[];
  /** lianxin's own account of where its start went (the `startup` log line), one per start. */
  phases: Record<string, number>[];
}

/** Pushes a message from a new person, then starts the program; resolves with the time to its reply. */
async function firstReply(
  standin: WatchedStandin,
  start: () => Promise<{ program: { spawnedAt: number; errTail(): string; name: string }; stop(): Promise<void> }>,
) {
  const id = newResidents(1);
  standin.pushUpdate(standin.textMessage({ chatId: id, userId: id, text: '电视坏了', firstName: '居民' }));
  const reply = standin.nextSend(id, 180_000);
  const bot = await start();
  const at = await reply;
  const err = bot.program.errTail();
  await bot.stop();
  if (Number.isNaN(at)) throw new Error(`${bot.program.name}: no first reply within 3 minutes\n${err}`);
  const line = err.split('\n').find((l) => l.includes('"startup"'));
  return { ms: at - bot.program.spawnedAt, phases: line ? (JSON.parse(line).startup as Record<string, number>) : {} };
}

export async function measureStartup(plan: Plan): Promise<StartupFigures> {
  const backend = await makeBackend('pglite');
  const ours = await startWatchedStandin();
  const echo = await startWatchedStandin({ token: '654321:ECHO' });
  const figures: StartupFigures = { ours: [], echo: [], npm: [], phases: [] };
  try {
    // The data folder made (and the start bundle brought up to date) by a first start: later ones are warm.
    await firstReply(ours, () => startLianxin({ backend, pacing: 'limits', reuse: { telegram: ours }, noWait: true }));
    await firstReply(echo, () => startEcho({ pacing: 'limits', reuse: { telegram: echo }, noWait: true }));
    for (let i = 0; i < plan.startRuns; i++) {
      const o = await firstReply(ours, () => startLianxin({ backend, pacing: 'limits', reuse: { telegram: ours }, noWait: true }));
      figures.ours.push(o.ms);
      figures.phases.push(o.phases);
      figures.echo.push((await firstReply(echo, () => startEcho({ pacing: 'limits', reuse: { telegram: echo }, noWait: true }))).ms);
      const noop = npmStart('npm run noop', echoDir(), {}, 'noop');
      await noop.exited;
      figures.npm.push(performance.now() - noop.spawnedAt);
      process.stdout.write(
        `${stamp()}start ${i + 1}: lianxin ${ms(figures.ours.at(-1)!)}, echo ${ms(figures.echo.at(-1)!)}, npm alone ${ms(figures.npm.at(-1)!)}\n`,
      );
    }
    return figures;
  } finally {
    await closeStandins({ telegram: ours });
    await closeStandins({ telegram: echo });
    await backend.drop();
  }
}
