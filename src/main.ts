import { existsSync } from 'node:fs';
import type { Readable, Writable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import type { Logger } from 'pino';
import type { TelegramChannel } from './channels/telegram/telegram-channel.js';
import { openDatabase } from '../db/client.js';
import { CONSOLE_CHANNEL, createConsoleChannel } from './channels/console/console-channel.js';
import { ConfigError, createConfig } from './config.js';
import { createFlowRunner, type FlowRunner } from './core/flow-runner.js';
import { createOutboxDelivery } from './core/outbox.js';
import type { Sender } from './core/ports.js';
import { safeError } from './core/privacy.js';
import { texts } from './texts/resident.js';
import { createCatalogueMatcher } from './domain/catalogue/matcher.js';
import { readCatalogueFile, readStationsFile, syncReferenceData } from './domain/reference-data.js';
import { createResidentFlow, residentFlowDeps } from './domain/resident-flow.js';
import { createStationDirectory } from './domain/stations/matcher.js';
import { createLogger } from './logger.js';
import { peoplePort } from './domain/people/people.js';
import { skillFinder } from './domain/catalogue/skills.js';
import { createDispatch } from './domain/dispatch/dispatch.js';
import { bootstrapOrganizers } from './domain/dispatch/roles.js';
import { loadStationTree } from './domain/dispatch/station-tree.js';
import { createVolunteerFlow, startsVolunteerFlow } from './domain/volunteer-flow.js';
import { VOLUNTEER_FLOW_ID } from '../flows/volunteer.machine.js';
import { createDispatchSweeper } from './scheduler/dispatch-sweeper.js';

// === The one composition root

export interface AppIO {
  env: Record<string, string | undefined>;
  stdin: Readable & { isTTY?: boolean };
  stdout: Writable;
  /** A logger to use instead of one made from LOG_LEVEL (tests). */
  log?: Logger;
}

/** Starts lianxin: database, reference data, flows, outbox, and the configured channel. */
export async function startApp(io: AppIO) {
  const config = createConfig(io.env);
  const log = io.log ?? createLogger(config.logLevel ?? (config.telegram ? 'info' : 'warn'));

  // Where start-up time goes, in ms (`loading`: the process until here), logged once started.
  const startup: Record<string, number> = { loading: Math.round(performance.now()) };
  let mark = performance.now();
  const phase = (name: string) => {
    startup[name] = Math.round(performance.now() - mark);
    mark = performance.now();
  };

  const catalogue = readCatalogueFile(config.catalogueFile);
  const stationTree = readStationsFile(config.stationsFile);
  phase('files');
  const database = await openDatabase(config.database);
  phase('database');
  await syncReferenceData(database.db, catalogue, stationTree);
  phase('referenceData');
  log.info({ database: database.kind, location: database.location }, 'database ready');

  const tree = await loadStationTree(database.db);
  await bootstrapOrganizers(database.db, config.organizers, tree.byCode(stationTree.code)!.id, new Date());
  const matcher = createCatalogueMatcher(catalogue);
  const deps = residentFlowDeps(catalogue, matcher, createStationDirectory(stationTree));
  const dispatch = createDispatch({ tree, findSkill: skillFinder(catalogue), ...config.dispatch });
  const flows = [createResidentFlow(deps, dispatch), createVolunteerFlow(deps, tree, dispatch)];
  const senders: Record<string, Sender> = {};
  const onChatMigrated = (channel: string, from: string, to: string) => dispatch.followMigratedChat(database.db, channel, from, to);
  const delivery = createOutboxDelivery({ db: database.db, senders, log, onChatMigrated, onBlocked: peoplePort.markBlocked, instanceName: config.instanceName, exclusiveDatabase: database.kind === 'pglite' });
  await delivery.takeOverLeases();
  const runner: FlowRunner = createFlowRunner({
    people: peoplePort,
    db: database.db,
    flows,
    startFlow: (content) => (startsVolunteerFlow(content) ? VOLUNTEER_FLOW_ID : null),
    commands: dispatch.commands,
    log,
    senders,
    // The person's own replies now; everything else (cards, notices, paced group traffic) in the background.
    deliver: async (_ids, msg) => {
      await delivery.deliverChats([{ channel: msg.channel, chatId: msg.chatId }]);
      void delivery.deliverDue();
    },
  });
  const sweeper = createDispatchSweeper({ db: database.db, dispatch, log, afterSweep: () => delivery.deliverDue() });
  phase('flows');

  let done: Promise<void>;
  let stopChannel = async () => {};
  let telegram: TelegramChannel | undefined;
  if (config.telegram) {
    // Loaded only when configured: grammY and its plugins are a good part of the start-up time.
    const [{ createTelegramChannel }, { TELEGRAM_CHANNEL }] = await Promise.all([
      import('./channels/telegram/telegram-channel.js'),
      import('./channels/telegram/updates.js'),
    ]);
    const channel = createTelegramChannel({ token: config.telegram.token, apiRoot: config.telegram.apiRoot, webhook: config.telegram.webhook, log, handle: runner.handle, onChatMigrated });
    telegram = channel;
    senders[TELEGRAM_CHANNEL] = channel.sender;
    await channel.start();
    let ended = () => {};
    done = new Promise<void>((resolve) => (ended = resolve));
    stopChannel = async () => {
      await channel.stop();
      ended();
    };
  } else {
    const consoleChannel = createConsoleChannel({ input: io.stdin, output: io.stdout, interactive: Boolean(io.stdin.isTTY), handle: runner.handle });
    senders[CONSOLE_CHANNEL] = consoleChannel.sender;
    io.stdout.write(`${texts.consoleIntro(database.location)}\n`);
    done = consoleChannel.run();
    stopChannel = () => consoleChannel.stop();
  }
  phase('channel');
  await delivery.deliverDue();
  delivery.start();
  sweeper.start();
  phase('outbox');
  log.info({ startup }, 'started');

  let stopped: Promise<void> | null = null;
  return {
    config,
    telegram,
    /** Resolves when the channel ends by itself (console: end of input). */
    done,
    /**
     * Stops taking messages, lets the message in hand and the delivery pass under way finish for a
     * moment (a send waiting out a rate limit is left: it is sent again at the next start), closes.
     */
    stop: () =>
      (stopped ??= (async () => {
        const deadline = Date.now() + STOP_GRACE_MS;
        const within = async (work: Promise<unknown>) => {
          let timer: NodeJS.Timeout | undefined;
          await Promise.race([work.catch(() => {}), new Promise((r) => (timer = setTimeout(r, Math.max(0, deadline - Date.now()))))]);
          clearTimeout(timer);
        };
        await within(stopChannel());
        sweeper.stop();
        await within(delivery.stop());
        await database.close();
      })()),
  };
}

/** How long a stop waits for work in hand (a message, a delivery pass) before closing anyway. */
const STOP_GRACE_MS = 2_000;
/** How long a stop may take after SIGTERM or SIGINT before the process exits anyway. */
const STOP_TIMEOUT_MS = 5_000;
/** A repeat of a signal within this time is the same request (npm forwards the terminal's Ctrl+C too). */
const REPEAT_SIGNAL_MS = 1_000;

async function main(): Promise<number> {
  if (existsSync('.env')) process.loadEnvFile('.env');
  // Listening from the very start: a signal during start-up stops the app as soon as it is up.
  let requested: number | null = null;
  let onStopRequest = () => {};
  const stopRequested = new Promise<void>((resolve) => (onStopRequest = resolve));
  const onSignal = (signal: NodeJS.Signals) => {
    if (requested === null) {
      requested = Date.now();
      setTimeout(() => {
        process.stderr.write(`lianxin: stopping took over ${STOP_TIMEOUT_MS / 1000} s; exiting anyway (undelivered messages are sent at the next start)\n`);
        process.exit(1);
      }, STOP_TIMEOUT_MS).unref();
      onStopRequest();
    } else if (Date.now() - requested > REPEAT_SIGNAL_MS) {
      process.stderr.write(`lianxin: ${signal} again; exiting now\n`);
      process.exit(1);
    }
  };
  process.on('SIGTERM', onSignal);
  process.on('SIGINT', onSignal);
  const app = await startApp({ env: process.env, stdin: process.stdin, stdout: process.stdout });
  await Promise.race([app.done, stopRequested]);
  await app.stop();
  return 0;
}

/** Runs lianxin as a program: exits 0 after a clean stop, 1 when it could not start. */
export function run(): void {
  main().then(
    (code) => process.exit(code),
    (err: unknown) => {
      if (err instanceof ConfigError) process.stderr.write(`${err.message}\n`);
      else process.stderr.write(`lianxin could not start: ${JSON.stringify(safeError(err))}\n`);
      process.exit(1);
    },
  );
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) run();
