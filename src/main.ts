import type { Readable, Writable } from 'node:stream';
import type { Logger } from 'pino';
import { openDatabase } from '../db/client.js';
import { createApp } from './app.js';
import { CONSOLE_CHANNEL, createConsoleChannel } from './channels/console/console-channel.js';
import type { TelegramChannel } from './channels/telegram/telegram-channel.js';
import type { WechatChannel } from './channels/wechat/wechat-channel.js';
import { createConfig } from './config.js';
import { type Env, EXIT, isProgram, runProcess } from './cli/runner.js';
import { createSharedToken } from './core/shared-token.js';
import type { HttpServer } from './http/server.js';
import { readCatalogueFile, readStationsFile, syncReferenceData } from './domain/reference-data.js';
import { createLogger } from './logger.js';
import { texts } from './texts/resident.js';

// === The process: configuration, database, the app (src/app.ts), the configured channel, signals

export interface AppIO {
  env: Record<string, string | undefined>;
  stdin: Readable & { isTTY?: boolean };
  stdout: Writable;
  /** A logger to use instead of one made from LOG_LEVEL (tests). */
  log?: Logger;
  /**
   * `off` only for tests against a local Bot API stand-in: the outbox then holds no Telegram chat to
   * its per-group and per-person limits (its overall pace stays), which would only make them wait.
   */
  telegramPacing?: 'telegram' | 'off';
}

/** Starts lianxin: database, reference data, the app, and the configured channel. */
export async function startApp(io: AppIO) {
  const config = createConfig(io.env);
  if (io.telegramPacing === 'off') config.pacing.telegram = { perSecond: config.pacing.telegram!.perSecond };
  const log = io.log ?? createLogger(config.logLevel ?? (config.telegram || config.wechat ? 'info' : 'warn'));

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

  const app = await createApp({ config, database, log, catalogue, stations: stationTree });
  phase('flows');

  let done: Promise<void>;
  let stopChannel = async () => {};
  let telegram: TelegramChannel | undefined;
  let wechat: WechatChannel | undefined;
  // One HTTP server for every platform that calls us (Telegram's webhook, WeChat's callback) and the
  // stations' calendar feeds (CALENDAR_FEED=on, which starts it when no channel needs it). Loaded only
  // then, like the channels: a process without it does not pay for its router.
  let http: HttpServer | undefined;
  if (config.telegram?.webhook || config.wechat || config.calendar.feed) {
    const { createHttpServer } = await import('./http/server.js');
    http = createHttpServer({ log });
  }
  if (http && config.calendar.feed) {
    const { addCalendarFeedRoutes } = await import('./app/calendar-feed.js');
    addCalendarFeedRoutes(http, app);
  }
  if (http) {
    await http.listen(config.http.port, config.http.host);
    log.info({ port: http.port() }, 'http server listening');
  }
  if (config.telegram || config.wechat) {
    const stops: (() => Promise<void>)[] = [];
    if (config.telegram) {
      // Loaded only when configured: grammY and its plugins are a good part of the start-up time.
      const [{ createTelegramChannel }, { TELEGRAM_CHANNEL }] = await Promise.all([
        import('./channels/telegram/telegram-channel.js'),
        import('./channels/telegram/updates.js'),
      ]);
      const { webhook } = config.telegram;
      telegram = createTelegramChannel({
        token: config.telegram.token,
        apiRoot: config.telegram.apiRoot,
        webhook: webhook && http ? { ...webhook, http } : undefined,
        log,
        handle: app.handle,
        onChatMigrated: app.followMigratedChat,
      });
      app.addSender(TELEGRAM_CHANNEL, telegram.sender);
      stops.push(telegram.stop);
    }
    if (config.wechat && http) {
      const [{ createWechatChannel }, { WECHAT_CHANNEL }] = await Promise.all([
        import('./channels/wechat/wechat-channel.js'),
        import('./channels/wechat/inbound.js'),
      ]);
      wechat = createWechatChannel({
        ...config.wechat,
        http,
        tokenStore: (fetch) => createSharedToken({ db: database.db, key: `wechat:${config.wechat!.appId}`, fetch }),
        handle: app.handle,
        log,
      });
      app.addSender(WECHAT_CHANNEL, wechat.sender);
      stops.push(wechat.stop);
    }
    // The backlog is delivered in the background (app.start): the channels take messages at once.
    await app.start();
    // WeChat's route first: Telegram's start waits on its API (getMe, commands, webhook or polling).
    await wechat?.start();
    await telegram?.start();
    let ended = () => {};
    done = new Promise<void>((resolve) => (ended = resolve));
    stopChannel = async () => {
      await Promise.all(stops.map((stop) => stop()));
      await http?.close();
      ended();
    };
  } else {
    // The terminal is the operator's own (or a script piped in): no flood control, the runner itself; one
    // person reads each answer before typing on, so a line waits for its replies to be shown.
    const answered = async (msg: Parameters<typeof app.runner.handle>[0]) => {
      const result = await app.runner.handle(msg);
      await app.delivery.settled();
      return result;
    };
    const consoleChannel = createConsoleChannel({ input: io.stdin, output: io.stdout, interactive: Boolean(io.stdin.isTTY), handle: answered });
    app.addSender(CONSOLE_CHANNEL, consoleChannel.sender);
    await app.start();
    io.stdout.write(`${texts.consoleIntro(database.location)}\n`);
    done = consoleChannel.run();
    stopChannel = async () => {
      await consoleChannel.stop();
      await http?.close();
    };
  }
  http?.ready();
  phase('channel');
  log.info({ startup }, 'started');

  let stopped: Promise<void> | null = null;
  return {
    config,
    /** The composed app (its database, outbox and schedulers), for tests and tools. */
    app,
    telegram,
    wechat,
    /** The HTTP server's port, when one runs (webhooks, callbacks). */
    httpPort: () => http?.port() ?? 0,
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
        await within(app.stop());
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

async function main(env: Env): Promise<number> {
  // Listening from the very start: a signal during start-up stops the app as soon as it is up.
  let requested: number | null = null;
  let onStopRequest = () => {};
  const stopRequested = new Promise<void>((resolve) => (onStopRequest = resolve));
  const onSignal = (signal: NodeJS.Signals) => {
    if (requested === null) {
      requested = Date.now();
      setTimeout(() => {
        process.stderr.write(`lianxin: stopping took over ${STOP_TIMEOUT_MS / 1000} s; exiting anyway (undelivered messages are sent at the next start)\n`);
        process.exit(EXIT.failed);
      }, STOP_TIMEOUT_MS).unref();
      onStopRequest();
    } else if (Date.now() - requested > REPEAT_SIGNAL_MS) {
      process.stderr.write(`lianxin: ${signal} again; exiting now\n`);
      process.exit(EXIT.failed);
    }
  };
  process.on('SIGTERM', onSignal);
  process.on('SIGINT', onSignal);
  const app = await startApp({ env, stdin: process.stdin, stdout: process.stdout });
  await Promise.race([app.done, stopRequested]);
  await app.stop();
  return EXIT.done;
}

/** Runs lianxin as a program (`npm start`): exits 0 after a clean stop, 1 when it could not start. */
export function run(): void {
  runProcess('lianxin could not start', ({ env }) => main(env));
}

if (isProgram(import.meta.url)) run();
